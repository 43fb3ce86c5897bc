import { Command, InvalidArgumentError, Option } from 'commander';
import { FIX_ORDER } from '../refactors/fix-order.js';
import type { AbortResult } from '../refactors/workflow.js';
import type { FixKind } from '../refactors/types.js';
import type { SessionStoreKind } from '../analyzers/settings/types.js';

function parseOnly(v: string): FixKind[] {
  const kinds = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = kinds.filter((k) => !FIX_ORDER.includes(k as FixKind));
  if (bad.length) throw new InvalidArgumentError(`unknown fix ${bad.join(', ')}: choose from ${FIX_ORDER.join(', ')}.`);
  return kinds as FixKind[];
}

const HELP_AFTER = `
Every fix is planned in memory first; then each kind is written and committed
separately. A failure midway, Ctrl-C, TERM or HUP puts back every file, the
index, the branch and HEAD. Each step is noted in a journal in the repository's
git folder (.git/paasport-fix.json): after a kill or a crash, fix refuses to run
until --resume has made the remaining commits or --abort has put everything back.
Running fix again on its own branch changes nothing.

Exit codes: 0 done (or nothing to change), 2 wrong usage (not a git repository,
uncommitted changes, branch exists), 3 a fix failed and was rolled back.

Examples:
  paasport fix ./shop --dry-run
  paasport fix ./shop --session-store memcached --logs stdout
  paasport fix ./crm --only externalize-config,logs --branch chore/config
  paasport fix ./shop --resume     # after a kill: finish the stopped run
  paasport fix ./shop --abort      # or undo it`;

function abortSummary(r: AbortResult): string {
  const where = r.branch ? `on ${r.branch} at ${r.head.slice(0, 7)}` : `at ${r.head.slice(0, 7)} (detached)`;
  const branch = r.removedBranch ? `, branch ${r.removedBranch} deleted` : '';
  return `Put back as before the stopped paasport fix: HEAD ${where}${branch}, the index and every file it wrote.\n`;
}

interface FixFlags {
  only?: FixKind[];
  sessionStore?: SessionStoreKind;
  logs: 'volume' | 'stdout';
  branch: string;
  dryRun?: boolean;
  allowDirty?: boolean;
  resume?: boolean;
  abort?: boolean;
  rules: string[];
}

// git, the fixes and the rules are loaded when the command runs, not when paasport starts
async function fixAction(repo: string, opts: FixFlags): Promise<void> {
  const { abortFix, resumeFix, runFix } = await import('../refactors/workflow.js');
  const { fixSummary } = await import('./fix-summary.js');
  const { loadRules } = await import('../analyzers/engine/rule-load.js');
  if (opts.abort) {
    process.stdout.write(abortSummary(await abortFix(repo)));
    return;
  }
  if (opts.resume) {
    process.stdout.write(fixSummary(repo, await resumeFix(repo)));
    return;
  }
  const result = await runFix(repo, {
    rules: loadRules(opts.rules),
    only: opts.only,
    branch: opts.branch,
    dryRun: !!opts.dryRun,
    allowDirty: !!opts.allowDirty,
    sessionStore: opts.sessionStore,
    logs: opts.logs,
  });
  if (result.diff !== undefined) {
    process.stdout.write(result.diff || 'Nothing to change.\n');
    return;
  }
  process.stdout.write(fixSummary(repo, result));
}

export function fixCommand(): Command {
  return new Command('fix')
    .description(
      'Apply the stateless refactors to an application in its git repository, on a branch, one commit per kind of fix.',
    )
    .argument('<repo>', 'the application folder, inside a git work tree')
    .option('--only <fixes>', `comma-separated fixes to apply (${FIX_ORDER.join(', ')})`, parseOnly)
    .addOption(
      new Option(
        '--session-store <store>',
        'where sessions go (default: redis, or spring-session for Spring apps)',
      ).choices(['redis', 'memcached', 'spring-session']),
    )
    .addOption(
      new Option('--logs <mode>', 'file appenders write to per-host folders on the log volume, or to the console')
        .choices(['volume', 'stdout'])
        .default('volume'),
    )
    .option('--branch <name>', 'branch to commit on', 'paasport/stateless')
    .option('--dry-run', 'print the changes as a unified diff and change nothing')
    .option('--allow-dirty', 'run on a working tree with uncommitted changes (files with changes are left alone)')
    .addOption(
      new Option('--resume', 'finish a run that was killed: make its remaining commits, as it planned them').conflicts([
        'abort',
        'dryRun',
      ]),
    )
    .addOption(
      new Option(
        '--abort',
        'undo a run that was killed: put back the branch, HEAD, index and files as they were before it',
      ).conflicts('dryRun'),
    )
    .option(
      '--rules <dir>',
      'also load the YAML rules of this folder (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .addHelpText('after', HELP_AFTER)
    .action(fixAction);
}
