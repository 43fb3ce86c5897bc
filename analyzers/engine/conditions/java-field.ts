import type { ConditionModule } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { boolean, objectOf, regex } from './schema-parts.js';

export interface JavaFieldCond {
  nameRegex: string;
  isStatic?: boolean;
  initializerRegex?: string;
}

export const javaField: ConditionModule<'java.field', JavaFieldCond> = {
  key: 'java.field',
  schema: objectOf<JavaFieldCond>()(
    'a field whose name matches, static or not when isStatic says, whose initializer matches when asked; ' +
      'the value is the initializer without quotes',
    { nameRegex: regex(), isStatic: boolean(), initializerRegex: regex() },
    ['nameRegex'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      if (f.kind !== 'java') return NONE;
      const r = ctx.regex(c.nameRegex);
      const init = c.initializerRegex ? ctx.regex(c.initializerRegex) : undefined;
      return f.fields
        .filter((x) => r.test(x.name) && (c.isStatic === undefined || x.isStatic === c.isStatic))
        .filter((x) => !init || (x.initializer !== undefined && init.test(x.initializer)))
        .map((x) => matchAt(f.file, x, x.initializer?.replace(/^"|"$/g, '')));
    };
  },
  cases: [
    {
      name: 'a static field by name and initializer',
      when: { 'java.field': { nameRegex: 'PORT$', isStatic: true, initializerRegex: '^\\d+$' } },
      files: { 'A.java': 'package a;\nclass A {\n  static final int SERVER_PORT = 9090;\n}\n' },
      expect: ['A.java:3'],
      lookAlike: {
        'A.java':
          'package a;\nclass A {\n  final int SERVER_PORT = 9090;\n  static final String PORT = "p";\n' +
          '  static final int TIMEOUT = 9090;\n}\n',
      },
    },
  ],
};
