import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment } from '../../analyzers/assess/assess.js';
import { collectFacts } from '../../analyzers/collect.js';
import { codeFlow, pathText, type CodeFlow } from '../../analyzers/java/reach.js';
import { buildIndex } from '../../analyzers/java/type-index.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';

// A shop whose servlet reaches the session through two levels of its own helpers and an interface with two
// implementations, counts through a static import, logs from a lambda, a method reference and an anonymous
// class, and fills a registry only while it starts.
const SHOP: Record<string, string> = {
  'src/shop/web/ShopServlet.java': `package shop.web;
import javax.servlet.http.*;
import shop.util.*;
import static shop.util.Counters.bump;
public class ShopServlet extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
    Sessions.put("cart", new Cart());
    bump();
    Runnable r = () -> OrderLog.append("posted");
    r.run();
    java.util.List<String> names = new java.util.ArrayList<String>();
    names.forEach(OrderLog::note);
    new Thread(new Runnable() {
      public void run() { Stats.count(); }
    }).start();
  }
  public void init() { Registry.remember("shop"); }
}
`,
  'src/shop/web/Cart.java': 'package shop.web;\npublic class Cart { int items; }\n',
  'src/shop/util/Sessions.java': `package shop.util;
public class Sessions {
  static Store store() { return Ctx.current().store(); }
  public static void put(String name, Object value) { store().set(name, value); }
}
`,
  'src/shop/util/Ctx.java': `package shop.util;
public class Ctx {
  private static final ThreadLocal<Ctx> CURRENT = new ThreadLocal<Ctx>();
  private Store store;
  public static Ctx current() { return CURRENT.get(); }
  public Store store() { return store; }
}
`,
  'src/shop/util/Store.java': 'package shop.util;\npublic interface Store { void set(String name, Object value); }\n',
  'src/shop/util/HttpStore.java': `package shop.util;
import javax.servlet.http.HttpSession;
public class HttpStore implements Store {
  private HttpSession session;
  public void set(String name, Object value) { session.setAttribute(name, value); }
}
`,
  'src/shop/util/MemoryStore.java': `package shop.util;
import java.util.*;
public class MemoryStore implements Store {
  private final Map<String, Object> values = new HashMap<String, Object>();
  public void set(String name, Object value) { values.put(name, value); }
}
`,
  'src/shop/util/Counters.java': `package shop.util;
public class Counters {
  private static int hits;
  public static void bump() { hits++; }
}
`,
  'src/shop/util/OrderLog.java': `package shop.util;
import java.util.*;
public class OrderLog {
  private static final List<String> LINES = new ArrayList<String>();
  private static final List<String> NOTES = new ArrayList<String>();
  public static void append(String s) { LINES.add(s); }
  public static void note(String s) { NOTES.add(s); }
}
`,
  'src/shop/util/Stats.java': `package shop.util;
import java.util.concurrent.atomic.AtomicLong;
public class Stats {
  private static final AtomicLong COUNT = new AtomicLong();
  public static void count() { COUNT.incrementAndGet(); }
}
`,
  'src/shop/util/Registry.java': `package shop.util;
import java.util.*;
public class Registry {
  private static final Map<String, String> NAMES = new HashMap<String, String>();
  public static void remember(String name) { NAMES.put(name, name); }
}
`,
};

let dir: string;
let flow: CodeFlow;
let assessment: Assessment;
beforeAll(async () => {
  dir = makeTree(SHOP);
  const project = await collectFacts(dir, { threads: 0 });
  flow = codeFlow(project, buildIndex(project));
  assessment = await assess(dir, bundledRules(), { threads: 0 });
});
afterAll(() => removeTree(dir));

