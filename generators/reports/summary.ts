import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Lang } from '../../analyzers/types.js';
import type { Source } from '../../analyzers/assess/profile.js';
import { CATEGORY_LABEL, REFACTOR_LABEL, SCOPE_LABEL, sourceText, words } from './i18n.js';
import { inDeployedApp } from '../../analyzers/assess/verdict.js';

/** The technology profile as label/value rows, shared by every human-facing report. */
export function profileRows(a: Assessment, lang: Lang): [string, string][] {
  const w = words(lang);
  const p = a.profile;
  const list = (xs: { name: string; version?: string }[]) =>
    xs.length ? xs.map((x) => (x.version ? `${x.name} ${x.version}` : x.name)).join(', ') : w.none;
  const where = (s: Source) => ` (${sourceText(s, lang)})`;
  return [
    [w.buildTool, `${p.buildTool}, ${p.packaging}`],
    [
      w.java,
      p.javaVersion
        ? `${p.javaVersion}${p.javaSource && p.javaSource !== p.javaVersion ? ` (source ${p.javaSource})` : ''}`
        : w.unknown,
    ],
    [
      w.servlet,
      `${p.servlet.namespace}.servlet${p.servlet.version ? ` ${p.servlet.version}` : ''}${where(p.servlet.evidence)}`,
    ],
    [w.tomcat, p.tomcat ? `${p.tomcat.version}${where(p.tomcat.evidence)}` : w.unknown],
    [w.frameworks, list(p.frameworks)],
    [w.databases, list(p.databases)],
    [w.baseImage, `${a.baseImage.image} — ${a.baseImage.reason[lang]}`],
  ];
}

export function blockerText(a: Assessment, lang: Lang, max = 3): string {
  const b = a.verdict.blockers.slice(0, max);
  if (!b.length) return words(lang).none;
  return b.map((x) => `${x.ruleId} ×${x.count}`).join(', ');
}

export function refactorText(a: Assessment, lang: Lang): string {
  return a.verdict.refactors.map((r) => REFACTOR_LABEL[lang][r] ?? r).join('; ') || words(lang).none;
}

export function categoryCounts(a: Assessment, lang: Lang): string {
  const c = (k: 'mandatory' | 'optional' | 'potential') =>
    `${a.findings.filter((f) => inDeployedApp(f) && f.category === k).length} ${CATEGORY_LABEL[lang][k]}`;
  return `${c('mandatory')}, ${c('optional')}, ${c('potential')}`;
}

/** The module tree, one line each, when the build has more than one module. */
export function moduleRows(a: Assessment, lang: Lang): string[] {
  const mods = a.build.modules ?? [];
  if (mods.length < 2) return [];
  return mods.map(
    (m) => `${m.dir || '.'}/${m.packaging ? ` (${m.packaging})` : ''} — ${SCOPE_LABEL[lang][m.scope]}: ${m.why}`,
  );
}

/** Columns a string takes in a terminal: CJK characters take two. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.charCodeAt(0) >= 0x2e80 ? 2 : 1;
  return n;
}

export const padDisplay = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
