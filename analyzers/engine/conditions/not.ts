import type { NestedCondition, ConditionModule } from '../types.js';
import { NONE, wholeFile } from './matches.js';
import { condition } from './schema-parts.js';

export const not: ConditionModule<'not', NestedCondition> = {
  key: 'not',
  schema: { ...condition(), description: 'the file has no match of the condition; mostly inside and' },
  evaluator(part, compile) {
    const evaluate = compile(part);
    // inside `and`: a non-empty list means "this file passes the not"
    return (f, ctx) => (evaluate(f, ctx).length ? NONE : [wholeFile(f.file)]);
  },
  cases: [
    {
      name: 'inside and: the files where the negated part does not match',
      when: {
        and: [{ 'java.new': { type: 'java.io.File' } }, { not: { 'java.import': { regex: '^java\\.io\\.File$' } } }],
      },
      files: { 'B.java': 'package a;\npublic class B {\n  void h() { new java.io.File("y"); }\n}\n' },
      expect: ['B.java:3'],
      lookAlike: {
        'A.java': 'package a;\nimport java.io.File;\npublic class A {\n  void f() { new File("x"); }\n}\n',
      },
    },
  ],
};
