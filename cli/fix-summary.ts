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

// a .gitignore with changes of the user's own, or a link, was left alone: the env file is not ignored yet
const gitignoreLeftAlone = (result: FixRunResult) =>
  [...result.skippedDirty, ...result.skippedLinks].some((f) => path.posix.basename(f) === '.gitignore');

function settingsLines(repo: string, result: FixRunResult): string[] {
  if (!result.commits.some((c) => c.files.some((f) => f.endsWith(SETTINGS_FILE)))) return [];
  const out = [
    '',
    `${SETTINGS_FILE} records what the deployment needs (env, volumes, session store): next, paasport generate.`,
  ];
  if (existsSync(path.join(repo, ENV_FILE))) {
    const ignored = !gitignoreLeftAlone(result);
    out.push(
      `The values taken out of the sources, secrets included, are in ${ENV_FILE} (${ignored ? 'git-ignored, ' : ''}not committed).`,
    );
  }
  return out;
}

function dirtyLines(result: FixRunResult): string[] {
  const out: string[] = [];
  if (result.skippedLinks.length) {
    out.push(
      '',
      `Left alone because they are symbolic links, lead out of the repository or belong to a submodule (edit them where they really are): ${result.skippedLinks.join(', ')}`,
    );
  }
  if (result.skippedDirty.length) {
    out.push('', `Left alone because they have uncommitted changes: ${result.skippedDirty.join(', ')}`);
  }
  if (gitignoreLeftAlone(result)) {
    out.push(
      `Add ${ENV_FILE} to .gitignore: it holds the secrets taken out of the sources (paasport did not commit it).`,
    );
  }
  return out;
}

/** One thing left for a person, at a place of a file when it has one. */
interface LeftItem {
  tag: string; // the fix, or the rule no fix resolves
  place?: string; // file or file:line
  text: string;
}

const SHOWN_PLACES = 5;
const AT_PLACE = /^([^\s:]+(?::\d+)?): ([\s\S]*)$/;

function fromFix(kind: string, line: string): LeftItem {
  const m = AT_PLACE.exec(line);
  return m ? { tag: kind, place: m[1], text: m[2] } : { tag: kind, text: line };
}

/** The same thing left at many places reads as one line with its places, not as one line per place. */
export function groupedLeft(items: LeftItem[]): string[] {
  const groups = new Map<string, { item: LeftItem; places: string[] }>();
  for (const [i, item] of items.entries()) {
    // a thing left without a place stands alone
    const key = item.place ? `${item.tag}\0${item.text}` : String(i);
    const g = groups.get(key) ?? { item, places: [] };
    if (item.place) g.places.push(item.place);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ item, places }) => {
    if (places.length <= 1) return `  [${item.tag}] ${places[0] ? `${places[0]}: ` : ''}${item.text}`;
    const more = places.length > SHOWN_PLACES ? `, … and ${places.length - SHOWN_PLACES} more` : '';
    return `  [${item.tag}] ${item.text} (${places.length} places: ${places.slice(0, SHOWN_PLACES).join(', ')}${more})`;
  });
}

/** What `paasport fix` tells a person after committing: the commits, where the settings went, what is left to do. */
export function fixSummary(repo: string, result: FixRunResult): string {
  const left = groupedLeft([
    ...result.fixes.flatMap((f) => f.outcome.left.map((l) => fromFix(f.outcome.kind, l))),
    ...result.unfixed.map((f) => ({ tag: f.ruleId, place: `${f.file}:${f.line}`, text: f.title.en })),
  ]);
  const out = [
    ...commitLines(result),
    ...settingsLines(repo, result),
    ...dirtyLines(result),
    ...(left.length ? ['', 'Left for a person:', ...left] : []),
  ];
  return out.join('\n') + '\n';
}
