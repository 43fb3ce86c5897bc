// The checks a reviewer makes on what fix and generate wrote: environment names, setenv.sh, the webapp folder the
// Dockerfile copies and the Ant targets it runs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { antRuns, antTargets, webappCopies } from './dockerfile-facts.js';
import { collidingNames } from './env-names.js';
import { run } from './run-process.js';
import type { CheckResult } from './types.js';

/** The names paasport's own generator puts in every Marathon app (and means to). */
const GENERATED_ENV = new Set(['LOG_DIR', 'TZ']);

interface SettingsNames {
  env?: { name?: string }[];
  volumes?: { env?: string }[];
  sessionStore?: { env?: string[] };
}

export function settingsEnvNames(file: string): string[] {
  if (!existsSync(file)) return [];
  const doc = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as SettingsNames;
  const names = [...(doc.env ?? []).map((e) => e.name), ...(doc.volumes ?? []).map((v) => v.env)];
  names.push(...(doc.sessionStore?.env ?? []));
  return names.filter((n): n is string => typeof n === 'string');
}

function marathonEnvNames(file: string): string[] {
  if (!existsSync(file)) return [];
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { env?: Record<string, unknown> };
  return Object.keys(doc.env ?? {}).filter((n) => !GENERATED_ENV.has(n));
}

export function envNamesCheck(app: string, deploy: string): CheckResult {
  const found = [
    ...collidingNames(settingsEnvNames(path.join(app, 'paasport.yaml'))).map((c) => ({ ...c, file: 'paasport.yaml' })),
    ...collidingNames(marathonEnvNames(path.join(deploy, 'marathon-app.json'))).map((c) => ({
      ...c,
      file: 'marathon-app.json',
    })),
  ];
  if (!found.length) return { check: 'env names', status: 'pass', detail: 'no name of the OS, JVM, Tomcat, Mesos' };
  const detail = found.map((c) => `${c.name} (${c.owners.join(', ')}) in ${c.file}`).join('; ');
  return { check: 'env names', status: 'fail', detail };
}

export function shellcheckCheck(deploy: string): CheckResult {
  const file = path.join(deploy, 'setenv.sh');
  if (!existsSync(file)) return { check: 'shellcheck', status: 'skip', detail: 'no setenv.sh (Spring Boot jar)' };
  const out = run('shellcheck', ['-f', 'gcc', file]);
  if (out.code === null) return { check: 'shellcheck', status: 'skip', detail: 'shellcheck not installed' };
  if (out.code === 0) return { check: 'shellcheck', status: 'pass', detail: 'setenv.sh: no finding' };
  const findings = out.stdout.trim().split('\n').filter(Boolean);
  const codes = [...new Set(findings.map((l) => /\[(SC\d+)\]/.exec(l)?.[1]).filter(Boolean))];
  return { check: 'shellcheck', status: 'fail', detail: `setenv.sh: ${findings.length} finding(s) ${codes.join(' ')}` };
}

function readDockerfile(deploy: string): string | undefined {
  const file = path.join(deploy, 'Dockerfile');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function webappCheck(app: string, deploy: string): CheckResult {
  const dockerfile = readDockerfile(deploy);
  if (dockerfile === undefined) return { check: 'webapp folder', status: 'fail', detail: 'no Dockerfile' };
  // a folder a build stage made (ant dist) is not in the app to look at; one it compiled classes into is
  const copies = webappCopies(dockerfile).filter((c) => !c.stage || existsSync(path.join(app, c.source)));
  if (!copies.length)
    return { check: 'webapp folder', status: 'skip', detail: 'no exploded webapp copied (a WAR or jar)' };
  const missing = copies.filter((c) => !existsSync(path.join(app, c.source, 'WEB-INF', 'web.xml')));
  const where = copies.map((c) => c.source).join(', ');
  if (!missing.length) return { check: 'webapp folder', status: 'pass', detail: `${where} holds WEB-INF/web.xml` };
  const why = missing.map((c) => {
    const dir = path.join(app, c.source);
    return existsSync(dir) && statSync(dir).isDirectory()
      ? `${c.source} has no WEB-INF/web.xml`
      : `${c.source} not found`;
  });
  return { check: 'webapp folder', status: 'fail', detail: why.join('; ') };
}

export function buildTargetCheck(app: string, deploy: string): CheckResult {
  const runs = antRuns(readDockerfile(deploy) ?? '');
  if (!runs.length) return { check: 'build target', status: 'skip', detail: 'no Ant build in the Dockerfile' };
  const problems: string[] = [];
  for (const r of runs) {
    const file = path.join(app, r.buildFile);
    if (!existsSync(file)) {
      problems.push(`${r.buildFile} not found`);
      continue;
    }
    const targets = antTargets(readFileSync(file, 'utf8'));
    const absent = r.targets.filter((t) => !targets.includes(t));
    if (absent.length) problems.push(`${r.buildFile} has no target ${absent.join(', ')} (has ${targets.join(', ')})`);
  }
  const named = runs.map((r) => `ant ${r.targets.join(' ')}`.trim()).join('; ');
  if (!problems.length) return { check: 'build target', status: 'pass', detail: `${named}: target found` };
  return { check: 'build target', status: 'fail', detail: `${named}: ${problems.join('; ')}` };
}
