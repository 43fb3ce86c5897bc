import type { FileAppender, LoggingFramework } from '../../analyzers/config/logging.js';
import { applyEdits, type TextEdit } from '../edit/java-source.js';
import type { Fix, FixContext } from '../types.js';
import { findElements, innerText, removal } from '../edit/xml-edit.js';

export const LOG_ROOT = '/logs';

// Where each framework finds LOG_DIR and HOST: log4j 1.x and JULI read Java system properties only
// (setenv.sh sets them from the environment); log4j2 and logback read the environment themselves.
const DIR: Record<LoggingFramework, string> = {
  log4j: '${LOG_DIR}/${HOST}',
  jul: '${LOG_DIR}/${HOST}',
  log4j2: `\${env:LOG_DIR:-${LOG_ROOT}}/\${env:HOST:-localhost}`,
  logback: `\${LOG_DIR:-${LOG_ROOT}}/\${HOST:-localhost}`,
};

/** The file name an appender writes, without its folder: /home/crm/logs/crm.log → crm.log. */
export function logFileName(p: string | undefined, fallback: string): string {
  const name = (p ?? '').split(/[\\/]/).pop()?.trim();
  return name && !/^\$\{[^}]*\}$/.test(name) ? name : `${fallback}.log`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An edit of the value of a `key = value` line; a null value removes the whole line. */
function propertyValueEdit(text: string, key: string, value: (old: string) => string | null): TextEdit | undefined {
  const m = new RegExp(`^([ \\t]*${escapeRe(key)}[ \\t]*[=:][ \\t]*)(.*?)\\r?$`, 'm').exec(text);
  if (!m) return undefined;
  const next = value(m[2]);
  if (next === null) {
    const eol = text.indexOf('\n', m.index);
    return { start: m.index, end: eol < 0 ? text.length : eol + 1, text: '' };
  }
  const start = m.index + m[1].length;
  return { start, end: start + m[2].length, text: next };
}

