import { resolveTypeName, typeHierarchy } from '../../java/type-index.js';
import type { JavaFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { list } from './file-filter.js';
import { typeMatcher, type TypeMatcher } from './java-type-match.js';
import { matchAt, NONE, scopeOf } from './matches.js';
import { argRegex, objectOf, patterns } from './schema-parts.js';

export interface JavaNewCond {
  type: Patterns;
  argRegex?: { index: number; regex: string };
  subtypes?: boolean; // also the project's own subtypes of the types
}

/** Also a project type with one of the types among its super types, through the project's own declarations. */
function subtypeMatcher(wanted: string[], exact: TypeMatcher): TypeMatcher {
  return (name, f, ctx) =>
    exact(name, f, ctx) ||
    resolveTypeName(name, f, ctx.index).some(
      (q) => ctx.index.byQualified.has(q) && typeHierarchy(q, ctx.index).some((t) => wanted.includes(t)),
    );
}

function newMatches(c: JavaNewCond, isType: TypeMatcher, f: JavaFacts, ctx: EvalContext): Match[] {
  return f.news
    .filter((n) => isType(n.type, f, ctx))
    .filter((n) => !c.argRegex || ctx.regex(c.argRegex.regex).test(n.args[c.argRegex.index] ?? ''))
    .map((n) => matchAt(f.file, n, n.type, scopeOf(n)));
}

export const javaNew: ConditionModule<'java.new', JavaNewCond> = {
  key: 'java.new',
  schema: objectOf<JavaNewCond>()(
    'an object created with new, of one of the types; the value is the type as written',
    {
      type: patterns('qualified names of the types'),
      argRegex: argRegex(),
      subtypes: { type: 'boolean', description: "also the project's own subtypes of the types" },
    },
    ['type'],
  ),
  evaluator(c) {
    const exact = typeMatcher(list(c.type));
    const isType = c.subtypes ? subtypeMatcher(list(c.type), exact) : exact;
    return (f, ctx) => (f.kind === 'java' ? newMatches(c, isType, f, ctx) : NONE);
  },
  cases: [
    {
      name: 'a new of the type, imported or qualified, with a matching argument',
      when: { 'java.new': { type: 'java.io.RandomAccessFile', argRegex: { index: 1, regex: 'w' } } },
      files: {
        'A.java': `package a;
import java.io.RandomAccessFile;
class A {
  void f() throws Exception {
    new RandomAccessFile("a", "rw");
    new java.io.RandomAccessFile("b", "rws");
  }
}
`,
      },
      expect: ['A.java:5', 'A.java:6'],
      lookAlike: {
        'A.java': `package a;
class RandomAccessFile { RandomAccessFile(String a, String m) {} }
class A {
  void f() throws Exception {
    new RandomAccessFile("a", "rw");
    new java.io.RandomAccessFile("b", "r");
  }
}
`,
      },
    },
    {
      name: "a new of the project's own subtype of the type",
      when: { 'java.new': { type: 'java.util.HashMap', subtypes: true } },
      files: {
        'A.java': `package a;
import java.util.HashMap;
class Registry extends HashMap<String, String> {}
class A {
  Object f() { return new Registry(); }
}
`,
      },
      expect: ['A.java:5'],
      lookAlike: {
        'A.java': `package a;
import java.util.TreeMap;
class Registry extends TreeMap<String, String> {}
class A {
  Object f() { return new Registry(); }
}
`,
      },
    },
  ],
};
