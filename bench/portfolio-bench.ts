// Apps per minute for a portfolio of 20 small apps (a fixture each, with 40 more classes; too little source for
// workers, so each is parsed in this thread): --each's one pool, whose parser serves every app, against a pool
// started and closed for each app, in one run (each twice, in the order A B B A, the faster kept).
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assess, assessAll, type AppRef } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';

export const APPS = 20;
export const EXTRA_CLASSES = 40;

const extraClass = (i: number) =>
  `package gen;\nimport java.util.*;\npublic class Helper${i} {\n  private final Map<String, Integer> seen = new HashMap<>();\n` +
  `  public int count(String key) {\n    Integer n = seen.get(key);\n    seen.put(key, n == null ? 1 : n + 1);\n` +
  `    return seen.get(key);\n  }\n}\n`;

/** Copies of the fixtures, each with more classes, made once in the cache. */
export function portfolio(cache: string): AppRef[] {
  const dir = path.join(cache, 'portfolio');
  const fixtures = readdirSync('fixtures').filter((f) => statSync(path.join('fixtures', f)).isDirectory());
  return Array.from({ length: APPS }, (_, i) => {
    const name = `app-${String(i + 1).padStart(2, '0')}`;
    const to = path.join(dir, name);
    if (!existsSync(to)) {
      mkdirSync(dir, { recursive: true });
      cpSync(path.join('fixtures', fixtures[i % fixtures.length]), to, { recursive: true });
      mkdirSync(path.join(to, 'src/gen'), { recursive: true });
      for (let k = 0; k < EXTRA_CLASSES; k++) writeFileSync(path.join(to, `src/gen/Helper${k}.java`), extraClass(k));
    }
    return { name, path: to };
  });
}

export async function portfolioBench(cache: string): Promise<void> {
  const apps = portfolio(cache);
  const rules = loadRules();
  await assessAll(apps.slice(0, 2), rules, {}); // warm the code both runs share
  const timed = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  const oneForAll = () => assessAll(apps, rules, {});
  const onePerApp = async () => {
    for (const a of apps) await assess(a.path, rules, {}, { name: a.name });
  };
  // in the order A B B A, the faster of each: the run that goes second no longer gets the warmer code alone
  const a1 = await timed(oneForAll);
  const b1 = await timed(onePerApp);
  const b2 = await timed(onePerApp);
  const a2 = await timed(oneForAll);
  const shared = Math.min(a1, a2);
  const each = Math.min(b1, b2);
  const perMinute = (ms: number) => `${((APPS * 60_000) / ms).toFixed(0).padStart(5)} apps/min`;
  console.log(`portfolio of ${APPS} small apps (a fixture each, with ${EXTRA_CLASSES} more classes):`);
  console.log(`  one pool for all (--each)        ${(shared / 1000).toFixed(2).padStart(6)} s  ${perMinute(shared)}`);
  console.log(`  a pool started for each app      ${(each / 1000).toFixed(2).padStart(6)} s  ${perMinute(each)}`);
  console.log('');
}
