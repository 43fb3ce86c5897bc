import type { ConditionList, ConditionModule, Evaluator, Match } from '../types.js';
import { NONE } from './matches.js';
import { condition } from './schema-parts.js';
import { within } from './within.js';

export const and: ConditionModule<'and', ConditionList> = {
  key: 'and',
  schema: {
    type: 'array',
    items: condition(),
    minItems: 2,
    description:
      'every part matches in the file (or the method, with within); the first positive part gives the places',
  },
  evaluator(parts, compile, cond): Evaluator {
    const evaluators = parts.map(compile);
    const positive = parts.map((p) => !p.not);
    return (f, ctx) => {
      const found: (readonly Match[])[] = [];
      for (let i = 0; i < evaluators.length; i++) {
        const m = evaluators[i](f, ctx);
        if (!m.length) return NONE;
        if (positive[i]) found.push(m);
      }
      return within.combine(cond.within, found);
    };
  },
  cases: [
    {
      name: 'every part in the same file; the first part gives the places',
      when: { and: [{ 'java.new': { type: 'java.io.File' } }, { 'java.call': { methods: ['mkdirs'] } }] },
      files: {
        'A.java':
          'package a;\nimport java.io.File;\nclass A {\n  File f() { return new File("x"); }\n' +
          '  void g(File d) { d.mkdirs(); }\n}\n',
      },
      expect: ['A.java:4'],
      lookAlike: {
        'A.java': 'package a;\nimport java.io.File;\nclass A {\n  File f() { return new File("x"); }\n}\n',
        'B.java': 'package a;\nclass B {\n  void g(java.io.File d) { d.mkdirs(); }\n}\n',
      },
    },
  ],
};
