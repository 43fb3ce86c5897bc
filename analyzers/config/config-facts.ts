import { fileAppenders, type FileAppender } from './logging.js';
import { springBeans, type SpringBean } from './spring-xml.js';
import { strutsActions, type StrutsAction } from './struts-config.js';
import { summarizeTomcatConfig, type TomcatConfig } from './tomcat-config.js';
import type { FileFacts } from '../types.js';
import { summarizeWebXml, type WebXml } from './web-xml.js';

export interface ConfigFacts {
  webXml: WebXml[];
  tomcat: TomcatConfig[];
  springBeans: SpringBean[];
  strutsActions: StrutsAction[];
  fileAppenders: FileAppender[];
}

/** What the configuration files of an app declare, summarized per kind for the later stages. */
export function configFacts(files: FileFacts[]): ConfigFacts {
  const out: ConfigFacts = { webXml: [], tomcat: [], springBeans: [], strutsActions: [], fileAppenders: [] };
  for (const f of files) {
    if (f.kind === 'xml') {
      const w = summarizeWebXml(f);
      if (w) out.webXml.push(w);
      const t = summarizeTomcatConfig(f);
      if (t) out.tomcat.push(t);
      out.springBeans.push(...springBeans(f));
      out.strutsActions.push(...strutsActions(f));
    }
    if (f.kind === 'xml' || f.kind === 'properties') out.fileAppenders.push(...fileAppenders(f));
  }
  return out;
}
