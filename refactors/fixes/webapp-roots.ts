import type { WebXml } from '../../analyzers/config/web-xml.js';
import type { ProjectFacts } from '../../analyzers/types.js';

const within = (file: string, dir: string) => dir !== '' && file.startsWith(`${dir}/`);

/**
 * The descriptors of the app's own webapps: a web.xml in a WEB-INF folder, whose parent is the webapp root. Not a
 * bundled Tomcat's server-wide conf/web.xml, not a copy under WEB-INF/classes, not a web.xml kept anywhere else
 * (src/, a config folder), whose "root" would be no webapp at all.
 */
export function webappDescriptors(project: ProjectFacts): WebXml[] {
  return project.config.webXml.filter(
    (w) =>
      /(^|\/)WEB-INF\/web\.xml$/.test(w.file) &&
      !/(^|\/)classes\//.test(w.file) &&
      !project.bundledTomcats.some((t) => within(w.file, t.dir)),
  );
}
