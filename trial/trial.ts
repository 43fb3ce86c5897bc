// npm run trial -- --corpus DIR: paasport's assess, fix and generate on every app checked out under DIR, each on a
// copy of its own, with the checks a reviewer makes by hand. Exits 1 when a check fails, 2 on wrong usage.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusApps } from './app-copy.js';
import { trialApp, type TrialSettings } from './run-app.js';
import { appTable, failures, summaryTable } from './table.js';
import type { AppTrial } from './types.js';

const DEFAULT_CATALINA = '.cache/tomcat/9/bin/catalina.sh';

const USAGE = `usage: npm run trial -- --corpus DIR [--app NAME ...] [--keep] [--catalina-sh FILE]
  --corpus DIR        a folder whose sub-folders are checked-out applications (never changed)
  --app NAME          only this sub-folder (repeatable)
  --keep              keep each app's copy (its path is printed) to look at what fix and generate wrote
  --catalina-sh FILE  the catalina.sh (setclasspath.sh beside it) to run the generated setenv.sh with
                      (default ${DEFAULT_CATALINA}, which test/fetch-tomcat-scripts.sh unpacks)`;

interface TrialOptions extends TrialSettings {
  corpus: string;
  apps: string[];
}

function options(argv: string[]): TrialOptions | undefined {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        app: { type: 'string', multiple: true },
        keep: { type: 'boolean', default: false },
        'catalina-sh': { type: 'string' },
      },
    });
    if (!values.corpus || !existsSync(values.corpus) || !statSync(values.corpus).isDirectory()) return undefined;
    const corpus = path.resolve(values.corpus);
    const catalina = values['catalina-sh'] ?? (existsSync(DEFAULT_CATALINA) ? DEFAULT_CATALINA : undefined);
    const catalinaSh = catalina && path.resolve(catalina);
    return { corpus, apps: values.app ?? corpusApps(corpus), keep: values.keep ?? false, catalinaSh };
  } catch {
    return undefined;
  }
}

function main(): number {
  const opts = options(process.argv.slice(2));
  if (!opts) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const trials: AppTrial[] = [];
  for (const app of opts.apps) {
    process.stderr.write(`trying ${app} ...\n`);
    const trial = trialApp(opts.corpus, app, opts);
    trials.push(trial);
    process.stdout.write(appTable(trial) + '\n');
  }
  process.stdout.write(summaryTable(trials));
  const failed = failures(trials);
  process.stdout.write(failed ? `${failed} check(s) failed\n` : 'every check passed\n');
  return failed ? 1 : 0;
}

process.exitCode = main();
