import path from 'node:path';
import type { XmlFacts } from '../types.js';

export interface TomcatElement {
  kind: 'Resource' | 'Manager' | 'Store' | 'Cluster' | 'Valve' | 'Environment' | 'Parameter';
  file: string;
  line: number;
  attributes: Record<string, string>;
}

export interface TomcatConfig {
  file: string;
  role: 'context' | 'server';
  elements: TomcatElement[];
}

const KINDS = new Set<TomcatElement['kind']>([
  'Resource',
  'Manager',
  'Store',
  'Cluster',
  'Valve',
  'Environment',
  'Parameter',
]);

/** Tomcat's context.xml (META-INF/, conf/, conf/Catalina/host/*.xml) and server.xml: what shapes runtime state. */
export function summarizeTomcatConfig(x: XmlFacts): TomcatConfig | undefined {
  const role =
    x.root === 'Context'
      ? 'context'
      : x.root === 'Server' && path.posix.basename(x.file) === 'server.xml'
        ? 'server'
        : undefined;
  if (!role) return undefined;
  return {
    file: x.file,
    role,
    elements: x.elements
      .filter((e) => KINDS.has(e.name as TomcatElement['kind']))
      .map((e) => ({ kind: e.name as TomcatElement['kind'], file: x.file, line: e.line, attributes: e.attributes })),
  };
}
