import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../analyzers/collect.js';
import { codeFlow, whenRun } from '../../analyzers/java/reach.js';
import { mutationIndex, staticState, type WhenRunIn } from '../../analyzers/java/static-state.js';
import { buildIndex } from '../../analyzers/java/type-index.js';
import type { JavaFacts, ProjectFacts } from '../../analyzers/types.js';
import { makeTree, removeTree } from '../helpers.js';

const REGISTRY = `package app;
import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
public class Registry {
  private static final Map<String, Object> ONLINE = new HashMap<String, Object>();
  private static final Map<String, String> CODES = new HashMap<String, String>();
  static { CODES.put("a", "b"); }
  private static final List<String> SHARED = new ArrayList<String>();
  private static final AtomicLong HITS = new AtomicLong();
  private static int visits;
  private static int configured;
  private static String[] recent = new String[10];
  private static final String NAME = "registry";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Registry.class);
  private static Registry instance;
  private static Map<String, String> settings;
  private final Map<String, Object> perInstance = new HashMap<String, Object>();

  public static Registry get() { if (instance == null) instance = new Registry(); return instance; }
  public static void init() { configured = 1; settings = new HashMap<String, String>(); }
  public void login(String user) { ONLINE.put(user, new Object()); }
  public void count() { HITS.incrementAndGet(); visits++; }
  public void remember(String s) { recent[0] = s; }
  public void note(String k) { perInstance.put(k, k); }
}
`;

const OTHER = `package app;
public class Other {
  void f() { Registry.SHARED.add("x"); }
}
`;

let dir: string;
let project: ProjectFacts;
beforeAll(async () => {
  dir = makeTree({ 'src/app/Registry.java': REGISTRY, 'src/app/Other.java': OTHER });
  project = await collectFacts(dir, { threads: 0 });
});
afterAll(() => removeTree(dir));

/** When code runs, from the project's own code flow. */
function whenIn(p: ProjectFacts): WhenRunIn {
  const flow = codeFlow(p, buildIndex(p));
  return (f, type, method) => whenRun(flow, f, type, method);
}

const file = (name: string) => project.files.find((f): f is JavaFacts => f.kind === 'java' && f.file.endsWith(name))!;

describe('static state', () => {
  it('static fields written while serving, each with how it is written', () => {
    const found = staticState(file('Registry.java'), mutationIndex(project), whenIn(project), true);
    expect(found.map((s) => [s.field.name, s.how])).toEqual([
      ['ONLINE', 'login() → ONLINE.put()'],
      ['SHARED', 'src/app/Other.java: f() → Registry.SHARED.add()'],
      ['HITS', 'count() → HITS.incrementAndGet()'],
      ['visits', 'count() → visits ='],
      ['recent', 'remember() → recent[…] ='],
    ]);
    expect(found.every((s) => s.file === file('Registry.java'))).toBe(true);
  });

  it('not state: tables filled in a static block, constants, loggers, singletons, start-up settings, instance fields', () => {
    const names = staticState(file('Registry.java'), mutationIndex(project), whenIn(project), true).map(
      (s) => s.field.name,
    );
    for (const n of ['CODES', 'NAME', 'LOG', 'instance', 'configured', 'settings', 'perInstance'])
      expect(names).not.toContain(n);
  });

  it('the mutation index holds calls of mutating methods by receiver text', () => {
    const index = mutationIndex(project);
    expect([...index.keys()].sort()).toEqual(['CODES', 'HITS', 'ONLINE', 'Registry.SHARED', 'perInstance']);
    expect(index.get('ONLINE')?.map((m) => [m.call.name, m.call.enclosingMethod])).toEqual([['put', 'login']]);
  });
});

describe('static state: start-up and derived data are not request-time state', () => {
  const MEMO = `package app;
import java.util.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
public class Memo {
  private static Map<String, Pattern> patterns = new HashMap<String, Pattern>();
  private static Map<Locale, java.text.DateFormat> formats = new HashMap<Locale, java.text.DateFormat>();
  private static List<String> choices;
  private static Map<String, Class<?>> handlers = new HashMap<String, Class<?>>();
  private static final AtomicInteger ids = new AtomicInteger(1);
  private static List<Locale> allowed = new ArrayList<Locale>();
  private final int id;
  public Memo() { id = ids.getAndIncrement(); }
  static Pattern compile(String tag) { Pattern p = Pattern.compile(tag); patterns.put(tag, p); return p; }
  static java.text.DateFormat format(Locale l) { return formats.computeIfAbsent(l, java.text.DateFormat::getDateInstance); }
  public static List<String> getChoices() { if (choices == null) { choices = new ArrayList<String>(); choices.add("a"); } return choices; }
  public static void registerHandler(String n, Class<?> c) { handlers.put(n, c); }
  public static void allow(Locale l) { allowed.add(l); }
}
`;
  let memoDir: string;
  let memo: ProjectFacts;
  beforeAll(async () => {
    memoDir = makeTree({ 'src/app/Memo.java': MEMO });
    memo = await collectFacts(memoDir, { threads: 0 });
  });
  afterAll(() => removeTree(memoDir));

  it('memo caches of compiled patterns and formats, lazily built lists and registries filled by register*() are not state', () => {
    const java = memo.files.find((f): f is JavaFacts => f.kind === 'java')!;
    const found = staticState(java, mutationIndex(memo), whenIn(memo), true).map((s) => [s.field.name, s.how]);
    // a counter a constructor increments runs per object made at request time; a list of locales is data
    expect(found).toEqual([
      ['ids', '<init>() → ids.getAndIncrement()'],
      ['allowed', 'allow() → allowed.add()'],
    ]);
  });
});

