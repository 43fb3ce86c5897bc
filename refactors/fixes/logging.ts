import type { FileAppender, LoggingFramework } from '../../analyzers/config/logging.js';
import type { XmlNode } from '../../analyzers/config/xml.js';
import { lineRemoval } from '../edit/lines.js';
import { entryNamed, entryRemoval, readProperties, valueEdit, type PropertiesFile } from '../edit/properties-doc.js';
import type { TextEdit } from '../edit/text-edit.js';
import {
  attributeEdit,
  contentEdit,
  contentOf,
  descendantsOf,
  elementAt,
  readXml,
  type XmlFile,
} from '../edit/xml-doc.js';
import type { Fix, FixContext, FixOptions } from '../types.js';
import type { Workspace } from '../workspace.js';
import { byFile } from './by-file.js';

export const LOG_ROOT = '/logs';

type Mode = FixOptions['logs'];

// Where each framework finds LOG_DIR and HOST: log4j 1.x and JULI read Java system properties only
// (setenv.sh sets them from the environment); log4j2 and logback read the environment themselves.
const DIR: Record<LoggingFramework, string> = {
  log4j: '${LOG_DIR}/${HOST}',
  jul: '${LOG_DIR}/${HOST}',
  log4j2: `\${env:LOG_DIR:-${LOG_ROOT}}/\${env:HOST:-localhost}`,
  logback: `\${LOG_DIR:-${LOG_ROOT}}/\${HOST:-localhost}`,
};

const LOG4J_FILE_PARAMS = ['File', 'file', 'DatePattern', 'MaxFileSize', 'MaxBackupIndex', 'Append'];
const LOG4J_CONSOLE = 'org.apache.log4j.ConsoleAppender';
const JUL_CONSOLE = 'java.util.logging.ConsoleHandler';

/** The file name an appender writes, without its folder: /home/crm/logs/crm.log → crm.log. */
export function logFileName(p: string | undefined, fallback: string): string {
  const name = (p ?? '').split(/[\\/]/).pop()?.trim();
  return name && !/^\$\{[^}]*\}$/.test(name) ? name : `${fallback}.log`;
}

const target = (a: FileAppender) => `${DIR[a.framework]}/${logFileName(a.path, a.name || 'app')}`;

const defined = (edits: (TextEdit | undefined)[]): TextEdit[] => edits.filter((e): e is TextEdit => !!e);

/** The value of the first entry with this key, replaced. */
function entryEdit(p: PropertiesFile, key: string, text: string): TextEdit | undefined {
  const e = entryNamed(p, key);
  return e && valueEdit(e, text);
}

/** log4j.properties: the appender's File under the log folder, or a ConsoleAppender without its file settings. */
function log4jPropertiesEdits(p: PropertiesFile, a: FileAppender, mode: Mode): TextEdit[] {
  const base = `log4j.appender.${a.name}`;
  if (mode === 'volume')
    return defined([entryEdit(p, `${base}.File`, target(a)) ?? entryEdit(p, `${base}.file`, target(a))]);
  const removals = LOG4J_FILE_PARAMS.map((k) => entryNamed(p, `${base}.${k}`)).map((e) => e && entryRemoval(p, e));
  return defined([entryEdit(p, base, LOG4J_CONSOLE), ...removals]);
}

/** JULI's logging.properties: the handler's directory (or its pattern) under the log folder. */
function julVolumeEdits(p: PropertiesFile, a: FileAppender, left: string[]): TextEdit[] {
  const dir = entryEdit(p, `${a.name}.directory`, DIR.jul);
  if (dir) return [dir];
  const pattern = entryEdit(p, `${a.name}.pattern`, target(a));
  if (!pattern) left.push(`${a.file}: ${a.name} writes to its default place: set ${a.name}.directory = ${DIR.jul}`);
  return defined([pattern]);
}

/** JULI's handlers list without the file handlers, with the console handler. */
function julConsoleEdit(p: PropertiesFile, handlers: FileAppender[]): TextEdit | undefined {
  const entry = p.entries.find((e) => e.key === 'handlers' || e.key === '.handlers');
  if (!entry || !handlers.length) return undefined;
  const gone = new Set(handlers.map((h) => h.name));
  const list = entry.value.split(/[\s,]+/).filter((h) => h && !gone.has(h));
  if (!list.includes(JUL_CONSOLE)) list.push(JUL_CONSOLE);
  return valueEdit(entry, list.join(', '));
}

function propertiesEdits(p: PropertiesFile, appenders: FileAppender[], mode: Mode, left: string[]): TextEdit[] {
  const jul = appenders.filter((a) => a.framework === 'jul');
  return [
    ...appenders.filter((a) => a.framework === 'log4j').flatMap((a) => log4jPropertiesEdits(p, a, mode)),
    ...(mode === 'volume' ? jul.flatMap((a) => julVolumeEdits(p, a, left)) : defined([julConsoleEdit(p, jul)])),
  ];
}

/** log4j2: fileName and filePattern under the log folder; a console appender is left for a person to write. */
function log4j2Edits(el: XmlNode, a: FileAppender, mode: Mode, left: string[]): TextEdit[] {
  if (mode === 'stdout') {
    left.push(
      `${a.file}: ${a.className} ${a.name}: replace it with a <Console name="${a.name}" target="SYSTEM_OUT"> appender by hand`,
    );
    return [];
  }
  const pattern = `${DIR.log4j2}/${logFileName(el.attributes.filePattern, a.name)}`;
  return defined([attributeEdit(el, 'fileName', target(a)), attributeEdit(el, 'filePattern', pattern)]);
}

