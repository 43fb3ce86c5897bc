import type { XmlFacts } from '../types.js';

export interface StrutsAction {
  file: string;
  line: number;
  path: string;
  type?: string;
  form?: string;
  scope?: 'request' | 'session'; // the form bean's scope: Struts 1 defaults to session when a form is named
}

/** Actions of a Struts 1 struts-config*.xml with the effective scope of their form beans. */
export function strutsActions(x: XmlFacts): StrutsAction[] {
  if (x.root !== 'struts-config') return [];
  return x.elements
    .filter((e) => e.path === 'struts-config/action-mappings/action')
    .map((e) => ({
      file: x.file,
      line: e.line,
      path: e.attributes.path ?? '',
      type: e.attributes.type,
      form: e.attributes.name,
      scope: e.attributes.name ? (e.attributes.scope === 'request' ? 'request' : 'session') : undefined,
    }));
}
