import { createContext, evaluate, type Match } from './conditions.js';
import { maskSecrets } from './mask.js';
import { buildIndex } from './resolve.js';
import { mutationIndex, type MutationIndex } from './static-state.js';
import type { FileFacts, Finding, Lang, Localized, ProjectFacts, Rule } from './types.js';

const SNIPPET_MAX = 160;

function snippetOf(f: FileFacts | undefined, line: number): string {
  const text = f && 'lines' in f ? f.lines[line - 1] ?? '' : '';
  const t = text.trim();
  return t.length > SNIPPET_MAX ? t.slice(0, SNIPPET_MAX - 1) + '…' : t;
}

function fill(template: Localized, m: Match, mask: boolean, secrets: string[]): Localized {
  const value = m.value === undefined ? '' : mask ? '****' : maskSecrets(m.value, secrets);
  const out = {} as Localized;
  for (const lang of Object.keys(template) as Lang[]) {
    out[lang] = template[lang].replace(/\{value\}/g, value).replace(/\{detail\}/g, m.detail ?? '');
  }
  return out;
}

/** Runs every rule on every file of the project and returns the findings in file, line, rule order. */
export function runRules(project: ProjectFacts, rules: Rule[]): Finding[] {
  const index = buildIndex(project);
  let mutations: MutationIndex | undefined;
  const ctx = createContext(project, index, () => (mutations ??= mutationIndex(project)));
  const byFile = new Map(project.files.map((f) => [f.file, f]));
  const findings: Finding[] = [];
  const seen = new Set<string>();

  const matches: { rule: Rule; m: Match }[] = [];
  const secrets = new Set<string>();
  for (const f of project.files) {
    for (const rule of rules) {
      for (const m of evaluate(rule.when, f, ctx)) {
        const key = `${rule.id}\0${m.file}\0${m.line}\0${m.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matches.push({ rule, m });
        if (rule.mask && m.value) secrets.add(/^".+"$/.test(m.value) ? m.value.slice(1, -1) : m.value);
      }
    }
  }
  // A secret found by one rule is masked in every snippet, whichever rule shows that line.
  const secretList = [...secrets].sort((a, b) => b.length - a.length);
  for (const { rule, m } of matches) {
    findings.push({
      ruleId: rule.id,
      category: rule.category,
      effort: rule.effort,
      tags: rule.tags,
      file: m.file,
      line: m.line,
      column: m.column,
      title: rule.title,
      message: fill(rule.message, m, !!rule.mask, secretList),
      snippet: maskSecrets(snippetOf(byFile.get(m.file), m.line), secretList),
      ...(rule.fix ? { fix: rule.fix } : {}),
    });
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1)));
}
