import type { ConditionModule, Patterns } from '../types.js';
import { subtypeDeclarations } from './java-subtypes.js';
import { objectOf, patterns } from './schema-parts.js';

export interface JavaImplementsCond {
  type: Patterns;
}

export const javaImplements: ConditionModule<'java.implements', JavaImplementsCond> = {
  key: 'java.implements',
  schema: objectOf<JavaImplementsCond>()(
    "a type that implements one of the interfaces, directly or through the project's own types",
    { type: patterns('qualified names of the interfaces') },
    ['type'],
  ),
  evaluator: (c) => subtypeDeclarations(c.type),
  cases: [
    {
      name: 'directly and through a super class',
      when: { 'java.implements': { type: 'javax.servlet.Filter' } },
      files: {
        'F.java': 'package p;\nimport javax.servlet.Filter;\npublic abstract class F implements Filter {}\n',
        'G.java': 'package p;\npublic class G extends F {}\n',
      },
      expect: ['F.java:3', 'G.java:2'],
      lookAlike: {
        'F.java': 'package p;\nimport java.io.FileFilter;\npublic abstract class F implements FileFilter {}\n',
      },
    },
  ],
};
