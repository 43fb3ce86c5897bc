import { compileConditions } from './conditions/index.js';
import { createContext, withLinearRegexes } from './context.js';
import { maskSecrets } from './mask.js';
import type { EvalContext, Match } from './types.js';
import { buildIndex, type ProjectIndex } from '../java/type-index.js';
import { sourceLines } from '../read/source-lines.js';
import { mutationIndex, type MutationIndex } from '../java/static-state.js';
import type { Finding, Lang, Localized, ProjectFacts, Rule } from '../types.js';
import { timeStage } from '../stage-times.js';

const SNIPPET_MAX = 160;
// A file with more findings than this is generated or a data dump: the rest of its findings say nothing new and would
// bury every other file's in the reports. Past it the file's matches are dropped, with a notice.
export const MAX_FINDINGS_PER_FILE = 5_000;

interface RuleMatch {
  rule: Rule;
  m: Match;
}

function snippetOf(lines: string[], line: number): string {
  const text = lines[line - 1] ?? '';
  const t = text.trim();
  return t.length > SNIPPET_MAX ? t.slice(0, SNIPPET_MAX - 1) + '…' : t;
}

const VIA: Record<Lang, (chain: string) => string> = {
  en: (chain) => ` Through: ${chain}.`,
  'zh-CN': (chain) => ` 调用链：${chain}。`,
};

function fill(template: Localized, m: Match, mask: boolean, secrets: string[]): Localized {
  const value = m.value === undefined ? '' : mask ? '****' : maskSecrets(m.value, secrets);
  const out = {} as Localized;
  for (const lang of Object.keys(template) as Lang[]) {
    out[lang] = template[lang].replace(/\{value\}/g, value).replace(/\{detail\}/g, m.detail ?? '');
    if (m.via) out[lang] += VIA[lang](m.via);
  }
  return out;
}

/**
 * Every match of every rule in every file, once per rule and place, with the secret values found on each line
 * (file:line → values) by the rules that say their value is a secret.
 */
function collectMatches(project: ProjectFacts, rules: Rule[], ctx: EvalContext) {
  const evaluators = compileConditions(rules.map((r) => r.when));
  const matches: RuleMatch[] = [];
  const secrets = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const linear = withLinearRegexes(ctx);
  const perFile = new Map<string, number>();
  for (const f of project.files) {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      for (const m of evaluators[i](f, rule.linearRegex ? linear : ctx)) {
        const key = `${rule.id}\0${m.file}\0${m.line}\0${m.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const count = (perFile.get(m.file) ?? 0) + 1;
        perFile.set(m.file, count);
        if (count > MAX_FINDINGS_PER_FILE) continue;
        matches.push({ rule, m });
        if (rule.mask && m.value) {
          const at = `${m.file}:${m.line}`;
          const set = secrets.get(at) ?? new Set<string>();
          set.add(/^".+"$/.test(m.value) ? m.value.slice(1, -1) : m.value);
          secrets.set(at, set);
        }
      }
    }
  }
  for (const [file, count] of perFile)
    if (count > MAX_FINDINGS_PER_FILE)
      project.notices.push({
        kind: 'limit',
        file,
        detail: `${count} findings: only the first ${MAX_FINDINGS_PER_FILE} are listed`,
      });
  return { matches, secrets };
}

function toFinding({ rule, m }: RuleMatch, secretList: string[], snippet: string): Finding {
  return {
    ruleId: rule.id,
    category: rule.category,
    effort: rule.effort,
    tags: rule.tags,
    file: m.file,
    line: m.line,
    column: m.column,
    title: rule.title,
    message: fill(rule.message, m, !!rule.mask, secretList),
    snippet: maskSecrets(snippet, secretList),
    ...(rule.fix ? { fix: rule.fix } : {}),
    matched: { value: m.value, detail: m.detail },
  };
}

const byPlace = (a: Finding, b: Finding): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1);

/**
 * Runs every rule on every file of the project and returns the findings in file, line, column, rule order.
 * The type index is built here unless the caller, who needs it too, built it already.
 */
export function runRules(
  project: ProjectFacts,
  rules: Rule[],
  index: ProjectIndex = timeStage('index', () => buildIndex(project)),
): Finding[] {
  return timeStage('rules', () => findingsOf(project, rules, index));
}

function findingsOf(project: ProjectFacts, rules: Rule[], index: ProjectIndex): Finding[] {
  let mutations: MutationIndex | undefined;
  const linesOf = sourceLines(project);
  const ctx = createContext(project, index, () => (mutations ??= mutationIndex(project)), linesOf);
  const byFile = new Map(project.files.map((f) => [f.file, f]));
  const { matches, secrets } = collectMatches(project, rules, ctx);
  // A secret found by one rule is masked wherever its line is shown, whichever rule shows it.
  const findings = matches.map((rm) => {
    const secretList = [...(secrets.get(`${rm.m.file}:${rm.m.line}`) ?? [])].sort((a, b) => b.length - a.length);
    return toFinding(rm, secretList, snippetOf(linesOf(byFile.get(rm.m.file)!), rm.m.line));
  });
  return findings.sort(byPlace);
}
