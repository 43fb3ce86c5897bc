import { whenRun, type CodeFlow } from '../../java/reach.js';
import { staticState } from '../../java/static-state.js';
import type { JavaFacts, Notice } from '../../types.js';
import type { ConditionModule, EvalContext } from '../types.js';
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

// Each static field is looked up in the file's writes and calls: a generated file of 60,000 static fields and as many
// writes took minutes. Past this many pairs, the file's static fields are not checked, and a notice says so.
export const MAX_STATIC_PAIRS = 20_000_000;

/** Whether the file is too large a product of static fields and writes to check; noted once per file. */
function overLimit(f: JavaFacts, ctx: EvalContext): boolean {
  const statics = f.fields.reduce((n, x) => n + (x.isStatic ? 1 : 0), 0);
  const uses = f.writes.length + f.calls.length;
  if (statics * uses <= MAX_STATIC_PAIRS) return false;
  const detail = `${statics} static fields and ${uses} writes and calls: its static fields are not checked for state`;
  const notice: Notice = { kind: 'limit', file: f.file, detail };
  if (!ctx.project.notices.some((n) => n.file === f.file && n.detail === detail)) ctx.project.notices.push(notice);
  return true;
}

export const javaStaticState: ConditionModule<'java.staticState', Record<string, never>> = {
  key: 'java.staticState',
  schema: flag(
    'a static field that holds state changed at run time (a collection or counter changed while serving); ' +
      'the detail says where it changes',
  ),
  evaluator: () => (f, ctx) => {
    if (f.kind !== 'java' || overLimit(f, ctx)) return NONE;
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
