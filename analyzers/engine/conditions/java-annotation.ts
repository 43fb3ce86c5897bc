import type { JavaFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { list } from './file-filter.js';
import { typeMatcher, type TypeMatcher } from './java-type-match.js';
import { matchAt, NONE } from './matches.js';
import { objectOf, patterns, regex } from './schema-parts.js';

export interface JavaAnnotationCond {
  type: Patterns;
  argsRegex?: string;
}

function annotationMatches(c: JavaAnnotationCond, isType: TypeMatcher, f: JavaFacts, ctx: EvalContext): Match[] {
  return f.annotations
    .filter((a) => isType(a.name, f, ctx))
    .filter((a) => !c.argsRegex || ctx.regex(c.argsRegex).test(a.args ?? ''))
    .map((a) => matchAt(f.file, a, a.name));
}

export const javaAnnotation: ConditionModule<'java.annotation', JavaAnnotationCond> = {
  key: 'java.annotation',
  schema: objectOf<JavaAnnotationCond>()(
    'an annotation of one of the types, whose arguments (as written) match argsRegex when given',
    { type: patterns('qualified names of the annotation types'), argsRegex: regex() },
    ['type'],
  ),
  evaluator(c) {
    const isType = typeMatcher(list(c.type));
    return (f, ctx) => (f.kind === 'java' ? annotationMatches(c, isType, f, ctx) : NONE);
  },
  cases: [
    {
      name: 'the annotation type through its import, with matching arguments',
      when: { 'java.annotation': { type: 'org.springframework.context.annotation.Scope', argsRegex: 'session' } },
      files: {
        'A.java': 'package a;\nimport org.springframework.context.annotation.Scope;\n@Scope("session")\nclass A {}\n',
      },
      expect: ['A.java:3'],
      lookAlike: {
        'A.java': 'package a;\nimport org.springframework.context.annotation.Scope;\n@Scope("prototype")\nclass A {}\n',
        'B.java': 'package a;\nimport javax.inject.Scope;\n@Scope("session")\nclass B {}\n',
      },
    },
  ],
};
