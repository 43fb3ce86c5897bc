import type { ConditionModule } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { objectOf, regex } from './schema-parts.js';

export interface JavaStringCond {
  regex: string;
  notRegex?: string;
  notArgOf?: string;
}

export const javaString: ConditionModule<'java.string', JavaStringCond> = {
  key: 'java.string',
  schema: objectOf<JavaStringCond>()(
    'a string literal whose contents (escapes as written) match regex and not notRegex',
    {
      regex: regex(),
      notRegex: regex(),
      notArgOf: regex('skip literals passed as an argument to a call matching this (receiver.method)'),
    },
    ['regex'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      if (f.kind !== 'java') return NONE;
      const r = ctx.regex(c.regex);
      const not = c.notRegex ? ctx.regex(c.notRegex) : undefined;
      const notArgOf = c.notArgOf ? ctx.regex(c.notArgOf) : undefined;
      return f.strings
        .filter((s) => r.test(s.value) && !not?.test(s.value) && !(notArgOf && s.argOf && notArgOf.test(s.argOf)))
        .map((s) => matchAt(f.file, s, s.value));
    };
  },
  cases: [
    {
      name: 'literals only, not comments, not the excluded ones',
      when: { 'java.string': { regex: '^jdbc:', notRegex: '^jdbc:h2:mem:', notArgOf: 'getenv' } },
      files: {
        'A.java':
          'package a;\nclass A {\n  String u = "jdbc:mysql://db/a";\n  String v = "x" + "jdbc:oracle:thin:@h:1521:o";\n}\n',
      },
      expect: ['A.java:3', 'A.java:4'],
      lookAlike: {
        'A.java':
          'package a;\nclass A {\n  // String u = "jdbc:mysql://db/a";\n  String m = "jdbc:h2:mem:test";\n' +
          '  String e = System.getenv("jdbc:x");\n  String n = "see jdbc:mysql";\n}\n',
      },
    },
  ],
};