function editAppender(text: string, a: FileAppender, mode: 'volume' | 'stdout', left: string[]): TextEdit[] {
  const target = `${DIR[a.framework]}/${logFileName(a.path, a.name || 'app')}`;
  const edits: TextEdit[] = [];
  const push = (e: TextEdit | undefined) => {
    if (e) edits.push(e);
  };
  if (a.framework === 'log4j' && a.file.endsWith('.properties')) {
    const base = `log4j.appender.${a.name}`;
    if (mode === 'volume')
      push(
        propertyValueEdit(text, `${base}.File`, () => target) ?? propertyValueEdit(text, `${base}.file`, () => target),
      );
    else {
      push(propertyValueEdit(text, base, () => 'org.apache.log4j.ConsoleAppender'));
      for (const k of ['File', 'file', 'DatePattern', 'MaxFileSize', 'MaxBackupIndex', 'Append'])
        push(propertyValueEdit(text, `${base}.${k}`, () => null));
    }
  } else if (a.framework === 'jul') {
    if (mode === 'volume') {
      const dir = propertyValueEdit(text, `${a.name}.directory`, () => DIR.jul);
      push(dir ?? propertyValueEdit(text, `${a.name}.pattern`, () => target));
      if (!dir && !text.includes(`${a.name}.pattern`))
        left.push(`${a.file}: ${a.name} writes to its default place: set ${a.name}.directory = ${DIR.jul}`);
    } else {
      const handlers = /^([ \t]*\.?handlers[ \t]*[=:][ \t]*)(.*)$/m.exec(text);
      if (handlers) {
        const list = handlers[2].split(/[\s,]+/).filter((h) => h && h !== a.name);
        if (!list.includes('java.util.logging.ConsoleHandler')) list.push('java.util.logging.ConsoleHandler');
        const start = handlers.index + handlers[1].length;
        push({ start, end: start + handlers[2].replace(/\r$/, '').length, text: list.join(', ') });
      }
    }
  } else {
    const elements = a.framework === 'log4j2' ? findElements(text, a.className ?? '') : findElements(text, 'appender');
    const el = elements.find((e) => e.attrs.name === a.name);
    if (!el) return edits;
    const inside = (name: string) => findElements(text, name).filter((x) => x.start > el.start && x.end <= el.end);
    if (a.framework === 'log4j2') {
      if (mode === 'stdout') {
        left.push(
          `${a.file}: ${a.className} ${a.name}: replace it with a <Console name="${a.name}" target="SYSTEM_OUT"> appender by hand`,
        );
        return edits;
      }
      if (el.attrSpans.fileName) push({ ...el.attrSpans.fileName, text: target });
      if (el.attrSpans.filePattern)
        push({ ...el.attrSpans.filePattern, text: `${DIR.log4j2}/${logFileName(el.attrs.filePattern, a.name)}` });
    } else if (a.framework === 'log4j') {
      const param = inside('param').find((p) => /^file$/i.test(p.attrs.name ?? ''));
      if (mode === 'volume') {
        if (param) push({ ...param.attrSpans.value, text: target });
      } else {
        push({ ...el.attrSpans.class, text: 'org.apache.log4j.ConsoleAppender' });
        for (const p of inside('param').filter((x) =>
          /^(file|datepattern|maxfilesize|maxbackupindex|append)$/i.test(x.attrs.name ?? ''),
        ))
          push(removal(text, p.start, p.end));
      }
    } else {
      const file = inside('file')[0];
      const pattern = inside('fileNamePattern')[0];
      if (mode === 'volume') {
        if (file) push({ start: file.openEnd, end: file.openEnd + innerText(text, file).length, text: target });
        if (pattern)
          push({
            start: pattern.openEnd,
            end: pattern.openEnd + innerText(text, pattern).length,
            text: `${DIR.logback}/${logFileName(innerText(text, pattern), a.name)}`,
          });
      } else {
        push({ ...el.attrSpans.class, text: 'ch.qos.logback.core.ConsoleAppender' });
        for (const x of [file, ...inside('rollingPolicy'), ...inside('triggeringPolicy')])
          if (x) push(removal(text, x.start, x.end));
      }
    }
  }
  return edits;
}

export const loggingFix: Fix = {
  kind: 'logs',
  run(ctx: FixContext) {
    const mode = ctx.options.logs;
    const left: string[] = [];
    const appenders = ctx.project.config.fileAppenders.filter((a) => a.referenced);
    for (const a of ctx.project.config.fileAppenders.filter((x) => !x.referenced))
      left.push(`${a.file}:${a.line}: ${a.framework} appender ${a.name} is declared but no logger uses it: remove it`);
    const byFile = new Map<string, FileAppender[]>();
    for (const a of appenders) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
    const changed: string[] = [];
    for (const [file, list] of byFile) {
      const current = ctx.ws.read(file);
      if (!current) continue;
      const edits = list.flatMap((a) => editAppender(current.text, a, mode, left));
      if (!edits.length) continue;
      ctx.ws.write(file, current, applyEdits(current.text, edits));
      changed.push(file);
    }
    if (changed.length) {
      ctx.record.logs = { mode, dir: LOG_ROOT };
      if (mode === 'volume' && appenders.some((a) => a.framework === 'log4j' || a.framework === 'jul')) {
        ctx.record.javaSystemProperties.LOG_DIR = `\${LOG_DIR:-${LOG_ROOT}}`;
        ctx.record.javaSystemProperties.HOST = '${HOST:-$(hostname)}';
      }
    }
    return {
      kind: 'logs',
      message:
        mode === 'volume'
          ? `Write logs to per-host folders on the log volume\n\nFile appenders in ${changed.join(', ')} now write under \${LOG_DIR}/\${HOST}/ (${LOG_ROOT} by default): the log volume keeps one folder per host, which the ELK shippers collect, and nothing is lost with the container.`
          : `Write logs to the console\n\nFile appenders in ${changed.join(', ')} now write to standard output, which the container runtime collects.`,
      left,
    };
  },
};