const path = (id: string) => {
  const p = flow.reach.requestPath(id);
  return p && pathText(p);
};
const found = (rule: string) =>
  assessment.findings.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line} ${f.message.en}`);

describe('the call graph and what request-time entry points reach', () => {
  it('follows returned types, an interface to each implementation, static imports, lambdas, method references and anonymous classes', () => {
    expect(path('shop.util.HttpStore#set')).toBe('ShopServlet.doPost → Sessions.put → HttpStore.set');
    expect(path('shop.util.MemoryStore#set')).toBe('ShopServlet.doPost → Sessions.put → MemoryStore.set');
    expect(path('shop.util.Counters#bump')).toBe('ShopServlet.doPost → Counters.bump');
    expect(path('shop.util.OrderLog#append')).toBe('ShopServlet.doPost → OrderLog.append');
    expect(path('shop.util.OrderLog#note')).toBe('ShopServlet.doPost → OrderLog.note');
    expect(path('shop.util.Stats#count')).toBe('ShopServlet.doPost → ShopServlet.run → Stats.count');
  });

  it('tells start-up from request time', () => {
    expect(flow.entries.get('shop.web.ShopServlet#doPost')).toEqual({ phase: 'request', why: 'HttpServlet.doPost' });
    expect(flow.entries.get('shop.web.ShopServlet#init')).toEqual({ phase: 'startup', why: 'HttpServlet.init' });
    expect(path('shop.util.Registry#remember')).toBeUndefined();
    expect(flow.reach.onlyAtStartup('shop.util.Registry#remember')).toBe(true);
  });
});

describe('fields as nodes of the call graph', () => {
  const accesses = (kind: 'writes' | 'reads', field: string) =>
    (flow.fields()[kind].get(field) ?? []).map((a) => `${a.method} ${a.what} :${a.line}`);

  it('names the methods that write a field: assignments, increments and mutating calls, by bare or qualified name', () => {
    expect(accesses('writes', 'shop.util.Counters.hits')).toEqual(['shop.util.Counters#bump hits = :4']);
    expect(accesses('writes', 'shop.util.OrderLog.LINES')).toEqual(['shop.util.OrderLog#append LINES.add() :6']);
    expect(accesses('writes', 'shop.util.Stats.COUNT')).toEqual(['shop.util.Stats#count COUNT.incrementAndGet() :5']);
    expect(accesses('writes', 'shop.util.Registry.NAMES')).toEqual(['shop.util.Registry#remember NAMES.put() :5']);
  });

  it('names the methods that read a field through a call on it or as an argument', () => {
    expect(accesses('reads', 'shop.util.Ctx.CURRENT')).toEqual(['shop.util.Ctx#current CURRENT.get() :5']);
    expect(accesses('reads', 'shop.util.HttpStore.session')).toEqual([
      'shop.util.HttpStore#set session.setAttribute() :5',
    ]);
    expect(accesses('writes', 'shop.util.MemoryStore.values')).toEqual(['shop.util.MemoryStore#set values.put() :5']);
  });

  it('a field a request-time entry point reaches the writer of, with the path', () => {
    const writer = flow.fields().writes.get('shop.util.OrderLog.NOTES')![0].method;
    expect(path(writer)).toBe('ShopServlet.doPost → OrderLog.note');
    expect(flow.reach.onlyAtStartup(flow.fields().writes.get('shop.util.Registry.NAMES')![0].method)).toBe(true);
  });
});

describe('fields hidden by variables, inherited and nested', () => {
  const TREE = {
    'src/inv/Base.java':
      'package inv;\nimport java.util.*;\npublic class Base {\n  protected List<String> items = new ArrayList<String>();\n}\n',
    'src/inv/Holder.java': `package inv;
