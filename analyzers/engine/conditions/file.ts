import type { ConditionModule, Patterns } from '../types.js';
import { NONE, wholeFile } from './matches.js';
import { objectOf, patterns } from './schema-parts.js';

export interface FileCond {
  glob: Patterns;
}

export const file: ConditionModule<'file', FileCond> = {
  key: 'file',
  schema: objectOf<FileCond>()(
    'a file whose relative path matches the glob; the value is the path',
    { glob: patterns() },
    ['glob'],
  ),
  evaluator: (c) => (f, ctx) => (ctx.glob(c.glob)(f.file) ? [wholeFile(f.file, f.file)] : NONE),
  cases: [
    {
      name: 'a glob over relative paths, case-insensitive',
      when: { file: { glob: '**/*.properties' } },
      files: { 'conf/app.properties': 'a=1\n', 'conf/B.PROPERTIES': 'b=2\n' },
      expect: ['conf/app.properties:1', 'conf/B.PROPERTIES:1'],
      lookAlike: { 'conf/app.properties.txt': 'a=1\n', 'conf/app.xml': '<a/>\n' },
    },
  ],
};
