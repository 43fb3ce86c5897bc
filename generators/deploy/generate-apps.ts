import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Assessment } from '../../analyzers/assess/assess.js';
import { PaasportError } from '../../analyzers/errors.js';
import type { AppSettings, MarathonVersion } from '../../analyzers/settings/types.js';
import type { CatalinaPatch } from './catalina-patch.js';
import { ENV_FILE } from '../../analyzers/settings/paasport-yaml.js';
import { generateArtifacts } from './generate.js';
import { marathonGroup } from './marathon.js';
import { marathonValidators, validationErrors } from './marathon-schema.js';

export interface AppToGenerate {
  assessment: Assessment;
  settings: AppSettings;
  outDir: string; // absolute
}

export interface GenerateAppsOptions {
  catalina?: CatalinaPatch; // the target Tomcat's catalina.sh, patched
  withStore: boolean;
  group: { id: string; file: string }; // the Marathon group written when there are several apps
}

export interface FileToWrite {
  path: string; // absolute
  text: string;
}

/**
 * The artifacts of every app, each in its own folder, and a Marathon group when there are several.
 * Nothing is written here; `warnings` say what a person must do before the images build.
 */
export function generateApps(apps: AppToGenerate[], opts: GenerateAppsOptions) {
  const files: FileToWrite[] = [];
  const warnings: string[] = [];
  const definitions: Record<string, unknown>[] = [];
  let version: MarathonVersion = '1.5';
  for (const { assessment: a, settings, outDir } of apps) {
    const appDir = path.resolve(a.app.path);
    const rel = path.relative(appDir, outDir).split(path.sep).join('/');
    const outside = rel.startsWith('..') || path.isAbsolute(rel);
    version = settings.marathon?.version ?? '1.5';
    const g = generateArtifacts(a, settings, {
      outRel: outside ? 'deploy' : rel,
      catalinaSh: opts.catalina,
      version: a.build.version,
      withStore: opts.withStore,
    });
    files.push(...g.files.map((f) => ({ path: path.join(outDir, f.name), text: f.text })));
    if (opts.catalina) files.push({ path: path.join(outDir, 'catalina-log.patch'), text: opts.catalina.patch });
    const ignore = g.files.find((f) => f.name === 'Dockerfile.dockerignore');
    if (!outside && ignore) {
      const root = rootDockerignore(appDir, ignore.text);
      if (root) files.push(root);
      else
        warnings.push(
          `${a.app.name}: ${path.join(appDir, '.dockerignore')} is your own: add .git and ${ENV_FILE} to it, ` +
            'or the classic builder sends them with the build context',
        );
    }
    if (outside) {
      warnings.push(
        `${a.app.name}: ${outDir} is outside the application folder: copy it into the app as deploy/ before docker build`,
      );
    }
    definitions.push(g.marathon);
  }
  if (apps.length > 1)
    files.push({ path: opts.group.file, text: groupDefinition(opts.group.id, definitions, version) });
  return { files, warnings };
}

/**
 * The classic builder reads only the .dockerignore at the root of the build context (BuildKit also reads
 * <Dockerfile>.dockerignore): written there unless the app has one of its own, which is left as it is.
 */
function rootDockerignore(appDir: string, text: string): FileToWrite | undefined {
  const file = path.join(appDir, '.dockerignore');
  if (existsSync(file) && !readFileSync(file, 'utf8').startsWith(text.split('\n')[0])) return undefined;
  return { path: file, text };
}

function groupDefinition(id: string, apps: Record<string, unknown>[], version: MarathonVersion): string {
  const group = marathonGroup(id, apps);
  const errors = validationErrors(marathonValidators(version).group, group);
  if (errors.length) {
    throw new PaasportError(
      `the Marathon group does not follow Marathon's schema: ${errors.join('; ')}. Check --group.`,
    );
  }
  return JSON.stringify(group, null, 2) + '\n';
}