import java.util.*;
public class Holder extends Base {
  private int total;
  Holder(List<String> items) { this.items = items; }
  void fill(List<String> items) { items.add("a"); }
  void reset() { List<String> items = new ArrayList<String>(); items.clear(); total = 0; }
  void grow() { items.add("b"); total++; }
  void check(List<String> items) { log(items); new Holder(items); }
  void next() { var total = this.total + 1; total++; }
  void count() { int[] total = new int[2]; total[0] = 1; var items = java.util.Collections.emptyList(); items.size(); }
  class Line {
    void bump() { total += 2; log(items); }
  }
  static void log(Object o) { }
}
`,
  };
  let treeDir: string;
  let fields: ReturnType<CodeFlow['fields']>;
  beforeAll(async () => {
    treeDir = makeTree(TREE);
    const project = await collectFacts(treeDir, { threads: 0 });
    fields = codeFlow(project, buildIndex(project)).fields();
  });
  afterAll(() => removeTree(treeDir));

  it('a parameter or local variable of the same name (typed, `var`, an array whose element is set, an argument) is not the field; a super class and an outer class declare them', () => {
    const list = (kind: 'writes' | 'reads', id: string) =>
      (fields[kind].get(id) ?? []).map((a) => `${a.method} ${a.what}`);
    expect(list('writes', 'inv.Base.items')).toEqual(['inv.Holder#<init> items =', 'inv.Holder#grow items.add()']);
    expect(list('reads', 'inv.Base.items')).toEqual(['inv.Holder.Line#bump items']);
    expect(list('writes', 'inv.Holder.total')).toEqual([
      'inv.Holder#reset total =',
      'inv.Holder#grow total =',
      'inv.Holder.Line#bump total =',
    ]);
  });
});

describe('rules that use the call graph', () => {
  it('static state changed at request time names the path; a registry filled only at start-up is not state', () => {
    expect(found('static-mutable-state').map((f) => f.replace(/; each container.*/, ''))).toEqual([
      'src/shop/util/Counters.java:3 Static field hits holds state that changes while the application runs ' +
        '(ShopServlet.doPost → Counters.bump → hits =)',
      'src/shop/util/OrderLog.java:4 Static field LINES holds state that changes while the application runs ' +
        '(ShopServlet.doPost → OrderLog.append → LINES.add())',
      'src/shop/util/OrderLog.java:5 Static field NOTES holds state that changes while the application runs ' +
        '(ShopServlet.doPost → OrderLog.note → NOTES.add())',
      'src/shop/util/Stats.java:4 Static field COUNT holds state that changes while the application runs ' +
        '(ShopServlet.doPost → ShopServlet.run → Stats.count → COUNT.incrementAndGet())',
    ]);
  });

  it('session writes through two levels of helpers and an interface are found at every call site, with the chain', () => {
    expect(found('session-attribute-write').map((f) => f.replace(/ Session state.*Memcached\./, ''))).toEqual([
      'src/shop/util/HttpStore.java:5',
      'src/shop/util/Sessions.java:4 Through: HttpStore.set → HttpSession.setAttribute.',
      'src/shop/web/ShopServlet.java:7 Through: Sessions.put → HttpStore.set → HttpSession.setAttribute.',
    ]);
    // the value's type is known where the facade is called: Cart is not Serializable
    expect(found('session-attribute-not-serializable')).toEqual([
      'src/shop/web/ShopServlet.java:7 shop.web.Cart is stored in the session but does not implement ' +
        'java.io.Serializable: an external session store (Redis, Memcached) cannot save it. ' +
        'Through: Sessions.put → HttpStore.set → HttpSession.setAttribute.',
    ]);
  });
});

describe('start-up work a request starts', () => {
  const TREE = {
    'src/adm/AdminServlet.java': `package adm;
import javax.servlet.http.*;
public class AdminServlet extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) { Engine.restartSystem(); Engine.save(); }
}
`,
    'src/adm/Engine.java': `package adm;
public class Engine {
  static void restartSystem() { load(); }
  static void load() { }
  static void save() { }
}
`,
  };
  let wizardDir: string;
  let wizard: CodeFlow;
  beforeAll(async () => {
    wizardDir = makeTree(TREE);
    const project = await collectFacts(wizardDir, { threads: 0 });
    wizard = codeFlow(project, buildIndex(project));
  });
  afterAll(() => removeTree(wizardDir));

  it('what a restart method reached from a request runs is start-up work; the rest of the request is not', () => {
    expect(wizard.reach.requestPath('adm.Engine#load')).toBeUndefined();
    expect(wizard.reach.onlyAtStartup('adm.Engine#load')).toBe(true);
    expect(wizard.reach.requestPath('adm.Engine#save')).toEqual(['adm.AdminServlet#doPost', 'adm.Engine#save']);
  });
});

describe('lazy set-up a request runs', () => {
  const TREE = {
    'src/forum/ForumServlet.java': `package forum;
import javax.servlet.http.*;
public class ForumServlet extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    Object cats = Repo.get("categories");
    if (cats == null) {
      synchronized (Repo.class) { Repo.loadCategories(Dao.create()); }
    }
    if (!Repo.initialized) Repo.setBaseUrl(req.getRequestURL().toString());
    String url = req.getRequestURL().toString();
    if (!Repo.initialized) Repo.setHost(url);
    if (cats != null) Repo.touch();
    Repo.loadCategories(Dao.create());
  }
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
    Object forums = Repo.get("forums");
    if (forums == null) Repo.loadForums();
  }
}
`,
    'src/forum/Repo.java': `package forum;
