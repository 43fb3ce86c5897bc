import { scopeOfFile } from '../../build/modules.js';
import { methodId, type MethodId } from '../../java/call-graph.js';
import { unusedMethods } from '../../java/unused-code.js';
import type { ConditionModule, EvalContext, NestedCondition } from '../types.js';
import { NONE } from './matches.js';
import { condition } from './schema-parts.js';

const memo = new WeakMap<EvalContext, Set<MethodId>>();

function unused(ctx: EvalContext): Set<MethodId> {
  let found = memo.get(ctx);
  if (!found) memo.set(ctx, (found = unusedMethods(ctx.project, ctx.index, ctx.flow())));
  return found;
}

export const javaRuns: ConditionModule<'java.runs', NestedCondition> = {
  key: 'java.runs',
  schema: {
    ...condition(),
    description:
      'the matches of the condition in code the app can run: not in a method that nothing calls (no caller in the ' +
      'call graph, no entry point, no framework, library or reflection that may call it); in an app with no ' +
      'request-time entry point every match is kept',
  },
  evaluator(part, compile) {
    const evaluate = compile(part);
    return (f, ctx) => {
      const found = evaluate(f, ctx);
      // outside the deployed app (a test module, a tool) the finding's scope says so already
      if (f.kind !== 'java' || !found.length || scopeOfFile(f.file, ctx.project.build.modules ?? []) !== 'app')
        return found;
      const kept = found.filter((m) => {
        const [type, method] = (m.scope ?? '#').split('#');
        const q = ctx.flow().graph.typeIn(f, type);
        return !q || !method || !unused(ctx).has(methodId(q, method));
      });
      return kept.length ? kept : NONE;
    };
  },
  cases: [
    {
      name: 'a write in a method the app calls, not in one nothing calls',
      when: { 'java.runs': { 'java.new': { type: 'java.io.FileOutputStream' } } },
      files: {
        'Store.java': `package a;
import java.io.*;
public class Store extends javax.servlet.http.HttpServlet {
  protected void doPost(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp)
      throws IOException {
    save("/data/x");
  }
  void save(String path) throws IOException { new FileOutputStream(path).close(); }
}
`,
      },
      expect: ['Store.java:8'],
      lookAlike: {
        'Store.java': `package a;
import java.io.*;
public class Store extends javax.servlet.http.HttpServlet {
  protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp) {}
}
`,
        'Backup.java': `package a;
import java.io.*;
class Backup {
  static void copy(String path) throws IOException { new FileOutputStream(path).close(); }
  static void backup(String path) throws IOException { copy(path + ".bak"); }
}
`,
      },
    },
  ],
};
