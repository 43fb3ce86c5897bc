import type { ConditionModule } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { objectOf, regex } from './schema-parts.js';

export interface JavaImportCond {
  regex: string;
}

export const javaImport: ConditionModule<'java.import', JavaImportCond> = {
  key: 'java.import',
  schema: objectOf<JavaImportCond>()(
    'the first import whose name matches: a file that imports a library uses it, however many of its types it names',
    { regex: regex() },
    ['regex'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      if (f.kind !== 'java') return NONE;
      const r = ctx.regex(c.regex);
      const first = f.imports.find((i) => r.test(i.name));
      return first ? [matchAt(f.file, first, first.name)] : NONE;
    };
  },
  cases: [
    {
      name: 'only the first matching import of a file',
      when: { 'java.import': { regex: '^net\\.sf\\.ehcache\\.' } },
      files: {
        'A.java':
          'package a;\nimport java.util.List;\nimport net.sf.ehcache.Cache;\nimport net.sf.ehcache.Element;\nclass A {}\n',
      },
      expect: ['A.java:3'],
      lookAlike: {
        'A.java':
          'package a;\n// import net.sf.ehcache.Cache;\nimport org.ehcache.Cache;\nclass A { String s = "net.sf.ehcache.Cache"; }\n',
      },
    },
  ],
};
