import path from 'node:path';
import type { Finding } from '../../analyzers/types.js';
import { chooseEnvName } from '../edit/env-names.js';
import { entryAt, readProperties, valueEdit, writtenValue } from '../edit/properties-doc.js';
import type { TextEdit } from '../edit/text-edit.js';
import { ancestorsOf, elementAt, readXml } from '../edit/xml-doc.js';
import { addEnv } from '../record.js';
import type { FixContext } from '../types.js';

/**
 * Values of logging configuration files (an SMTP appender's password): log4j 1 and logback replace ${name} in them
 * with the Java system property of that name, which setenv.sh sets from the environment, as Tomcat's own files do.
 */

/** Whether the file is a log4j 1 properties file (log4j.properties, log4j-prod.properties). */
export const isLog4jProperties = (file: string) => /^log4j(?:[-.][\w-]+)?\.properties$/.test(path.posix.basename(file));

/** Whether an XML file of this root and name is a log4j 1 or logback configuration. */
export const isLogXml = (file: string, root: string | undefined, namespace: string | undefined) =>
  root === 'configuration' &&
  (/^(log4j|logback)/.test(path.posix.basename(file)) || (namespace ?? '').includes('jakarta.apache.org/log4j'));

/** A variable and the system property that carries it, named after the setting. */
function systemProperty(ctx: FixContext, parts: string[], file: string, value: string, secret: boolean) {
  const name = chooseEnvName(ctx.record, [], {
    parts,
    qualifiers: [[path.posix.basename(file).replace(/\.\w+$/, '')]],
    value,
  })!;
  const prop = name.toLowerCase().replace(/_/g, '.');
  ctx.record.javaSystemProperties[prop] = `\${${name}}`;
  addEnv(ctx.record, { name, value, secret, usedBy: [file] });
  return prop;
}

export function fixLogProperties(
  ctx: FixContext,
  file: string,
  findings: Finding[],
  left: string[],
  isSecret: (f: Finding, value: string) => boolean,
): void {
  const p = readProperties(ctx.ws, file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const entry = entryAt(ctx.ws, p, finding);
    if (!entry || entry.value.startsWith('${') || edits.some((e) => e.start === entry.spans.value.start)) continue;
    if (writtenValue(p, entry).includes('\n')) {
      left.push(`${file}:${finding.line}: ${entry.key} spans several lines: move it to a \${property} by hand`);
      continue;
    }
    const key = entry.key.split('.').slice(-2);
    const prop = systemProperty(ctx, key, file, entry.value, isSecret(finding, entry.value));
    edits.push(valueEdit(entry, `\${${prop}}`));
  }
  ctx.ws.edit(file, p.file, edits);
}

export function fixLogXml(
  ctx: FixContext,
  file: string,
  findings: Finding[],
  left: string[],
  isSecret: (f: Finding, value: string) => boolean,
): void {
  const x = readXml(ctx.ws, file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const el = elementAt(ctx.ws, x, finding);
    const value = el?.attributes.value;
    const span = el?.spans.attributes.value;
    // log4j's <param name="SMTPPassword" value="..."/>; another element (logback's <password>) is left to a person
    if (!el || el.name !== 'param' || value === undefined || !span) {
      left.push(`${file}:${finding.line}: move this value to a \${property} by hand`);
      continue;
    }
    if (value.startsWith('${') || edits.some((e) => e.start === span.start)) continue;
    const appender = ancestorsOf(x, el).find((a) => a.name === 'appender')?.attributes.name;
    const parts = [...(appender ? [appender] : []), el.attributes.name ?? 'value'];
    const prop = systemProperty(ctx, parts, file, value, isSecret(finding, value));
    edits.push({ ...span, text: `\${${prop}}` });
  }
  ctx.ws.edit(file, x.file, edits);
}
