import { Command, InvalidArgumentError, Option } from 'commander';
import type { AppRef, Assessment } from '../analyzers/assess/assess.js';
import { inDeployedApp } from '../analyzers/assess/verdict.js';
import { normalizeEncoding } from '../analyzers/read/encoding.js';
import { enableStageTimes, timeStage, timeStageAsync } from '../analyzers/stage-times.js';
import type { Category, Encoding, Lang, Rule } from '../analyzers/types.js';
import { REPORT_FORMATS, type ReportFormat } from '../generators/reports/formats.js';
import { positiveInteger, positiveNumber } from './parse-options.js';
import { packageVersion } from './version.js';
import { writeOutput } from './write-output.js';

const CATEGORIES: Category[] = ['mandatory', 'optional', 'potential'];

function parseEncoding(v: string): Encoding {
  const e = normalizeEncoding(v);
  if (!e) throw new InvalidArgumentError('use utf-8, gbk (also gb2312, gb18030) or iso-8859-1.');
  return e;
}

// --fail-on optional means "optional or worse": a CI job picks the lowest category that should break the build.
function failing(cats: Category[], failOn: Category): boolean {
  const limit = CATEGORIES.indexOf(failOn);
  return cats.some((c) => CATEGORIES.indexOf(c) <= limit);
}

export function assessCommand(): Command {
  return new Command('assess')
    .description(
      'Assess applications for running as several interchangeable containers: session state, in-memory state, local files, embedded configuration, file logging and embedded middleware. Each app gets a verdict, a readiness score, an effort estimate and a technology profile.',
    )
    .argument('[paths...]', 'application folders (a repository, a WAR project or an exploded webapp)')
    .option('--each <folder>', 'assess every sub-folder of this folder as an application')
    .option(
      '--inventory <file>',
      'assess the applications listed in an inventory YAML (apps: [{name, path, owner, team, tags}])',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option(
        '--fail-on <category>',
        'exit 1 when a finding of this category or a more serious one is found (mandatory > optional > potential)',
      ).choices(CATEGORIES),
    )
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['en', 'zh-CN']).default('en'))
    .option(
      '--rules <dir>',
      'also load the YAML rules of this folder (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--encoding <name>',
      'read every text file in this encoding instead of detecting it (utf-8, gbk, iso-8859-1)',
      parseEncoding,
    )
    .option('--max-file-size <MB>', 'skip files larger than this, with a notice', positiveNumber, 2)
    .option(
      '--threads <n>',
      'parser threads (default: one per core); an app of less than 1.5 MB of Java and JSP is parsed in one',
      positiveInteger(64),
    )
    .option('-q, --quiet', 'no progress on standard error')
    .option('--profile', 'print the time of each stage on standard error (also PAASPORT_PROFILE=1, for any command)')
    .addHelpText(
      'after',
      `
Several applications make a portfolio report: a table of apps with verdict, score,
effort and top blockers, then one page per app. With --format csv and --output
FILE, a portfolio writes the apps table to FILE and the findings to FILE's
name with .findings.csv.

Exit codes: 0 done, 1 a finding matched --fail-on, 2 wrong usage or unreadable input.

Examples:
  paasport assess ./my-webapp
  paasport assess ./my-webapp --format html --output report.html
  paasport assess ./my-webapp --format sarif --output paasport.sarif --fail-on mandatory
  paasport assess --each ./all-apps --format html -o portfolio.html --lang zh-CN
  paasport assess --inventory inventory.yaml --format csv -o portfolio.csv
  paasport assess ./legacy-erp --encoding gbk --rules ./company-rules`,
    )
    .action(runAssess);
}

interface AssessFlags {
  each?: string;
  inventory?: string;
  format: ReportFormat;
  output?: string;
  failOn?: Category;
  lang: Lang;
  rules: string[];
  encoding?: Encoding;
  maxFileSize: number;
  threads?: number;
  quiet?: boolean;
  profile?: boolean;
}

/** Progress on a terminal: the app being assessed (of a portfolio), the stage and its count. */
function progressLine(total: number) {
  let current = '';
  return {
    onApp: (i: number, a: AppRef) => {
      current = total > 1 ? `[${i + 1}/${total}] ${a.name}: ` : '';
    },
    onProgress: (stage: string, done: number, all: number) =>
      process.stderr.write(`\r\x1b[K${current}${stage === 'java' ? 'parsing Java' : 'reading config'} ${done}/${all}`),
  };
}

async function assessWithProgress(refs: AppRef[], rules: Rule[], o: AssessFlags): Promise<Assessment[]> {
  const { assessAll } = await timeStageAsync('load', () => import('../analyzers/assess/assess.js'));
  const shown = !o.quiet && process.stderr.isTTY;
  const line = progressLine(refs.length);
  const started = Date.now();
  const opts = { encoding: o.encoding, maxFileSize: o.maxFileSize * 1024 * 1024, threads: o.threads };
  const apps = await assessAll(refs, rules, { ...opts, onProgress: shown ? line.onProgress : undefined }, line.onApp);
  if (shown) {
    const lines = apps.reduce((n, a) => n + a.stats.javaLines, 0);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\r\x1b[Kassessed ${apps.length} app(s), ${lines} Java lines, in ${secs} s\n`);
  }
  return apps;
}

// The analyzers, the rules and the report format are loaded when the command runs, not when paasport starts.
async function runAssess(paths: string[], o: AssessFlags): Promise<void> {
  if (o.profile) enableStageTimes();
  const [{ appsFrom }, { loadRules }, { renderReport }] = await timeStageAsync('load', () =>
    Promise.all([
      import('./app-refs.js'),
      import('../analyzers/engine/rule-load.js'),
      import('../generators/reports/render.js'),
    ]),
  );
  const rules = timeStage('load', () => loadRules(o.rules));
  const apps = await assessWithProgress(await appsFrom(paths, o), rules, o);
  await timeStageAsync('report', async () => {
    const report = await renderReport(o.format, apps, rules, o.lang, packageVersion());
    if (o.output) {
      await writeOutput(o.output, report.text, 'the report');
      if (report.findingsCsv)
        await writeOutput(o.output.replace(/(\.csv)?$/i, '.findings.csv'), report.findingsCsv, 'the findings');
    } else process.stdout.write(report.text);
  });
  const categories = apps.flatMap((a) => a.findings.filter(inDeployedApp).map((f) => f.category));
  if (o.failOn && failing(categories, o.failOn)) process.exitCode = 1;
}
