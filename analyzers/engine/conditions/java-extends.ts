import type { ConditionModule, Patterns } from '../types.js';
import { subtypeDeclarations } from './java-subtypes.js';
import { objectOf, patterns } from './schema-parts.js';

export interface JavaExtendsCond {
  type: Patterns;
}

export const javaExtends: ConditionModule<'java.extends', JavaExtendsCond> = {
  key: 'java.extends',
  schema: objectOf<JavaExtendsCond>()(
    "a class that extends one of the types, directly or through the project's own classes",
    { type: patterns('qualified names of the super classes') },
    ['type'],
  ),
  evaluator: (c) => subtypeDeclarations(c.type),
  cases: [
    {
      name: "through the project's own hierarchy",
      when: { 'java.extends': { type: 'javax.servlet.http.HttpServlet' } },
      files: {
        'Base.java': 'package p;\npublic class Base extends javax.servlet.http.HttpServlet {}\n',
        'Leaf.java': 'package p;\npublic class Leaf extends Base {}\n',
      },
      expect: ['Base.java:2', 'Leaf.java:2'],
      lookAlike: {
        'Base.java': 'package p;\npublic class Base extends javax.servlet.GenericServlet {}\n',
        'HttpServlet.java': 'package p;\npublic class HttpServlet {}\n',
        'Leaf.java': 'package p;\npublic class Leaf extends HttpServlet {}\n',
      },
    },
  ],
};