describe('static state once the code flow knows the request-time entry points', () => {
  const FILES = {
    'src/app/ListServlet.java': `package app;
import javax.servlet.http.*;
public class ListServlet extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    Lists.choices();
    Lists.visit(req.getRemoteUser());
    Lists.monitorFor(this);
    Lists.profileOf(req.getSession());
    Lists.tokenOf(req.getSession().getId());
    Lists.lock();
    Lists.setSiteUrl(req.getRequestURL().toString());
    Lists.poll();
    Lists.smilies();
  }
}
`,
    'src/app/Lists.java': `package app;
import java.lang.ref.SoftReference;
import java.util.*;
public class Lists {
  private static List<String> SORTS = null;
  private static char[] letters = null;
  private static Random random = null;
  private static final Map<String, Integer> visits = new HashMap<String, Integer>();
  private static final Map<Object, Monitor> MONITORS = new HashMap<Object, Monitor>();
  private static final Map<HttpSessionKey, String> profiles = new WeakHashMap<HttpSessionKey, String>();
  private static final Map<String, SoftReference<byte[]>> buffers = new HashMap<String, SoftReference<byte[]>>();
  private static final Map<String, String> tokens = new WeakHashMap<String, String>();
  private static final List<String> neverServed = new ArrayList<String>();
  private static boolean locked;
  private static String siteUrl;
  private static boolean working;
  private static boolean configured;
  private static boolean smiliesReady;
  private static int failedAttempts;
  static List<String> choices() {
    if (SORTS == null) { SORTS = Arrays.asList("name", "date"); }
    if (random == null) { random = new Random(); letters = "abc".toCharArray(); }
    return SORTS;
  }
  static void visit(String user) { visits.put(user, 1); }
  static Monitor monitorFor(Object engine) {
    Monitor m = MONITORS.get(engine);
    if (m == null) { m = new Monitor(engine); MONITORS.put(engine, m); }
    return m;
  }
  static String profileOf(Object session) { profiles.put(new HttpSessionKey(session), "p"); buffers.put("b", null); return "p"; }
  static String tokenOf(String id) { tokens.put(id, "t"); return "t"; }
  static void housekeeping() { neverServed.add("x"); configured = true; }
  static void lock() { locked = true; }
  static void smilies() { if (!smiliesReady) { smiliesReady = true; } if (!locked) { failedAttempts++; } }
  static void setSiteUrl(String url) { siteUrl = url; }
  static void poll() { if (!working) { working = true; try { visits.clear(); } finally { working = false; } } }
}
class Monitor { Monitor(Object engine) {} }
class HttpSessionKey { HttpSessionKey(Object s) {} }
`,
  };
  let flowDir: string;
  let flowProject: ProjectFacts;
  beforeAll(async () => {
    flowDir = makeTree(FILES);
    flowProject = await collectFacts(flowDir, { threads: 0 });
  });
  afterAll(() => removeTree(flowDir));

  it('only writes a request reaches; lazy set-up, registries made from their key, weakly held memos, busy flags are not state', () => {
    const java = flowProject.files.find((f): f is JavaFacts => f.kind === 'java' && f.file.endsWith('Lists.java'))!;
    const found = staticState(java, mutationIndex(flowProject), whenIn(flowProject), false).map((s) => s.field.name);
    // a map keyed by the user, a WeakHashMap keyed by strings (kept as long as the id is), a flag and a setting a
    // request sets: data of this instance; a flag set and cleared in one method guards a run, and one set by code no
    // request reaches is not counted, nor one that records a one-time set-up (`if (!ready) { ...; ready = true; }`);
    // a counter under another flag's test is
    expect(found).toEqual(['visits', 'tokens', 'locked', 'siteUrl', 'failedAttempts']);
  });

  it('the write of a lazily set up field carries the names its `if` tests against null', () => {
    const java = flowProject.files.find((f): f is JavaFacts => f.kind === 'java' && f.file.endsWith('Lists.java'))!;
    const letters = java.writes.find((w) => w.target === 'letters');
    expect(letters?.unsetTested).toEqual(['random']);
    expect(java.writes.find((w) => w.target === 'm')?.unsetTested).toEqual(['m']);
    expect(java.writes.find((w) => w.target === 'locked')?.unsetTested).toBeUndefined();
  });
});
