import { existsSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { assess } from '../analyzers/assess.js';
import { normalizeEncoding } from '../analyzers/encoding.js';
import { loadRules } from '../analyzers/rule-load.js';
import type { Category, Encoding, Lang } from '../analyzers/types.js';
import { jsonReport } from '../generators/report-json.js';
import { textReport } from '../generators/report-text.js';
import { UsageError } from './errors.js';
import { packageVersion } from './version.js';
import { writeFileAtomic } from './write-output.js';

const CATEGORIES: Category[] = ['mandatory', 'optional', 'potential'];

function parseEncoding(v: string): Encoding {
  const e = normalizeEncoding(v);
  if (!e) throw new InvalidArgumentError('use utf-8, gbk (also gb2312, gb18030) or iso-8859-1.');
  return e;
}

function parsePositive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

// --fail-on optional means "optional or worse": a CI job picks the lowest category that should break the build.
function failing(cats: Category[], failOn: Category): boolean {
  const limit = CATEGORIES.indexOf(failOn);
  return cats.some((c) => CATEGORIES.indexOf(c) <= limit);
}

export function assessCommand(): Command {
  return new Command('assess')
    .description('Assess an application tree for running as several interchangeable containers: session state, in-memory state, local files, embedded configuration and file logging.')
    .argument('<path>', 'the application folder (a repository, a WAR project or an exploded webapp)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <category>', 'exit 1 when a finding of this category or a more serious one is found (mandatory > optional > potential)').choices(CATEGORIES))
    .addOption(new Option('--lang <lang>', 'language of titles and messages').choices(['en', 'zh-CN']).default('en'))
    .option('--rules <dir>', 'also load the YAML rules of this folder (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--encoding <name>', 'read every text file in this encoding instead of detecting it (utf-8, gbk, iso-8859-1)', parseEncoding)
    .option('--max-file-size <MB>', 'skip files larger than this, with a notice', parsePositive, 2)
    .option('--threads <n>', 'parser threads (default: one per core)', parsePositive)
    .option('-q, --quiet', 'no progress on standard error')
    .addHelpText('after', `
Exit codes: 0 done, 1 a finding matched --fail-on, 2 wrong usage or unreadable input.

Examples:
  paasport assess ./my-webapp
  paasport assess ./my-webapp --format json --output report.json --fail-on mandatory
  paasport assess ./legacy-erp --encoding gbk --rules ./company-rules`)
    .action(async (target: string, opts) => {
      if (!existsSync(target)) throw new UsageError(`${target}: no such folder. Pass the folder of the application to assess.`);
      if (!statSync(target).isDirectory()) throw new UsageError(`${target} is a file: pass the folder of the application to assess.`);
      const rules = loadRules(opts.rules);
      const progress = !opts.quiet && process.stderr.isTTY;
      const started = Date.now();
      const a = await assess(target, rules, {
        encoding: opts.encoding,
        maxFileSize: opts.maxFileSize * 1024 * 1024,
        threads: opts.threads,
        onProgress: progress ? (stage, done, total) => process.stderr.write(`\r${stage === 'java' ? 'parsing Java' : 'reading config'}: ${done}/${total} files`) : undefined,
      });
      if (progress) process.stderr.write(`\r\x1b[Kassessed ${a.stats.files} files (${a.stats.javaLines} Java lines) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      const lang = opts.lang as Lang;
      const report = opts.format === 'json' ? jsonReport(a, lang, { name: 'paasport', version: packageVersion() }) : textReport(a, lang);
      if (opts.output) {
        try {
          await writeFileAtomic(opts.output, report);
        } catch (e) {
          throw new UsageError(`cannot write the report to ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check that its folder exists and is writable.`);
        }
      }
      else process.stdout.write(report);
      if (opts.failOn && failing(a.findings.map((f) => f.category), opts.failOn)) process.exitCode = 1;
    });
}
