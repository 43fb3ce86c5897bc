import type { Match, ModifierModule } from '../types.js';
import { NONE } from './matches.js';

export type Within = 'file' | 'method';

/** The matches of the first part whose method also has a match of every other part. */
function sameMethod(parts: readonly (readonly Match[])[]): readonly Match[] {
  const scopes = parts.slice(1).map((ms) => new Set(ms.map((m) => m.scope)));
  return parts[0].filter((m) => m.scope !== undefined && scopes.every((s) => s.has(m.scope)));
}

export const within: ModifierModule<'within', Within> = {
  key: 'within',
  modifies: 'and',
  schema: {
    enum: ['file', 'method'],
    description: 'with and: whether the parts must match in the same file (default) or the same method',
  },
  combine: (value, parts) => (value === 'method' ? sameMethod(parts) : (parts[0] ?? NONE)),
  cases: [
    {
      name: 'the parts must match in the same method',
      when: {
        and: [{ 'java.new': { type: 'java.io.File' } }, { 'java.call': { methods: ['mkdirs'] } }],
        within: 'method',
      },
      files: {
        'A.java': 'package a;\nimport java.io.File;\nclass A {\n  void f() { new File("x").mkdirs(); }\n}\n',
      },
      expect: ['A.java:4'],
      lookAlike: {
        'A.java':
          'package a;\nimport java.io.File;\nclass A {\n  File f() { return new File("x"); }\n' +
          '  void g(File d) { d.mkdirs(); }\n}\n',
      },
    },
  ],
};
