import { isSerializable, resolveExprType, resolveTypeName, typeHierarchy } from '../../java/type-index.js';
import { whenRun, type WhenRun } from '../../java/reach.js';
import { methodId } from '../../java/call-graph.js';
import { fileCallsNamed } from '../../java/calls-by-name.js';
import { sourcesOf } from '../../java/method-values.js';
import { validatesReads } from '../../java/validated-cache.js';
import { passesParameter, wrappedCalls, type WrappedSites } from '../../java/wrappers.js';
import type { ExprType, JavaCall, JavaFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { list } from './file-filter.js';
import { typeMatcher, type TypeMatcher } from './java-type-match.js';
import { matchAt, NONE, scopeOf } from './matches.js';
import { argRegex, index, names, objectOf, patterns, regex } from './schema-parts.js';

export interface JavaCallCond {
  type?: Patterns; // qualified receiver types
  typeName?: string; // regex on the simple names of the project's own types the receiver is or extends
  notTypeName?: string; // and none of those names matches this one
  methods: string[];
  argCount?: number;
  argNotSerializable?: number; // index of an argument whose project type must not be Serializable
  argRegex?: { index: number; regex: string };
  argType?: { index: number; type: Patterns }; // the declared type of the argument at index
  notArgOf?: string; // regex on the call this call is passed to
  inMethods?: string[];
  notInMethods?: string[];
  through?: 'wrappers' | 'callers';
  reachedFrom?: 'request' | 'startup';
  notValidatedCache?: boolean; // not in or on a cache whose reads are checked against the data's last change
  flowsFrom?: { index: number; regex: string }; // the argument is worked out from an expression matching regex
}

/** The name, arguments and enclosing method of the call, before its receiver is resolved. */
function callSiteMatches(c: JavaCallCond, call: JavaCall, ctx: EvalContext): boolean {
  if (!c.methods.includes(call.name)) return false;
  if (c.argCount !== undefined && call.args.length !== c.argCount) return false;
  if (c.inMethods && !c.inMethods.includes(call.enclosingMethod ?? '')) return false;
  if (c.notInMethods?.includes(call.enclosingMethod ?? '')) return false;
  return !(c.notArgOf && call.argOf && ctx.regex(c.notArgOf).test(call.argOf));
}

/** Whether the receiver's type is one of the types or a subtype of one. */
function receiverIs(types: string[], call: JavaCall, f: JavaFacts, ctx: EvalContext): boolean {
  const resolved = resolveExprType(call.receiverType, f, call.enclosingType, ctx.index);
  return resolved.some((q) => typeHierarchy(q, ctx.index).some((t) => types.includes(t)));
}

/** Whether a project type the receiver is or extends has a matching simple name (and none an excluded one). */
function receiverNamed(c: JavaCallCond, call: JavaCall, f: JavaFacts, ctx: EvalContext): boolean {
  const resolved = resolveExprType(call.receiverType, f, call.enclosingType, ctx.index);
  const names = resolved
    .flatMap((q) => typeHierarchy(q, ctx.index))
    .filter((t) => ctx.index.byQualified.has(t))
    .map((t) => t.slice(t.lastIndexOf('.') + 1));
  if (c.notTypeName && names.some((n) => ctx.regex(c.notTypeName!).test(n))) return false;
  return names.some((n) => ctx.regex(c.typeName!).test(n));
}

/** Whether the call is made in, or on, a cache whose reads are checked against the time the data last changed. */
function onValidatedCache(call: JavaCall, f: JavaFacts, ctx: EvalContext): boolean {
  const own = f.types.find((t) => t.name === call.enclosingType);
  if (own && validatesReads(own)) return true;
  const resolved = resolveExprType(call.receiverType, f, call.enclosingType, ctx.index);
  return resolved.some((q) => {
    const entry = ctx.index.byQualified.get(q);
    return !!entry && validatesReads(entry.decl);
  });
}

const receiverMatches = (c: JavaCallCond, types: string[], call: JavaCall, f: JavaFacts, ctx: EvalContext) =>
  (!types.length || receiverIs(types, call, f, ctx)) &&
  (!c.typeName || receiverNamed(c, call, f, ctx)) &&
  !(c.notValidatedCache && onValidatedCache(call, f, ctx));

/** The project type of an argument when it is not Serializable. */
function notSerializableArg(argType: ExprType | undefined, f: JavaFacts, ctx: EvalContext): string | undefined {
  if (!argType || typeof argType !== 'string') return undefined; // a call chain: no type the file declares
  const q = resolveTypeName(argType, f, ctx.index).find((t) => ctx.index.byQualified.has(t));
  if (!q || isSerializable(q, ctx.index) !== false) return undefined;
  return q;
}

/** The value and detail of a call whose arguments pass the condition's tests on them. */
function argsMatch(
  c: JavaCallCond,
  argIs: TypeMatcher | undefined,
  args: (string | undefined)[],
  argTypes: (ExprType | undefined)[],
  f: JavaFacts,
  ctx: EvalContext,
): { value?: string; detail?: string } | undefined {
  if (c.argType && argIs) {
    // a type the file declares or imports (a variable, a `new`, a cast); a call chain is left out
    const t = argTypes[c.argType.index];
    if (typeof t !== 'string' || !argIs(t, f, ctx)) return undefined;
  }
  let value = args[0];
  if (c.argRegex) {
    value = args[c.argRegex.index];
    if (value === undefined || !ctx.regex(c.argRegex.regex).test(value)) return undefined;
  }
  if (c.argNotSerializable === undefined) return { value };
  const detail = notSerializableArg(argTypes[c.argNotSerializable], f, ctx);
  return detail === undefined ? undefined : { value, detail };
}

function callMatches(
  c: JavaCallCond,
  types: string[],
  argIs: TypeMatcher | undefined,
  f: JavaFacts,
  ctx: EvalContext,
): Match[] {
  const out: Match[] = [];
  for (const call of fileCallsNamed(f, c.methods)) {
    if (!callSiteMatches(c, call, ctx) || !receiverMatches(c, types, call, f, ctx)) continue;
    if (c.through === 'callers' && insideCalledWrapper(c, types, call, f, ctx)) continue;
    const m = argsMatch(c, argIs, call.args, call.argTypes, f, ctx);
    if (!m || (c.flowsFrom && !flowsFrom(c.flowsFrom, call, f, ctx))) continue;
    const match = matchAt(f.file, call, m.value, scopeOf(call), m.detail);
    if (!c.reachedFrom) {
      out.push(match);
      continue;
    }
    const when = runsWhen(call, f, ctx);
    if (c.reachedFrom === 'startup' ? when === 'startup' : when !== 'startup')
      out.push(typeof when === 'object' ? { ...match, via: when.request } : match);
  }
  return out;
}

const runsWhen = (call: JavaCall, f: JavaFacts, ctx: EvalContext): WhenRun =>
  whenRun(ctx.flow(), f, call.enclosingType, call.enclosingMethod);

/** Whether the argument, followed through the assignments of its method, is worked out from a matching expression. */
function flowsFrom(from: { index: number; regex: string }, call: JavaCall, f: JavaFacts, ctx: EvalContext): boolean {
  const arg = call.args[from.index];
  if (arg === undefined) return false;
  const re = ctx.regex(from.regex);
  return sourcesOf(arg, ctx.methodTexts().at(f, call.line)).some((s) => re.test(s));
}

const wrapperSites = new WeakMap<EvalContext, Map<JavaCallCond, WrappedSites>>();

/** Calls of the project's methods that pass their arguments on to a matching call, through any number of them. */
function sitesThroughWrappers(c: JavaCallCond, types: string[], ctx: EvalContext): WrappedSites {
  let byCond = wrapperSites.get(ctx);
  if (!byCond) wrapperSites.set(ctx, (byCond = new Map()));
  let sites = byCond.get(c);
  if (!sites) {
    const isBase = (f: JavaFacts, call: JavaCall) =>
      callSiteMatches(c, call, ctx) && receiverMatches(c, types, call, f, ctx)
        ? `${types.length ? types[0].slice(types[0].lastIndexOf('.') + 1) : (call.receiver ?? '')}.${call.name}`
        : undefined;
    byCond.set(c, (sites = wrappedCalls(ctx.project, ctx.index, ctx.flow(), c.methods, isBase)));
  }
  return sites;
}

/**
 * A call inside a method that passes its parameters on and that the project calls (with typeName, only in a type it
 * names: a cache class's own put): the call sites of that method are the places a developer changes.
 */
function insideCalledWrapper(c: JavaCallCond, types: string[], call: JavaCall, f: JavaFacts, ctx: EvalContext) {
  const type = ctx.flow().graph.typeIn(f, call.enclosingType);
  if (!type || !call.enclosingMethod) return false;
  if (c.typeName && !ctx.regex(c.typeName).test(type.slice(type.lastIndexOf('.') + 1))) return false;
  // only the call that passes the method's parameter on; another call in the same method stays where it is
  if (!passesParameter(ctx.index, type, call)) return false;
  return sitesThroughWrappers(c, types, ctx).called.has(methodId(type, call.enclosingMethod));
}

function wrapperMatches(
  c: JavaCallCond,
  types: string[],
  argIs: TypeMatcher | undefined,
  f: JavaFacts,
  ctx: EvalContext,
): Match[] {
  const out: Match[] = [];
  const { sites } = sitesThroughWrappers(c, types, ctx);
  for (const site of sites.get(f.file) ?? []) {
    const m = argsMatch(c, argIs, site.args, site.argTypes, f, ctx);
    if (!m || (c.notValidatedCache && onValidatedCache(site.call, f, ctx))) continue;
    if (c.reachedFrom) {
      const when = runsWhen(site.call, f, ctx);
      if (c.reachedFrom === 'startup' ? when !== 'startup' : when === 'startup') continue;
    }
    out.push({ ...matchAt(f.file, site.call, m.value, scopeOf(site.call), m.detail), via: site.chain });
  }
  return out;
}

export const javaCall: ConditionModule<'java.call', JavaCallCond> = {
  key: 'java.call',
  schema: objectOf<JavaCallCond>()(
    'a call of one of the methods on a receiver of one of the types or a subtype; the value is the first argument',
    {
      type: patterns('qualified names of the receiver types'),
      typeName: regex("the simple name of one of the project's own types the receiver is or extends"),
      notTypeName: regex("none of the project's own types the receiver is or extends has a name matching this"),
      methods: names(),
      argCount: index('the number of arguments'),
      argNotSerializable: index("the argument at this index is of a project type that isn't Serializable"),
      argRegex: argRegex(),
      argType: {
        type: 'object',
        required: ['index', 'type'],
        additionalProperties: false,
        description: 'the declared type of the argument at index (0-based) is one of the types',
        properties: { index: index(), type: patterns('qualified names of the types') },
      },
      inMethods: names('only calls inside methods of these names'),
      notInMethods: names('no calls inside methods of these names'),
      through: {
        enum: ['wrappers', 'callers'],
        description:
          "wrappers: also the calls of the project's own methods that pass a parameter on as the first argument of " +
          'such a call, through any number of them (a session facade, a file helper); callers: the same, and the call ' +
          "inside such a method the project calls (with typeName: of a type it names, as a cache class's own put) " +
          'is reported at the call sites only',
      },
      flowsFrom: {
        ...argRegex(),
        description:
          'the argument at index, followed through the assignments of its method to what it takes its folder from ' +
          '(`dir` in `new File(dir, name)`), is worked out from an expression this regex matches, as ' +
          '`getRealPath|user\\.home`',
      },
      notValidatedCache: {
        type: 'boolean',
        description:
          'not the calls made in or on a project type whose read takes the time the data last changed ' +
          '(`get(key, lastModified)`): a cache checked against its source on every read is never stale',
      },
      reachedFrom: {
        enum: ['request', 'startup'],
        description:
          'request: not the calls that only start-up code reaches (static initializers, contextInitialized, ' +
          "singletons' constructors), and the path from a request-time entry point when one reaches it (a call no " +
          'entry point reaches stays: frameworks and reflection call methods the project does not); startup: only ' +
          'the calls that start-up code alone reaches',
      },
      notArgOf: regex(
        'skip calls passed as an argument to a call matching this (receiver.method), such as an environment lookup',
      ),
    },
    ['methods'],
  ),
  evaluator(c) {
    const types = list(c.type);
    const argIs = c.argType ? typeMatcher(list(c.argType.type)) : undefined;
    if (!c.through) return (f, ctx) => (f.kind === 'java' ? callMatches(c, types, argIs, f, ctx) : NONE);
    return (f, ctx) =>
      f.kind === 'java' ? [...callMatches(c, types, argIs, f, ctx), ...wrapperMatches(c, types, argIs, f, ctx)] : NONE;
  },
  cases: [
    {
      name: 'a call on a receiver of the type, declared or returned (by a method of the class or its base, on this)',
      when: { 'java.call': { type: 'javax.servlet.http.HttpSession', methods: ['setAttribute'] } },
      files: {
        'A.java': `package a;
import javax.servlet.http.*;
class A {
  void f(HttpSession s, HttpServletRequest req) {
    s.setAttribute("k", "v");
    req.getSession().setAttribute("k", "v");
  }
}
`,
        'BaseAction.java': `package a;
import javax.servlet.http.HttpSession;
public class BaseAction {
  protected HttpSession getSession() { return null; }
}
`,
        'InitAction.java': `package a;
public class InitAction extends BaseAction {
  public String save() {
    this.getSession().setAttribute("errorFlag", "1");
    return "cancel";
  }
}
`,
      },
      expect: ['A.java:5', 'A.java:6', 'InitAction.java:4'],
      lookAlike: {
        'A.java': `package a;
import javax.servlet.http.*;
class Other { void setAttribute(String k, Object v) {} }
class A {
  void f(Other s, HttpServletRequest req) {
    s.setAttribute("k", "v");
    req.setAttribute("k", "v");
  }
}
`,
      },
    },
    {
      name: "through the project's own helpers that pass their parameter on",
      when: {
        'java.call': { type: 'javax.servlet.http.HttpSession', methods: ['setAttribute'], through: 'wrappers' },
      },
      files: {
        'A.java': `package a;
import javax.servlet.http.*;
class A {
  static HttpSession session;
  static void put(String k, Object v) { session.setAttribute(k, v); }
  void login() { put("user", "u"); }
}
`,
      },
      expect: ['A.java:5', 'A.java:6'],
      lookAlike: {
        'A.java': `package a;
import javax.servlet.http.*;
class A {
  static HttpServletRequest request;
  static void put(String k, Object v) { request.setAttribute(k, v); }
  void login() { put("user", "u"); }
}
`,
      },
    },
    {
      name: 'reached from a request, not by start-up code alone',
      when: {
        'java.call': { type: 'javax.servlet.ServletContext', methods: ['setAttribute'], reachedFrom: 'request' },
      },
      files: {
        'A.java': `package a;
import javax.servlet.*;
import javax.servlet.http.*;
public class A extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) { remember(req.getServletContext()); }
  static void remember(ServletContext app) { app.setAttribute("last", "x"); }
}
`,
      },
      expect: ['A.java:6'],
      lookAlike: {
        'A.java': `package a;
import javax.servlet.*;
public class A implements ServletContextListener {
  public void contextInitialized(ServletContextEvent e) { remember(e.getServletContext()); }
  public void contextDestroyed(ServletContextEvent e) {}
  static void remember(ServletContext app) { app.setAttribute("version", "1"); }
}
`,
      },
    },
    {
      name: 'an argument matching a regex, outside the methods excluded',
      when: {
        'java.call': {
          type: 'java.lang.System',
          methods: ['getProperty'],
          argRegex: { index: 0, regex: '^"user\\.home"$' },
          notInMethods: ['main'],
        },
      },
      files: { 'A.java': 'package a;\nclass A {\n  String h() { return System.getProperty("user.home"); }\n}\n' },
      expect: ['A.java:3'],
      lookAlike: {
        'A.java': `package a;
class A {
  String v() { return System.getProperty("java.version"); }
  public static void main(String[] args) { System.getProperty("user.home"); }
}
`,
      },
    },
    {
      name: 'an argument of a declared type',
      when: {
        'java.call': { type: 'javax.imageio.ImageIO', methods: ['write'], argType: { index: 2, type: 'java.io.File' } },
      },
      files: {
        'A.java': `package a;
import java.io.File;
import javax.imageio.ImageIO;
class A {
  void f(java.awt.image.BufferedImage img, File out) throws Exception {
    ImageIO.write(img, "png", out);
    ImageIO.write(img, "png", new File("x.png"));
  }
}
`,
      },
      expect: ['A.java:6', 'A.java:7'],
      lookAlike: {
        'A.java': `package a;
import javax.imageio.ImageIO;
class A {
  void f(java.awt.image.BufferedImage img, javax.servlet.http.HttpServletResponse resp) throws Exception {
    ImageIO.write(img, "png", resp.getOutputStream());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
  }
}
`,
      },
    },
    {
      name: 'flowsFrom: an argument worked out, through the variables of its method, from a matching expression',
      when: {
        'java.call': { type: 'java.nio.file.Files', methods: ['write'], flowsFrom: { index: 0, regex: 'getRealPath' } },
      },
      files: {
        'A.java': `package a;
import java.nio.file.*;
class A {
  void save(javax.servlet.ServletContext ctx, byte[] b) throws Exception {
    String dir = ctx.getRealPath("/upload");
    Path p = Paths.get(dir, "a.bin");
    Files.write(p, b);
  }
}
`,
      },
      expect: ['A.java:7'],
      lookAlike: {
        'A.java': `package a;
import java.nio.file.*;
class A {
  void save(javax.servlet.ServletContext ctx, byte[] b) throws Exception {
    String dir = System.getenv("UPLOAD_DIR");
    String page = ctx.getRealPath("/index.jsp");
    Path p = Paths.get(dir, "a.bin");
    Files.write(p, b);
  }
}
`,
      },
    },
    {
      name: 'notValidatedCache: not in or on a cache whose reads take the time the data last changed',
      when: { 'java.call': { typeName: 'Cache$', methods: ['put'], notValidatedCache: true } },
      files: {
        'PageCache.java': `package a;
public class PageCache {
  private final java.util.Map<String, Object> map = new java.util.HashMap<>();
  public Object get(String key) { return map.get(key); }
  public void put(String key, Object value) { map.put(key, value); }
}
`,
        'PageServlet.java': `package a;
class PageServlet {
  void render(PageCache cache, String key, String html) { cache.put(key, html); }
}
`,
      },
      expect: ['PageServlet.java:3'],
      lookAlike: {
        'PageCache.java': `package a;
public class PageCache {
  private final java.util.Map<String, Object> map = new java.util.HashMap<>();
  public Object get(String key, long lastModified) { return map.get(key); }
  public void put(String key, Object value) { map.put(key, value); }
}
`,
        'PageServlet.java': `package a;
class PageServlet {
  void render(PageCache cache, String key, String html) { cache.put(key, html); }
}
`,
      },
    },
  ],
};
