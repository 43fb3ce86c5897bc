// One app of the corpus through assess, fix and generate on a copy, and every check of the trial on the result.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyApp } from './app-copy.js';
import { compileBefore, compileCheck } from './compile-check.js';
import { catalinaCheck } from './catalina-run.js';
import { buildTargetCheck, envNamesCheck, settingsEnvNames, shellcheckCheck, webappCheck } from './deploy-checks.js';
import { git, failureText, paasport } from './run-process.js';
import type { AppTrial, CheckResult } from './types.js';

interface AssessSummary {
  check: CheckResult;
  javaVersion?: string;
  buildTool?: string;
}

function assessStep(copy: string): AssessSummary {
  const out = paasport(['assess', copy, '-f', 'json', '-q']);
  if (out.code !== 0 && out.code !== 1) return { check: { check: 'assess', status: 'fail', detail: failureText(out) } };
  try {
    const report = JSON.parse(out.stdout) as {
      app?: { profile?: { javaVersion?: string; buildTool?: string } };
      verdict?: { class?: string; score?: number };
      summary?: { findings?: number };
    };
    const p = report.app?.profile;
    const detail = `${report.verdict?.class}, score ${report.verdict?.score}, ${report.summary?.findings} findings, build ${p?.buildTool}, Java ${p?.javaVersion ?? '?'}`;
    return { check: { check: 'assess', status: 'pass', detail }, javaVersion: p?.javaVersion, buildTool: p?.buildTool };
  } catch {
    return { check: { check: 'assess', status: 'fail', detail: 'no JSON report' } };
  }
}

function head(copy: string): string {
  return git(['rev-parse', 'HEAD'], copy).stdout.trim();
}

function fixStep(copy: string): CheckResult {
  const start = head(copy);
  const out = paasport(['fix', copy]);
  if (out.code !== 0) return { check: 'fix', status: 'fail', detail: `exit ${out.code}: ${failureText(out)}` };
  const commits = git(['rev-list', '--count', `${start}..HEAD`], copy).stdout.trim();
  const files = git(['diff', '--name-only', start, 'HEAD'], copy).stdout.trim().split('\n').filter(Boolean);
  return { check: 'fix', status: 'pass', detail: `${commits} commit(s), ${files.length} file(s) changed` };
}

function fixTwiceStep(copy: string): CheckResult {
  const start = head(copy);
  const out = paasport(['fix', copy]);
  const moved = head(copy) !== start;
  const dirty = git(['status', '--porcelain'], copy).stdout.trim();
  if (out.code !== 0) return { check: 'fix twice', status: 'fail', detail: `exit ${out.code}: ${failureText(out)}` };
  if (!moved && !dirty) return { check: 'fix twice', status: 'pass', detail: 'second run changed nothing' };
  const what = git(['diff', '--stat', start, 'HEAD'], copy).stdout.trim().split('\n').pop();
  return { check: 'fix twice', status: 'fail', detail: moved ? `second run committed: ${what}` : `left: ${dirty}` };
}

function generateStep(copy: string): CheckResult {
  const out = paasport(['generate', copy]);
  if (out.code !== 0) return { check: 'generate', status: 'fail', detail: `exit ${out.code}: ${failureText(out)}` };
  return { check: 'generate', status: 'pass', detail: 'deploy/ written' };
}

/** How to try the apps: keep the copies or not, and the catalina.sh to start with the generated setenv.sh. */
export interface TrialSettings {
  keep: boolean;
  catalinaSh?: string;
}

function checksOn(copy: string, settings: TrialSettings): CheckResult[] {
  const assessed = assessStep(copy);
  const before = compileBefore(copy, assessed.javaVersion, assessed.buildTool);
  const fix = fixStep(copy);
  if (fix.status === 'fail') return [assessed.check, fix];
  const checks = [assessed.check, fix, compileCheck(copy, before), fixTwiceStep(copy)];
  const deploy = path.join(copy, 'deploy'); // generate's folder for one app
  const generate = generateStep(copy);
  checks.push(generate);
  if (generate.status === 'fail') return checks;
  checks.push(envNamesCheck(copy, deploy), shellcheckCheck(deploy));
  const names = settingsEnvNames(path.join(copy, 'paasport.yaml'));
  checks.push(catalinaCheck(settings.catalinaSh, deploy, names));
  checks.push(webappCheck(copy, deploy), buildTargetCheck(copy, deploy));
  return checks;
}

/** Tries one app on a copy of its own; the copy is removed unless `keep`. */
export function trialApp(corpus: string, app: string, settings: TrialSettings): AppTrial {
  const keep = settings.keep;
  const work = mkdtempSync(path.join(os.tmpdir(), 'paasport-trial-'));
  const copy = path.join(work, app);
  try {
    copyApp(path.join(corpus, app), copy);
    return { app, source: keep ? copy : path.join(corpus, app), checks: checksOn(copy, settings) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { app, source: path.join(corpus, app), checks: [{ check: 'copy', status: 'fail', detail }] };
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}
