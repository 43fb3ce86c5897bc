// Every app is tried on a copy in a temporary folder: a fresh git repository with one commit of the app as it is.
import { cpSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { git } from './run-process.js';

/** The apps of a corpus: its sub-folders (hidden ones left out). */
export function corpusApps(corpus: string): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || statSync(path.join(corpus, e.name)).isDirectory()))
    .map((e) => e.name)
    .sort();
}

/**
 * Copies the app without its git data (a checkout may lack files its history holds) and commits it. Links are
 * copied as the files they point to: an edit of the copy must never reach the corpus.
 */
export function copyApp(source: string, target: string): void {
  cpSync(realpathSync(source), target, {
    recursive: true,
    dereference: true,
    filter: (src) => path.basename(src) !== '.git',
  });
  if (lstatSync(target).isSymbolicLink()) throw new Error(`${target} is a link, not a copy`);
  const steps = [
    ['init', '-q', '-b', 'main'],
    ['config', 'user.name', 'paasport trial'],
    ['config', 'user.email', 'trial@localhost'],
    ['add', '-A'],
    ['commit', '-q', '--no-verify', '-m', 'app as checked out'],
  ];
  for (const args of steps) {
    const out = git(args, target);
    if (out.code !== 0) throw new Error(`git ${args[0]} in ${target}: ${out.stderr.trim()}`);
  }
}
