import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { Command, Option } from 'commander';
import { assessAll, type AppRef, type Assessment } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { loadSettings, SETTINGS_FILE, validateSettings } from '../analyzers/settings/paasport-yaml.js';
import { resolveDefaults } from '../generators/deploy/defaults.js';
import { generateApps } from '../generators/deploy/generate-apps.js';
import { filesNotOurs, manifestsFor } from '../generators/deploy/generated-files.js';
import { PaasportError } from '../analyzers/errors.js';
import { dockerImageFiles } from '../platform/docker/docker-engine.js';
import { appsFrom } from './app-refs.js';
import { positiveInteger, positiveNumber } from './parse-options.js';
import { catalinaPatch, type CatalinaOptions } from './catalina-source.js';
import { withFlags, type SettingsFlags } from './settings-flags.js';
import { writeOutput } from './write-output.js';

export function generateCommand(): Command {
  return new Command('generate')
    .description(
      'Write the deployment artifacts of an application: Dockerfile, setenv.sh, logging, session store config, Marathon app definition and a DEPLOY.md runbook.',
    )
    .argument('[apps...]', 'application folders')
    .option('--each <folder>', 'every sub-folder of this folder is an application')
    .option('--inventory <file>', 'the applications of an inventory YAML')
    .option(
      '--out <dir>',
      'output folder; for one app default <app>/deploy, for several one sub-folder each and a Marathon group',
    )
    .option('--config <file>', 'settings (default: paasport.yaml in the app folder, which paasport fix also writes)')
    .addOption(new Option('--marathon-version <v>', 'Marathon API format').choices(['1.1', '1.4', '1.5']))
    .option('--base-image <image>', 'base image instead of the recommended one')
    .option('--registry <host>', 'private registry the image is pushed to')
    .option('--tag <tag>', 'image tag (default: the build version)')
    .option('--context-path <path>', 'deploy under this context path instead of ROOT, e.g. /shop')
    .option('--cpus <n>', 'CPU shares for Marathon', positiveNumber)
    .option('--mem <MB>', 'memory for Marathon', positiveNumber)
    .option('--instances <n>', 'instances (1 while sessions stay in memory)', positiveInteger())
    .option('--service-port <port>', 'marathon-lb service port', positiveInteger(65535))
    .option('--vhost <host>', 'marathon-lb virtual host')
    .option('--group <id>', 'Marathon group id when several apps are generated together', '/apps')
    .option('--with-store', 'also write a Redis or Memcached Marathon app for test environments')
    .option('--catalina-sh <file>', "the target Tomcat's catalina.sh: writes catalina-log.patch and the patched script")
    .option('--tomcat-dir <dir>', 'a Tomcat installation whose bin/catalina.sh to patch')
    .option('--catalina-from-image', 'read catalina.sh from the base image through the Docker engine (DOCKER_HOST)')
    .option('--force', 'replace files of the output folder that paasport did not write, or that were changed since')
    .option('--dry-run', 'print what would change, as a unified diff against the files there, and write nothing')
    .addHelpText(
      'after',
      `
The Dockerfile is built from the application folder:
  docker build -f deploy/Dockerfile -t IMAGE .

A file of the output folder that paasport did not write, or that was changed since (a hand-written
Dockerfile, an edited DEPLOY.md), is never replaced without --force: generate stops and names it.
.paasport-generated.json beside the files records what generate wrote.

Exit codes: 0 done, 2 wrong usage, invalid settings or a file generate will not replace.

Examples:
  paasport generate ./shop --vhost shop.example.com --registry registry.local:5000
  paasport generate ./shop --marathon-version 1.1 --catalina-sh /usr/share/tomcat9/bin/catalina.sh
  paasport generate --each ./apps --out ./deploy-all --group /retail`,
    )
    .action(runGenerate);
}

interface GenerateFlags extends SettingsFlags, CatalinaOptions {
  each?: string;
  inventory?: string;
  out?: string;
  config?: string;
  group: string;
  withStore?: boolean;
  force?: boolean;
  dryRun?: boolean;
}

/** What a run would change, file by file, against what is there; the files it would refuse to replace named. */
function dryRunReport(files: { path: string; text: string }[], notOurs: string[]): string {
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const patches = files.map((f) => {
    const before = existsSync(f.path) ? readFileSync(f.path, 'utf8') : undefined;
    if (before === f.text) return '';
    return createTwoFilesPatch(
      before === undefined ? '/dev/null' : `a/${rel(f.path)}`,
      `b/${rel(f.path)}`,
      before ?? '',
      f.text,
    );
  });
  const refused = notOurs.length
    ? `\nWithout --force, generate would stop: these are not its files, or were changed since: ${notOurs.map(rel).join(', ')}\n`
    : '';
  const changed = patches.filter(Boolean).length;
  return `${patches.join('')}${refused}\n${changed} of ${files.length} files would change; nothing was written.\n`;
}

/** The app's paasport.yaml with the flags over it, checked again: a flag must not make settings the file could not. */
function settingsOf(app: AppRef, o: GenerateFlags) {
  const file = o.config ?? path.join(path.resolve(app.path), SETTINGS_FILE);
  return validateSettings(withFlags(loadSettings(file), o), `${file} with the command-line flags`);
}

function outDirOf(a: Assessment, o: GenerateFlags, several: boolean): string {
  if (!o.out) return path.resolve(a.app.path, 'deploy');
  return path.resolve(several ? path.join(o.out, a.app.name) : o.out);
}

async function runGenerate(paths: string[], o: GenerateFlags): Promise<void> {
  const apps = await assessAll(appsFrom(paths, o), loadRules(), {});
  const firstBase = () => {
    const s = settingsOf(apps[0].app, o);
    return s.baseImage ?? resolveDefaults(s, apps[0]).baseImage;
  };
  const catalina = await catalinaPatch(o, firstBase, dockerImageFiles);
  const several = apps.length > 1;
  const { files, warnings } = generateApps(
    apps.map((a) => ({ assessment: a, settings: settingsOf(a.app, o), outDir: outDirOf(a, o, several) })),
    {
      catalina,
      withStore: !!o.withStore,
      group: { id: o.group, file: path.resolve(o.out ?? '.', 'marathon-group.json') },
    },
  );
  const notOurs = filesNotOurs(files);
  if (o.dryRun) {
    process.stdout.write(dryRunReport(files, notOurs));
    return;
  }
  if (notOurs.length && !o.force) {
    const shown = notOurs.map((f) => path.relative(process.cwd(), f) || f).join(', ');
    throw new PaasportError(
      `generate would replace files it did not write, or that were changed since it did: ${shown}. ` +
        'Move them away (or keep your changes in paasport.yaml), or pass --force to replace them.',
    );
  }
  // the app's own .dockerignore gets no manifest beside it: its header says it is paasport's
  const recorded = files.filter((f) => path.basename(f.path) !== '.dockerignore');
  for (const f of [...files, ...manifestsFor(recorded)]) {
    await writeOutput(f.path, f.text, 'a generated file', true);
  }
  for (const w of warnings) process.stderr.write(`${w}\n`);
  const shown = files.map((f) => `  ${path.relative(process.cwd(), f.path) || f.path}`);
  process.stdout.write(`Wrote ${files.length} files:\n${shown.join('\n')}\n`);
}
