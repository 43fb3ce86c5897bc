import path from 'node:path';
import { childrenOf } from './xml.js';
import type { FileFacts, PropertiesFacts, XmlFacts } from '../types.js';

export type LoggingFramework = 'log4j' | 'log4j2' | 'logback' | 'jul';

export interface FileAppender {
  framework: LoggingFramework;
  file: string;
  line: number;
  column: number;
  name: string;
  className?: string;
  path?: string; // where it writes, as configured
  referenced: boolean; // some logger uses it; an unreferenced appender writes nothing
}

const LOG4J_FILE_CLASS = /(FileAppender|RollingFileAppender|DailyRolling\w*Appender|ExternallyRolledFileAppender)$/;
const LOGBACK_FILE_CLASS = /(FileAppender|RollingFileAppender|SiftingAppender)$/;
const LOG4J2_FILE_ELEMENTS = new Set([
  'File',
  'RollingFile',
  'RollingRandomAccessFile',
  'RandomAccessFile',
  'MemoryMappedFile',
]);
const JUL_FILE_CLASS = /(FileHandler|AsyncFileHandler)$/;

const refsIn = (value: string) =>
  value
    .split(',')
    .slice(1)
    .map((s) => s.trim())
    .filter(Boolean);

function log4jProperties(p: PropertiesFacts): FileAppender[] {
  const get = (k: string) => p.entries.find((e) => e.key === k)?.value;
  const refs = new Set<string>();
  for (const e of p.entries) {
    if (/^log4j\.(rootLogger|rootCategory|logger\.|category\.)/.test(e.key))
      refsIn(e.value).forEach((r) => refs.add(r));
  }
  const out: FileAppender[] = [];
  for (const e of p.entries) {
    const m = /^log4j\.appender\.([^.]+)$/.exec(e.key);
    if (!m) continue;
    const file = get(`log4j.appender.${m[1]}.File`) ?? get(`log4j.appender.${m[1]}.file`);
    if (!LOG4J_FILE_CLASS.test(e.value) && file === undefined) continue;
    out.push({
      framework: 'log4j',
      file: p.file,
      line: e.line,
      column: e.column,
      name: m[1],
      className: e.value,
      path: file,
      referenced: refs.has(m[1]),
    });
  }
  return out;
}

function julProperties(p: PropertiesFacts): FileAppender[] {
  const refs = new Set<string>();
  for (const e of p.entries)
    if (e.key === 'handlers' || e.key.endsWith('.handlers'))
      e.value
        .split(/[\s,]+/)
        .filter(Boolean)
        .forEach((h) => refs.add(h));
  const out: FileAppender[] = [];
  const declared = new Set<string>();
  for (const e of p.entries) {
    const m = /^(.*?(?:FileHandler|AsyncFileHandler))\.(directory|pattern|prefix|level)$/.exec(e.key);
    if (!m || declared.has(m[1]) || !JUL_FILE_CLASS.test(m[1])) continue;
    declared.add(m[1]);
    const dir = p.entries.find((x) => x.key === `${m[1]}.directory`)?.value;
    const pattern = p.entries.find((x) => x.key === `${m[1]}.pattern`)?.value;
    const prefix = p.entries.find((x) => x.key === `${m[1]}.prefix`)?.value;
    out.push({
      framework: 'jul',
      file: p.file,
      line: e.line,
      column: e.column,
      name: m[1],
      className: m[1].replace(/^\d+\w*?\.(?=[a-z])/, ''),
      path: pattern ?? (dir !== undefined ? `${dir}/${prefix ?? ''}` : undefined),
      referenced: refs.has(m[1]),
    });
  }
  // a handler listed with no settings of its own still writes to its default location
  for (const h of refs) {
    if (declared.has(h) || !JUL_FILE_CLASS.test(h)) continue;
    const e = p.entries.find((x) => x.key === 'handlers' || x.key.endsWith('.handlers'))!;
    out.push({
      framework: 'jul',
      file: p.file,
      line: e.line,
      column: e.column,
      name: h,
      className: h,
      referenced: true,
    });
  }
  return out;
}

function xmlAppenders(x: XmlFacts, framework: 'log4j' | 'logback'): FileAppender[] {
  const refs = new Set(x.elements.filter((e) => e.name === 'appender-ref').map((e) => e.attributes.ref));
  const out: FileAppender[] = [];
  x.elements.forEach((el, i) => {
    if (el.name !== 'appender') return;
    const cls = el.attributes.class ?? '';
    const kids = childrenOf(x, i);
    const filePath =
      framework === 'log4j'
        ? kids.find((k) => k.name === 'param' && /^file$/i.test(k.attributes.name ?? ''))?.attributes.value
        : (kids.find((k) => k.name === 'file')?.text ?? kids.find((k) => k.name === 'fileNamePattern')?.text);
    const isFile = framework === 'log4j' ? LOG4J_FILE_CLASS.test(cls) : LOGBACK_FILE_CLASS.test(cls);
    if (!isFile && filePath === undefined) return;
    out.push({
      framework,
      file: x.file,
      line: el.line,
      column: el.column,
      name: el.attributes.name ?? '',
      className: cls,
      path: filePath,
      referenced: refs.has(el.attributes.name),
    });
  });
  return out;
}

function log4j2Xml(x: XmlFacts): FileAppender[] {
  const refs = new Set(
    x.elements.filter((e) => e.name === 'AppenderRef' || e.name === 'appender-ref').map((e) => e.attributes.ref),
  );
  return x.elements
    .filter((e) => LOG4J2_FILE_ELEMENTS.has(e.name) && /\/Appenders\//i.test(e.path + '/'))
    .map((e) => ({
      framework: 'log4j2' as const,
      file: x.file,
      line: e.line,
      column: e.column,
      name: e.attributes.name ?? '',
      className: e.name,
      path: e.attributes.fileName ?? e.attributes.filePattern,
      referenced: refs.has(e.attributes.name),
    }));
}

/** File appenders and handlers declared by the logging configurations among the files. */
export function fileAppenders(f: FileFacts): FileAppender[] {
  const base = path.posix.basename(f.file).toLowerCase();
  if (f.kind === 'properties') {
    if (f.entries.some((e) => e.key.startsWith('log4j.appender.'))) return log4jProperties(f);
    if (base === 'logging.properties' || f.entries.some((e) => e.key === 'handlers' || e.key === '.handlers'))
      return julProperties(f);
    return [];
  }
  if (f.kind === 'xml') {
    if (f.root === 'configuration' && f.elements.some((e) => e.name === 'Appenders')) return log4j2Xml(f);
    if (f.root === 'Configuration') return log4j2Xml(f);
    if (f.root === 'configuration' && (base.startsWith('log4j') || f.namespace?.includes('jakarta.apache.org/log4j')))
      return xmlAppenders(f, 'log4j');
    if (f.root === 'configuration' && base.startsWith('logback')) return xmlAppenders(f, 'logback');
    if (f.root === 'configuration') return xmlAppenders(f, base.includes('log4j') ? 'log4j' : 'logback');
  }
  return [];
}
