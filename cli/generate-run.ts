// What `paasport generate` does once its options are parsed (generate-command.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { assessAll, type AppRef, type Assessment } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { loadSettings, SETTINGS_FILE, validateSettings } from '../analyzers/settings/paasport-yaml.js';
import { resolveDefaults } from '../generators/deploy/defaults.js';
import { generateApps } from '../generators/deploy/generate-apps.js';
import { filesNotOurs, manifestsFor } from '../generators/deploy/generated-files.js';
import { PaasportError } from '../analyzers/errors.js';
import type { ImageFiles } from '../platform/types.js';
import { appsFrom } from './app-refs.js';
import { catalinaPatch, type CatalinaOptions } from './catalina-source.js';
import { withFlags, type SettingsFlags } from './settings-flags.js';
import { writeOutput } from './write-output.js';

export interface GenerateFlags extends SettingsFlags, CatalinaOptions {
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

// the Docker client is loaded only when catalina.sh is read out of the base image
const engineImages = (): ImageFiles => ({
  readFile: async (image, file, onProgress) =>
    (await import('../platform/docker/docker-engine.js')).dockerImageFiles().readFile(image, file, onProgress),
});

/** The app's paasport.yaml with the flags over it, checked again: a flag must not make settings the file could not. */
function settingsOf(app: AppRef, o: GenerateFlags) {
  const file = o.config ?? path.join(path.resolve(app.path), SETTINGS_FILE);
  return validateSettings(withFlags(loadSettings(file), o), `${file} with the command-line flags`);
}

function outDirOf(a: Assessment, o: GenerateFlags, several: boolean): string {
  if (!o.out) return path.resolve(a.app.path, 'deploy');
  return path.resolve(several ? path.join(o.out, a.app.name) : o.out);
}

export async function runGenerate(paths: string[], o: GenerateFlags): Promise<void> {
  const apps = await assessAll(await appsFrom(paths, o), loadRules(), {});
  const firstBase = () => {
    const s = settingsOf(apps[0].app, o);
    return s.baseImage ?? resolveDefaults(s, apps[0]).baseImage;
  };
  const catalina = await catalinaPatch(o, firstBase, engineImages);
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
