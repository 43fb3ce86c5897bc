import { whenRun, type CodeFlow } from '../../java/reach.js';
import { staticState } from '../../java/static-state.js';
import type { JavaFacts } from '../../types.js';
import type { ConditionModule } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { flag } from './schema-parts.js';

const servesRequests = new WeakMap<CodeFlow, boolean>();

/** Whether the project's code flow knows any request-time entry point (else method names tell what runs when). */
function knowsRequests(flow: CodeFlow): boolean {
  let known = servesRequests.get(flow);
  if (known === undefined) {
    known = [...flow.entries.values()].some((e) => e.phase === 'request');
    servesRequests.set(flow, known);
  }
  return known;
}

export const javaStaticState: ConditionModule<'java.staticState', Record<string, never>> = {
  key: 'java.staticState',
  schema: flag(
    'a static field that holds state changed at run time (a collection or counter changed while serving); ' +
      'the detail says where it changes',
  ),
  evaluator: () => (f, ctx) => {
    if (f.kind !== 'java') return NONE;
    const flow = ctx.flow();
    const when = (file: JavaFacts, type?: string, method?: string) => whenRun(flow, file, type, method);
    return staticState(f, ctx.mutations(), when, !knowsRequests(flow)).map((s) =>
      matchAt(f.file, s.field, s.field.name, undefined, s.how),
    );
  },
  cases: [
    {
      name: 'a static map filled while serving, and a counter changed from another class',
      when: { 'java.staticState': {} },
      files: {
        'A.java': `package a;
import java.util.*;
public class A {
  static final Map<String, Object> CACHE = new HashMap<String, Object>();
  public static int hits;
  void serve(String k) { CACHE.put(k, k); }
}
`,
        'B.java': 'package a;\nclass B { void count() { A.hits++; } }\n',
      },
      expect: ['A.java:4'],
      lookAlike: {
        'A.java': `package a;
import java.util.*;
public class A {
  static final Map<String, String> CODES = new HashMap<String, String>();
  static { CODES.put("CN", "China"); }
  static final int MAX = 10;
  String code(String k) { return CODES.get(k); }
}
`,
      },
    },
  ],
};
