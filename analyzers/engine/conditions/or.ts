import type { ConditionList, ConditionModule, Match } from '../types.js';
import { NONE } from './matches.js';
import { condition } from './schema-parts.js';

export const or: ConditionModule<'or', ConditionList> = {
  key: 'or',
  schema: { type: 'array', items: condition(), minItems: 2, description: 'the matches of every part' },
  evaluator(parts, compile) {
    const evaluators = parts.map(compile);
    // most parts match nothing in most files: no array is made until one does
    return (f, ctx) => {
      let out: Match[] | undefined;
      for (const e of evaluators) {
        const matches = e(f, ctx);
        if (!matches.length) continue;
        out ??= [];
        for (const m of matches) out.push(m);
      }
      return out ?? NONE;
    };
  },
  cases: [
    {
      name: 'the union of its parts',
      when: {
        or: [{ 'java.call': { methods: ['mkdirs'] } }, { 'java.call': { methods: ['getProperty'] } }],
      },
      files: {
        'A.java':
          'package a;\nclass A {\n  void f(java.io.File d) { d.mkdirs(); }\n' +
          '  void g() { System.getProperty("user.home"); }\n}\n',
      },
      expect: ['A.java:3', 'A.java:4'],
      lookAlike: { 'A.java': 'package a;\nclass A {\n  void f(java.io.File d) { d.mkdir(); }\n}\n' },
    },
  ],
};
