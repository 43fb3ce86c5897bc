import { existsSync } from 'node:fs';
import path from 'node:path';
import { ENV_FILE, SETTINGS_FILE } from '../analyzers/settings/paasport-yaml.js';
import type { FixRunResult } from '../refactors/workflow.js';

function commitLines(result: FixRunResult): string[] {
  if (!result.commits.length) return ['Nothing to change: the application already has every fix paasport knows.'];
  return [
    `On branch ${result.branch}:`,
    ...result.commits.map((c) => `  ${c.sha.slice(0, 7)} ${c.kind}: ${c.files.length} file(s)`),
  ];
}

function settingsLines(repo: string, result: FixRunResult): string[] {
  if (!result.commits.some((c) => c.files.some((f) => f.endsWith(SETTINGS_FILE)))) return [];
  const out = [
    '',
    `${SETTINGS_FILE} records what the deployment needs (env, volumes, session store): next, paasport generate.`,
  ];
  if (existsSync(path.join(repo, ENV_FILE))) {
    out.push(`The values taken out of the sources, secrets included, are in ${ENV_FILE} (git-ignored, not committed).`);
  }
  return out;
}

function dirtyLines(result: FixRunResult): string[] {
  const out: string[] = [];
  if (result.skippedDirty.length) {
    out.push('', `Left alone because they have uncommitted changes: ${result.skippedDirty.join(', ')}`);
  }
  if (result.skippedDirty.some((f) => f.endsWith('.gitignore'))) {
    out.push(
      `Add ${ENV_FILE} to .gitignore: it holds the secrets taken out of the sources (paasport did not commit it).`,
    );
  }
  return out;
}

/** What `paasport fix` tells a person after committing: the commits, where the settings went, what is left to do. */
export function fixSummary(repo: string, result: FixRunResult): string {
  const left = [
    ...result.fixes.flatMap((f) => f.outcome.left.map((l) => `  [${f.outcome.kind}] ${l}`)),
    ...result.unfixed.map((f) => `  [${f.ruleId}] ${f.file}:${f.line}: ${f.title.en}`),
  ];
  const out = [
    ...commitLines(result),
    ...settingsLines(repo, result),
    ...dirtyLines(result),
    ...(left.length ? ['', 'Left for a person:', ...left] : []),
  ];
  return out.join('\n') + '\n';
}
