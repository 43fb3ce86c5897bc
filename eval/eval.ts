// npm run eval -- --corpus DIR: paasport's assessment of public apps checked out under DIR (never downloaded here)
// against the hand labels of eval/labels/, as recall and precision per app and per concern. Exits 2 on wrong usage.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assess } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { packageFile } from '../analyzers/read/package-files.js';
import { loadLabels } from './labels.js';
import { scoreApp, type AppScore } from './score.js';
import { scoreDetails, scoreTables } from './table.js';

const USAGE = `usage: npm run eval -- --corpus DIR [--app NAME ...] [--labels DIR] [--details]
  --corpus DIR   a folder holding the labelled apps, each checked out at the commit its label file names
  --app NAME     only this app (repeatable)
  --labels DIR   the label files (default eval/labels)
  --details      also list each missed label, each finding on a mustNot line and each finding no label judges`;

function options(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        app: { type: 'string', multiple: true },
        labels: { type: 'string' },
        details: { type: 'boolean', default: false },
      },
    });
    if (!values.corpus || !existsSync(values.corpus) || !statSync(values.corpus).isDirectory()) return undefined;
    return {
      corpus: path.resolve(values.corpus),
      apps: values.app,
      labels: values.labels ?? packageFile('eval/labels'),
      details: values.details ?? false,
    };
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  if (!opts) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const rules = loadRules();
  const scores: AppScore[] = [];
  for (const labels of loadLabels(opts.labels)) {
    if (opts.apps && !opts.apps.includes(labels.app)) continue;
    const dir = path.join(opts.corpus, labels.app);
    if (!existsSync(dir)) {
      process.stderr.write(
        `${labels.app}: not in ${opts.corpus} (check out ${labels.repo} at ${labels.commit} there)\n`,
      );
      continue;
    }
    process.stderr.write(`assessing ${labels.app} ...\n`);
    const a = await assess(dir, rules);
    const score = scoreApp(labels, a.findings, a.verdict.class);
    const stale = [...labels.must, ...labels.mustNot].filter((l) => !existsSync(path.join(dir, l.file)));
    for (const l of stale) process.stderr.write(`${labels.app}: ${l.file} is not in the checkout (another commit?)\n`);
    scores.push(score);
  }
  if (!scores.length) {
    process.stderr.write(`no labelled app found under ${opts.corpus}\n`);
    return 2;
  }
  process.stdout.write(scoreTables(scores));
  if (opts.details) for (const s of scores) process.stdout.write('\n' + scoreDetails(s));
  return 0;
}

process.exitCode = await main();
