import { whenMethodRuns, type CodeFlow, type WhenRun } from '../../java/reach.js';
import type { FieldAccess } from '../../java/field-graph.js';
import type { JavaFacts, JavaField } from '../../types.js';
import type { ConditionModule, Match } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { boolean, objectOf, regex } from './schema-parts.js';

type Phase = 'request' | 'startup';

export interface JavaFieldCond {
  nameRegex: string;
  isStatic?: boolean;
  initializerRegex?: string;
  writtenFrom?: Phase;
  readFrom?: Phase;
}

const phase = (done: 'written' | 'read') => ({
  enum: ['request', 'startup'],
  description:
    `request: a field ${done} by code a request-time entry point reaches, with the path from that entry point ` +
    '(code no entry point reaches counts too: frameworks and reflection call methods the project does not); ' +
    `startup: a field ${done}, and only by code start-up alone reaches. ${ACCESS[done]}`,
});

const ACCESS = {
  written: 'Written: an assignment, an increment, an element write, a mutating call on it (`cache.put`).',
  read: 'Read: a call on it, or the field passed to a call or a constructor.',
};

/**
 * Whether the accesses happen in the phase: for a request, the first access a request reaches (or, when none is,
 * one no entry point reaches), as its path and what it does; for start-up, every access.
 */
function inPhase(flow: CodeFlow, accesses: FieldAccess[] | undefined, want: Phase): { via?: string } | undefined {
  if (!accesses?.length) return undefined;
  const when = accesses.map((a): [FieldAccess, WhenRun] => [a, whenMethodRuns(flow, a.method)]);
  if (want === 'startup') return when.every(([, w]) => w === 'startup') ? {} : undefined;
  const reached = when.find(([, w]) => typeof w === 'object');
  if (reached) return { via: `${(reached[1] as { request: string }).request} → ${reached[0].what}` };
  return when.some(([, w]) => w === undefined) ? {} : undefined;
}

function phaseMatch(c: JavaFieldCond, f: JavaFacts, x: JavaField, flow: CodeFlow): { via?: string } | undefined {
  const fields = flow.fields();
  const id = fields.fieldOf(f, x.name, x.owner);
  if (!id) return undefined;
  let via: string | undefined;
  for (const [want, accesses] of [
    [c.writtenFrom, fields.writes.get(id)],
    [c.readFrom, fields.reads.get(id)],
  ] as const) {
    if (!want) continue;
    const found = inPhase(flow, accesses, want);
    if (!found) return undefined;
    via ??= found.via;
  }
  return { via };
}

export const javaField: ConditionModule<'java.field', JavaFieldCond> = {
  key: 'java.field',
  schema: objectOf<JavaFieldCond>()(
    'a field whose name matches, static or not when isStatic says, whose initializer matches when asked, written ' +
      'or read in the phase asked; the value is the initializer without quotes',
    {
      nameRegex: regex(),
      isStatic: boolean(),
      initializerRegex: regex(),
      writtenFrom: phase('written'),
      readFrom: phase('read'),
    },
    ['nameRegex'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      if (f.kind !== 'java') return NONE;
      const r = ctx.regex(c.nameRegex);
      const init = c.initializerRegex ? ctx.regex(c.initializerRegex) : undefined;
      const out: Match[] = [];
      for (const x of f.fields) {
        if (!r.test(x.name) || (c.isStatic !== undefined && x.isStatic !== c.isStatic)) continue;
        if (init && (x.initializer === undefined || !init.test(x.initializer))) continue;
        const match = matchAt(f.file, x, x.initializer?.replace(/^"|"$/g, ''));
        if (!c.writtenFrom && !c.readFrom) {
          out.push(match);
          continue;
        }
        const found = phaseMatch(c, f, x, ctx.flow());
        if (found) out.push(found.via ? { ...match, via: found.via } : match);
      }
      return out;
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
    {
      name: 'a static flag a request handler sets, through a helper of another class',
      when: { 'java.field': { nameRegex: '.', isStatic: true, writtenFrom: 'request' } },
      files: {
        'a/Lock.java':
          'package a;\npublic class Lock {\n  static boolean locked;\n  static void hold() { Lock.locked = true; }\n}\n',
        'a/AdminServlet.java':
          'package a;\nimport javax.servlet.http.*;\npublic class AdminServlet extends HttpServlet {\n' +
          '  protected void doPost(HttpServletRequest req, HttpServletResponse resp) { Lock.hold(); }\n}\n',
      },
      expect: ['a/Lock.java:3'],
      lookAlike: {
        // set only while the application starts
        'a/Lock.java': 'package a;\npublic class Lock {\n  static boolean locked;\n  static { locked = true; }\n}\n',
        'a/Setup.java':
          'package a;\nimport javax.servlet.*;\npublic class Setup implements ServletContextListener {\n' +
          '  static int workers;\n  public void contextInitialized(ServletContextEvent e) { workers = 4; }\n}\n',
      },
    },
    {
      name: 'a registry only start-up code fills, read while serving',
      when: { 'java.field': { nameRegex: '.', isStatic: true, writtenFrom: 'startup', readFrom: 'request' } },
      files: {
        'a/Registry.java':
          'package a;\nimport java.util.*;\nimport javax.servlet.*;\n' +
          'public class Registry implements ServletContextListener {\n' +
          '  static Map<String, String> HANDLERS = new HashMap<>();\n' +
          '  public void contextInitialized(ServletContextEvent e) { HANDLERS.put("a", "b"); }\n' +
          '  static String find(String k) { return lookup(HANDLERS, k); }\n' +
          '  static String lookup(Map<String, String> m, String k) { return m.get(k); }\n}\n',
        'a/Api.java':
          'package a;\nimport javax.servlet.http.*;\npublic class Api extends HttpServlet {\n' +
          '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) { Registry.find("a"); }\n}\n',
      },
      expect: ['a/Registry.java:5'],
      lookAlike: {
        // a request fills it too
        'a/Registry.java':
          'package a;\nimport java.util.*;\npublic class Registry {\n' +
          '  static Map<String, String> HANDLERS = new HashMap<>();\n' +
          '  static String find(String k) { HANDLERS.put(k, k); return lookup(HANDLERS, k); }\n' +
          '  static String lookup(Map<String, String> m, String k) { return m.get(k); }\n}\n',
        'a/Api.java':
          'package a;\nimport javax.servlet.http.*;\npublic class Api extends HttpServlet {\n' +
          '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) { Registry.find("a"); }\n}\n',
      },
    },
  ],
};
