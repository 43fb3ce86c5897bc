import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../analyzers/collect.js';
import { mutationIndex, staticState } from '../../analyzers/java/static-state.js';
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

const file = (name: string) => project.files.find((f): f is JavaFacts => f.kind === 'java' && f.file.endsWith(name))!;

describe('static state', () => {
  it('static fields written while serving, each with how it is written', () => {
    const found = staticState(file('Registry.java'), mutationIndex(project));
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
    const names = staticState(file('Registry.java'), mutationIndex(project)).map((s) => s.field.name);
    for (const n of ['CODES', 'NAME', 'LOG', 'instance', 'configured', 'settings', 'perInstance'])
      expect(names).not.toContain(n);
  });

  it('the mutation index holds calls of mutating methods by receiver text', () => {
    const index = mutationIndex(project);
    expect([...index.keys()].sort()).toEqual(['CODES', 'HITS', 'ONLINE', 'Registry.SHARED', 'perInstance']);
    expect(index.get('ONLINE')?.map((m) => [m.call.name, m.call.enclosingMethod])).toEqual([['put', 'login']]);
  });
});
