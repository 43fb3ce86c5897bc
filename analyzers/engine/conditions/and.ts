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
      'every part matches in the file (or the method, with within: method, where a not part leaves out the methods ' +
      'its condition matches in); the first positive part gives the places',
  },
  evaluator(parts, compile, cond): Evaluator {
    const byMethod = cond.within === 'method';
    // with within: method, a `not` part leaves out the methods where its condition matches, not the whole file
    const negated = byMethod ? parts.filter((p) => p.not).map((p) => compile(p.not!)) : [];
    const evaluators = parts.filter((p) => !byMethod || !p.not).map(compile);
    const positive = parts.filter((p) => !byMethod || !p.not).map((p) => !p.not);
    return (f, ctx) => {
      const found: (readonly Match[])[] = [];
      for (let i = 0; i < evaluators.length; i++) {
        const m = evaluators[i](f, ctx);
        if (!m.length) return NONE;
        if (positive[i]) found.push(m);
      }
      const places = within.combine(cond.within, found);
      if (!negated.length || !places.length) return places;
      const excluded = new Set(negated.flatMap((n) => n(f, ctx).map((m) => m.scope)));
      const kept = places.filter((m) => !excluded.has(m.scope));
      return kept.length ? kept : NONE;
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
    {
      name: 'within: method, a not part leaves out the methods where its condition matches',
      when: {
        and: [{ 'java.new': { type: 'java.io.File' } }, { not: { 'java.call': { methods: ['parseRequest'] } } }],
        within: 'method',
      },
      files: {
        'A.java':
          'package a;\nimport java.io.File;\nclass A {\n  void f(Object u) { new File("x"); }\n' +
          '  void g(Upload u) { new File("y"); u.parseRequest(); }\n}\n',
      },
      expect: ['A.java:4'],
      lookAlike: {
        'A.java':
          'package a;\nimport java.io.File;\nclass A {\n  void g(Upload u) { new File("y"); u.parseRequest(); }\n}\n',
      },
    },
  ],
};
