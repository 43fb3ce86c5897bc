import { scopeOfFile } from '../../build/modules.js';
import { methodId, type MethodId } from '../../java/call-graph.js';
import { servingCode, type ServingCode } from '../../java/unused-code.js';
import type { ConditionModule, EvalContext, NestedCondition } from '../types.js';
import { NONE } from './matches.js';
import { condition } from './schema-parts.js';

const memo = new WeakMap<EvalContext, ServingCode>();

function serving(ctx: EvalContext): ServingCode {
  let found = memo.get(ctx);
  if (!found) memo.set(ctx, (found = servingCode(ctx.project, ctx.index, ctx.flow())));
  return found;
}

export const javaRuns: ConditionModule<'java.runs', NestedCondition> = {
  key: 'java.runs',
  schema: {
    ...condition(),
    description:
      'the matches of the condition in code the app runs while it serves: not in a method that nothing calls (no ' +
      'caller in the call graph, no entry point, no framework, library or reflection that may call it), nor in one ' +
      'only start-up code reaches (work redone at every start, such as a rebuilt cache); in an app with no ' +
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
        if (!q || !method) return true;
        const id: MethodId = methodId(q, method);
        return !serving(ctx).unused.has(id) && !serving(ctx).startupOnly.has(id);
      });
      return kept.length ? kept : NONE;
    };
  },
  cases: [
    {
      name: 'a write in a method a request runs, not in one nothing calls or only start-up code runs',
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
        'Start.java': `package a;
public class Start implements javax.servlet.ServletContextListener {
  public void contextInitialized(javax.servlet.ServletContextEvent e) { Cache.rebuild("/var/cache/app"); }
  public void contextDestroyed(javax.servlet.ServletContextEvent e) {}
}
class Cache {
  static void rebuild(String dir) {
    try { new java.io.FileOutputStream(dir + "/index").close(); } catch (java.io.IOException x) {}
  }
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