/** log4j 1.x XML: the File param under the log folder, or a ConsoleAppender without its file params. */
function log4jXmlEdits(x: XmlFile, el: XmlNode, a: FileAppender, mode: Mode): TextEdit[] {
  const params = descendantsOf(x, el).filter((p) => p.name === 'param');
  if (mode === 'volume') {
    const file = params.find((p) => /^file$/i.test(p.attributes.name ?? ''));
    return defined([file && attributeEdit(file, 'value', target(a))]);
  }
  const fileParams = params.filter((p) =>
    /^(file|datepattern|maxfilesize|maxbackupindex|append)$/i.test(p.attributes.name ?? ''),
  );
  return defined([
    attributeEdit(el, 'class', LOG4J_CONSOLE),
    ...fileParams.map((p) => lineRemoval(x.file.text, p.spans.start, p.spans.end)),
  ]);
}

/** logback: <file> and <fileNamePattern> under the log folder, or a ConsoleAppender without file and policies. */
function logbackEdits(x: XmlFile, el: XmlNode, a: FileAppender, mode: Mode): TextEdit[] {
  const inside = descendantsOf(x, el);
  const file = inside.find((e) => e.name === 'file');
  if (mode === 'volume') {
    const pattern = inside.find((e) => e.name === 'fileNamePattern');
    const rolled = pattern && `${DIR.logback}/${logFileName(contentOf(x, pattern), a.name)}`;
    return defined([file && contentEdit(file, target(a)), pattern && contentEdit(pattern, rolled!)]);
  }
  const policies = inside.filter((e) => e.name === 'rollingPolicy' || e.name === 'triggeringPolicy');
  return defined([
    attributeEdit(el, 'class', 'ch.qos.logback.core.ConsoleAppender'),
    ...[file, ...policies].map((e) => e && lineRemoval(x.file.text, e.spans.start, e.spans.end)),
  ]);
}

function xmlEdits(ws: Workspace, x: XmlFile, appenders: FileAppender[], mode: Mode, left: string[]): TextEdit[] {
  return appenders.flatMap((a) => {
    const el = elementAt(ws, x, a);
    if (!el) return [];
    if (a.framework === 'log4j2') return log4j2Edits(el, a, mode, left);
    return a.framework === 'log4j' ? log4jXmlEdits(x, el, a, mode) : logbackEdits(x, el, a, mode);
  });
}

/** Edits one logging configuration; whether there was anything to edit in it. */
function editFile(ctx: FixContext<'logs'>, file: string, appenders: FileAppender[], left: string[]): boolean {
  const inProperties = appenders[0].framework === 'jul' || file.endsWith('.properties');
  if (inProperties) {
    const p = readProperties(ctx.ws, file);
    const edits = p ? propertiesEdits(p, appenders, ctx.options.logs, left) : [];
    if (p) ctx.ws.edit(file, p.file, edits);
    return edits.length > 0;
  }
  const x = readXml(ctx.ws, file);
  const edits = x ? xmlEdits(ctx.ws, x, appenders, ctx.options.logs, left) : [];
  if (x) ctx.ws.edit(file, x.file, edits);
  return edits.length > 0;
}

function message(mode: Mode, changed: string[]): string {
  return mode === 'volume'
    ? `Write logs to per-host folders on the log volume\n\nFile appenders in ${changed.join(', ')} now write under \${LOG_DIR}/\${HOST}/ (${LOG_ROOT} by default): the log volume keeps one folder per host, which the ELK shippers collect, and nothing is lost with the container.`
    : `Write logs to the console\n\nFile appenders in ${changed.join(', ')} now write to standard output, which the container runtime collects.`;
}

/**
 * Every file appender a logger uses (the configuration facts the rule reads: each appender with where the
 * analyzers found it), including those already under ${LOG_DIR}, so that --logs stdout also turns those to the console.
 */
export const loggingFix: Fix<'logs'> = {
  kind: 'logs',
  options: ['logs'],
  resolves: ['file-logging'],
  run(ctx) {
    const mode = ctx.options.logs;
    const left = ctx.project.config.fileAppenders
      .filter((a) => !a.referenced)
      .map(
        (a) => `${a.file}:${a.line}: ${a.framework} appender ${a.name} is declared but no logger uses it: remove it`,
      );
    const appenders = ctx.project.config.fileAppenders.filter((a) => a.referenced);
    const changed = [...byFile(appenders)].filter(([file, list]) => editFile(ctx, file, list, left)).map(([f]) => f);
    if (changed.length) {
      ctx.record.logs = { mode, dir: LOG_ROOT };
      if (mode === 'volume' && appenders.some((a) => a.framework === 'log4j' || a.framework === 'jul')) {
        ctx.record.javaSystemProperties.LOG_DIR = `\${LOG_DIR:-${LOG_ROOT}}`;
        ctx.record.javaSystemProperties.HOST = '${HOST:-$(hostname)}';
      }
    }
    return { kind: 'logs', message: message(mode, changed), left };
  },
};
