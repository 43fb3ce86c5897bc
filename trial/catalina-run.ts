// Tomcat's catalina.sh run with the generated setenv.sh and a stub `java` that records its arguments: every
// option made from an app variable must arrive whole, even a value with a space and a ';' (catalina.sh runs
// `eval exec`, so an unquoted option splits, or ends the java command at the ';').
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run-process.js';
import type { CheckResult } from './types.js';

/** A JDBC URL of SQL Server's form: a ';' and, in the user name, a space. */
export const AWKWARD_VALUE = 'jdbc:sqlserver://db:1433;SelectMethod=Cursor;user=app user';

const STUB_JAVA = '#!/bin/sh\nfor a in "$@"; do printf \'%s\\n\' "$a"; done > "$(dirname "$0")/../../java-args"\n';

function tomcatHome(catalinaSh: string, setenv: string): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'paasport-catalina-'));
  for (const dir of ['bin', 'jre/bin', 'temp', 'logs']) mkdirSync(path.join(home, dir), { recursive: true });
  copyFileSync(catalinaSh, path.join(home, 'bin/catalina.sh'));
  const setclasspath = path.join(path.dirname(catalinaSh), 'setclasspath.sh');
  if (existsSync(setclasspath)) copyFileSync(setclasspath, path.join(home, 'bin/setclasspath.sh'));
  copyFileSync(setenv, path.join(home, 'bin/setenv.sh'));
  writeFileSync(path.join(home, 'jre/bin/java'), STUB_JAVA);
  for (const f of ['bin/catalina.sh', 'bin/setenv.sh', 'jre/bin/java']) chmodSync(path.join(home, f), 0o755);
  return home;
}

/** The arguments the stub java received, or undefined when catalina.sh never ran it. */
export function javaArguments(catalinaSh: string, setenv: string, names: string[]): string[] | undefined {
  const home = tomcatHome(catalinaSh, setenv);
  try {
    const env: Record<string, string> = { CATALINA_HOME: home, CATALINA_BASE: home, JRE_HOME: path.join(home, 'jre') };
    Object.assign(env, { JAVA_HOME: '', JAVA_OPTS: '', CATALINA_OPTS: '', CATALINA_PID: '' });
    for (const name of names) env[name] = AWKWARD_VALUE;
    run('sh', [path.join(home, 'bin/catalina.sh'), 'run'], home, env);
    const file = path.join(home, 'java-args');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(0, -1) : undefined;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Arguments that hold a piece of the awkward value but not all of it: the option was split or cut at the ';'. */
export function brokenOptions(args: string[]): string[] {
  const pieces = ['jdbc:sqlserver://db:1433', 'SelectMethod=Cursor', 'user=app'];
  return args.filter((a) => !a.includes(AWKWARD_VALUE) && pieces.some((p) => a.includes(p)));
}

export function catalinaCheck(catalinaSh: string | undefined, deploy: string, names: string[]): CheckResult {
  const check = 'catalina options';
  const setenv = path.join(deploy, 'setenv.sh');
  if (!catalinaSh) return { check, status: 'skip', detail: 'no catalina.sh (--catalina-sh)' };
  if (!existsSync(setenv)) return { check, status: 'skip', detail: 'no setenv.sh (Spring Boot jar)' };
  const text = readFileSync(setenv, 'utf8');
  const used = names.filter((n) => text.includes(`$${n}`) || text.includes(`\${${n}`));
  const args = javaArguments(catalinaSh, setenv, names);
  if (!args) return { check, status: 'fail', detail: 'catalina.sh run never started java' };
  const whole = args.filter((a) => a.includes(AWKWARD_VALUE)).length;
  const broken = brokenOptions(args);
  if (broken.length) return { check, status: 'fail', detail: `split: ${broken.slice(0, 3).join(' | ')}` };
  const counts = `${used.length} app variable(s) in setenv.sh, ${whole} option(s) arrived whole`;
  if (used.length > whole) return { check, status: 'fail', detail: counts };
  return { check, status: 'pass', detail: `${counts} (${args.length} java arguments)` };
}
