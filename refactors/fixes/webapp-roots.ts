import type { WebXml } from '../../analyzers/config/web-xml.js';
import type { ProjectFacts } from '../../analyzers/types.js';
import { scopeOfFile } from '../../analyzers/build/modules.js';

const within = (file: string, dir: string) => dir !== '' && file.startsWith(`${dir}/`);

/**
 * The descriptors of the app's own webapps: a web.xml in a WEB-INF folder, whose parent is the webapp root. Not a
 * bundled Tomcat's server-wide conf/web.xml, not a copy under WEB-INF/classes, not a web.xml kept anywhere else
 * (src/, a config folder), whose "root" would be no webapp at all, nor one outside the deployed app.
 */
export function webappDescriptors(project: ProjectFacts): WebXml[] {
  const webapps = project.config.webXml.filter(
    (w) =>
      /(^|\/)WEB-INF\/web\.xml$/.test(w.file) &&
      !/(^|\/)classes\//.test(w.file) &&
      !project.bundledTomcats.some((t) => within(w.file, t.dir)),
  );
  // not a webapp outside the deployed app (the project's own web site), unless no other is left
  const deployed = webapps.filter((w) => scopeOfFile(w.file, project.build.modules ?? []) === 'app');
  return deployed.length ? deployed : webapps;
}
