import path from 'node:path';
import { childrenOf } from './xml.js';
import type { XmlElement, XmlFacts } from '../types.js';

export type WebXmlFlavor = 'dtd' | 'j2ee' | 'javaee' | 'jcp' | 'jakarta';

export interface WebXml {
  file: string;
  flavor: WebXmlFlavor;
  servletNamespace: 'javax' | 'jakarta';
  version?: string; // Servlet spec version the descriptor declares
  distributable: boolean;
  sessionTimeout?: number; // minutes
  listeners: string[];
  filters: { name: string; className: string }[];
  servlets: { name: string; className?: string; jsp?: string }[];
  servletUrlPatterns: string[]; // of every servlet-mapping
  contextParams: { name: string; value: string; line: number }[];
}

const NAMESPACES: Record<string, WebXmlFlavor> = {
  'http://java.sun.com/xml/ns/j2ee': 'j2ee',
  'http://java.sun.com/xml/ns/javaee': 'javaee',
  'http://xmlns.jcp.org/xml/ns/javaee': 'jcp',
  'https://jakarta.ee/xml/ns/jakartaee': 'jakarta',
};

function text(kids: XmlElement[], parent: XmlElement, name: string): string | undefined {
  return kids.find((k) => k.path === `${parent.path}/${name}`)?.text;
}

/** A webapp's deployment descriptor, in any of its five namespaces (DTD 2.2/2.3, j2ee, javaee, jcp.org, jakarta). */
export function summarizeWebXml(x: XmlFacts): WebXml | undefined {
  if (x.root !== 'web-app') return undefined;
  const root = x.elements[0];
  const flavor: WebXmlFlavor = x.namespace ? (NAMESPACES[x.namespace] ?? 'javaee') : 'dtd';
  const dtdVersion = /Web Application (\d\.\d)/.exec(x.doctype ?? '')?.[1];
  const w: WebXml = {
    file: x.file,
    flavor,
    servletNamespace: flavor === 'jakarta' ? 'jakarta' : 'javax',
    version: root.attributes.version ?? dtdVersion,
    distributable: false,
    listeners: [],
    filters: [],
    servlets: [],
    servletUrlPatterns: [],
    contextParams: [],
  };
  x.elements.forEach((el, i) => {
    if (el.path.split('/').length !== 2) return;
    const kids = childrenOf(x, i);
    switch (el.name) {
      case 'distributable':
        w.distributable = true;
        break;
      case 'session-config': {
        const t = text(kids, el, 'session-timeout');
        if (t && /^-?\d+$/.test(t)) w.sessionTimeout = Number(t);
        break;
      }
      case 'listener': {
        const c = text(kids, el, 'listener-class');
        if (c) w.listeners.push(c);
        break;
      }
      case 'filter':
        w.filters.push({ name: text(kids, el, 'filter-name') ?? '', className: text(kids, el, 'filter-class') ?? '' });
        break;
      case 'servlet':
        w.servlets.push({
          name: text(kids, el, 'servlet-name') ?? '',
          className: text(kids, el, 'servlet-class'),
          jsp: text(kids, el, 'jsp-file'),
        });
        break;
      case 'servlet-mapping':
        for (const k of kids) if (k.name === 'url-pattern' && k.text) w.servletUrlPatterns.push(k.text.trim());
        break;
      case 'context-param':
        w.contextParams.push({
          name: text(kids, el, 'param-name') ?? '',
          value: text(kids, el, 'param-value') ?? '',
          line: el.line,
        });
        break;
    }
  });
  return w;
}

/** The folder that holds a webapp's WEB-INF and META-INF, from the path of its web.xml ('.' at the top of the tree). */
export const webRootOf = (webXmlFile: string): string => path.posix.dirname(path.posix.dirname(webXmlFile));