public class Repo {
  static boolean initialized;
  static Object get(String k) { return null; }
  static void loadCategories(Object dao) { }
  static void loadForums() { }
  static void setBaseUrl(String u) { }
  static void setHost(String u) { }
  static void touch() { }
}
`,
    'src/forum/Dao.java': 'package forum;\npublic class Dao {\n  static Object create() { return null; }\n}\n',
  };
  let lazyDir: string;
  let lazy: CodeFlow;
  beforeAll(async () => {
    lazyDir = makeTree(TREE);
    const project = await collectFacts(lazyDir, { threads: 0 });
    lazy = codeFlow(project, buildIndex(project));
  });
  afterAll(() => removeTree(lazyDir));

  it('a loader called only when a value is missing is set-up; one the request also calls plainly is not', () => {
    expect(lazy.reach.requestPath('forum.Repo#loadForums')).toBeUndefined();
    expect(lazy.reach.onlyAtStartup('forum.Repo#loadForums')).toBe(true);
    // called lazily and plainly: the plain call is a request-time call
    expect(lazy.reach.requestPath('forum.Repo#loadCategories')).toEqual([
      'forum.ForumServlet#doGet',
      'forum.Repo#loadCategories',
    ]);
    // `cats != null` tests nothing as missing
    expect(lazy.reach.requestPath('forum.Repo#touch')).toBeDefined();
  });

  it('a value handed over from a variable of the request is not set-up, though the call is lazy', () => {
    expect(lazy.reach.requestPath('forum.Repo#setHost')).toEqual(['forum.ForumServlet#doGet', 'forum.Repo#setHost']);
    expect(lazy.reach.requestPath('forum.Repo#setBaseUrl')).toBeUndefined();
  });
});

describe('JSP pages', () => {
  const TREE = {
    'web/index.jsp': '<%@ page import="shop.Counter" %>\n<%! void count() { Counter.hit(); } %>\n',
    'web/login.jsp': '<%@ page import="shop.Counter" %>\n<%! void remember(String u) { Counter.login(u); } %>\n',
    'src/shop/Counter.java':
      'package shop;\npublic class Counter {\n  public static void hit() { }\n  public static void login(String u) { }\n}\n',
  };
  let pagesDir: string;
  let pages: CodeFlow;
  beforeAll(async () => {
    pagesDir = makeTree(TREE);
    const project = await collectFacts(pagesDir, { threads: 0 });
    pages = codeFlow(project, buildIndex(project));
  });
  afterAll(() => removeTree(pagesDir));

  it("every page's code runs on a request, its declared methods too, though all pages share one class name", () => {
    expect(pages.reach.requestPath('shop.Counter#hit')).toBeDefined();
    expect(pages.reach.requestPath('shop.Counter#login')).toBeDefined();
  });
});

describe('wrappers', () => {
  const TREE = {
    'src/aud/LoginServlet.java': `package aud;
import javax.servlet.http.*;
public class LoginServlet extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
    Audit.login(req.getSession(), req.getParameter("user"));
    Audit.remember(req.getSession(), req.getParameter("k"));
  }
}
`,
    'src/aud/Audit.java': `package aud;
import javax.servlet.http.HttpSession;
public class Audit {
  static void login(HttpSession s, String user) { s.setAttribute("user", "yes"); }
  static void remember(HttpSession s, String k) { s.setAttribute("app." + k, "v"); }
}
`,
  };
  let auditDir: string;
  let audit: Assessment;
  beforeAll(async () => {
    auditDir = makeTree(TREE);
    audit = await assess(auditDir, bundledRules(), { threads: 0 });
  });
  afterAll(() => removeTree(auditDir));

  it('a parameter inside an expression makes a wrapper; a word inside a string literal does not', () => {
    const writes = audit.findings
      .filter((f) => f.ruleId === 'session-attribute-write')
      .map((f) => `${f.file}:${f.line}`);
    expect(writes.sort()).toEqual(['src/aud/Audit.java:4', 'src/aud/Audit.java:5', 'src/aud/LoginServlet.java:6']);
  });
});
