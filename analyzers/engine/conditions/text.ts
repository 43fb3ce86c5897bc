import { commentSpans, maskComments } from '../../read/comments.js';
import { scriptComments } from '../../read/source-lines.js';
import type { FileFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { inFiles } from './file-filter.js';
import { NONE } from './matches.js';
import { boolean, objectOf, patterns, regex } from './schema-parts.js';

export interface TextCond {
  files: Patterns;
  notFiles?: Patterns;
  regex: string;
  comments?: boolean;
}

function lineMatches(c: TextCond, f: FileFacts, ctx: EvalContext): readonly Match[] {
  if (!inFiles(c, f.file, ctx)) return NONE;
  const text = ctx.lines(f);
  const spans =
    f.kind === 'java'
      ? commentSpans(text.join('\n'), 'c')
      : (f.comments ?? (f.kind === 'text' ? scriptComments(f) : undefined) ?? commentSpans(text.join('\n'), 'c'));
  const lines = c.comments ? text : maskComments(text, spans);
  const r = ctx.regex(c.regex);
  const out: Match[] = [];
  lines.forEach((line, i) => {
    const m = r.exec(line);
    if (m) out.push({ file: f.file, line: i + 1, column: m.index + 1, value: m[0] });
  });
  return out;
}

export const text: ConditionModule<'text', TextCond> = {
  key: 'text',
  schema: objectOf<TextCond>()(
    'a line of the files that matches the regex, comments blanked out unless asked; the value is the part matched',
    { files: patterns(), notFiles: patterns(), regex: regex(), comments: boolean('also match inside comments') },
    ['files', 'regex'],
  ),
  evaluator: (c) => (f, ctx) => lineMatches(c, f, ctx),
  cases: [
    {
      name: 'lines of scripts and pages, comments blanked out',
      when: { text: { files: ['**/*.js', '**/*.jsp'], regex: '\\d+\\.\\d+\\.\\d+\\.\\d+' } },
      files: {
        'web/app.js': '// var api = "http://10.0.0.1/";\nvar api = "http://10.0.0.2/"; // old: http://10.0.0.3\n',
        'web/index.jsp': '<%-- http://10.0.0.4 --%>\n<a href="http://10.0.0.5/">x</a>\n',
      },
      expect: ['web/app.js:2', 'web/index.jsp:2'],
      lookAlike: {
        'web/app.js': '/* http://10.0.0.1/ */\nvar api = "/api";\n',
        'conf/app.conf': 'host=10.0.0.2\n',
      },
    },
    {
      name: 'a script with Windows line ends: comments as its text has them, a backslash before \\r\\n included',
      when: { text: { files: '**/*.js', regex: '10\\.0\\.0\\.1' } },
      files: { 'web/a.js': "var s = 'a\\\r\nb'; // 10.0.0.1\r\n" },
      expect: ['web/a.js:2'],
      lookAlike: { 'web/a.js': "var s = 'a\\\r\n// 10.0.0.1';\r\n" },
    },
    {
      name: 'with comments when asked',
      when: { text: { files: '**/*.js', regex: '10\\.0\\.0\\.1', comments: true } },
      files: { 'web/app.js': '// var api = "http://10.0.0.1/";\n' },
      expect: ['web/app.js:1'],
      lookAlike: { 'web/app.js': '// var api = "http://10.0.0.2/";\n' },
    },
  ],
};
