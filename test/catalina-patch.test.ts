import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalinaLogPatch } from '../generators/deploy/catalina-patch.js';
import { PaasportError } from '../analyzers/errors.js';
import { removeTree, ROOT } from './helpers.js';

const CACHE = path.join(ROOT, '.cache/tomcat');

beforeAll(() => {
  // Debian's real scripts: tomcat10 from bookworm, tomcat9 from bullseye (downloaded once, cached)
  execFileSync('bash', [path.join(ROOT, 'test/fetch-tomcat-scripts.sh')], { stdio: 'inherit' });
}, 180_000);

/** A Tomcat home with the real scripts and a stand-in `java` that prints a line and exits. */
function tomcatHome(version: string): { home: string; jre: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), `paasport-tomcat${version}-`));
  cpSync(path.join(CACHE, version), home, { recursive: true });
  for (const d of ['logs', 'temp', 'conf', 'lib']) mkdirSync(path.join(home, d), { recursive: true });
  writeFileSync(path.join(home, 'bin/bootstrap.jar'), '');
  writeFileSync(path.join(home, 'bin/tomcat-juli.jar'), '');
  const jre = path.join(home, 'jre');
  mkdirSync(path.join(jre, 'bin'), { recursive: true });
  writeFileSync(path.join(jre, 'bin/java'), '#!/bin/sh\necho "Server startup in 42 ms"\necho "an error line" >&2\n');
  chmodSync(path.join(jre, 'bin/java'), 0o755);
  return { home, jre };
}

for (const version of ['9', '10']) {
  describe(`catalina.sh of Debian's tomcat${version}`, () => {
    it('the patch applies cleanly with patch -p1 and with git apply', () => {
      const { home } = tomcatHome(version);
      try {
        const { patch } = catalinaLogPatch(readFileSync(path.join(home, 'bin/catalina.sh'), 'utf8'));
        const file = path.join(home, 'catalina-log.patch');
        writeFileSync(file, patch);
        const p = spawnSync('patch', ['-p1', '--dry-run', '-i', file], { cwd: home, encoding: 'utf8' });
        expect(p.status, p.stdout + p.stderr).toBe(0);
        expect(p.stdout).not.toMatch(/fuzz|offset/i);
        const g = spawnSync('git', ['apply', '--check', file], { cwd: home, encoding: 'utf8' });
        expect(g.status, g.stderr).toBe(0);
      } finally {
        removeTree(home);
      }
    });

    it('`catalina.sh run` writes the console output to ${LOG_DIR}/${HOST}/catalina.out and still to stdout', () => {
      const { home, jre } = tomcatHome(version);
      try {
        const script = path.join(home, 'bin/catalina.sh');
        writeFileSync(script, catalinaLogPatch(readFileSync(script, 'utf8')).patched);
        chmodSync(script, 0o755);
        const logRoot = path.join(home, 'volume');
        const r = spawnSync('sh', [script, 'run'], {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            CATALINA_HOME: home,
            CATALINA_BASE: home,
            JRE_HOME: jre,
            LOG_DIR: logRoot,
            HOST: 'agent-7',
          },
          timeout: 20_000,
        });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain('Server startup in 42 ms');
        expect(r.stdout).toContain('an error line'); // stderr joins the same stream
        const out = path.join(logRoot, 'agent-7/catalina.out');
        for (let i = 0; i < 50 && !(existsSync(out) && readFileSync(out, 'utf8').includes('an error line')); i++)
          execFileSync('sleep', ['0.1']);
        expect(readFileSync(out, 'utf8')).toContain('Server startup in 42 ms\n');
        expect(readFileSync(out, 'utf8')).toContain('an error line');
      } finally {
        removeTree(home);
      }
    });

    it('`catalina.sh start` redirects to the same per-host file', () => {
      const { home, jre } = tomcatHome(version);
      try {
        const script = path.join(home, 'bin/catalina.sh');
        writeFileSync(script, catalinaLogPatch(readFileSync(script, 'utf8')).patched);
        const logRoot = path.join(home, 'volume');
        const r = spawnSync('sh', [script, 'start'], {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            CATALINA_HOME: home,
            CATALINA_BASE: home,
            JRE_HOME: jre,
            LOG_DIR: logRoot,
            HOST: 'agent-7',
          },
          timeout: 20_000,
        });
        expect(r.status, r.stderr).toBe(0);
        const out = path.join(logRoot, 'agent-7/catalina.out');
        for (let i = 0; i < 50 && !(existsSync(out) && readFileSync(out, 'utf8').includes('Server startup')); i++)
          execFileSync('sleep', ['0.1']);
        expect(readFileSync(out, 'utf8')).toContain('Server startup in 42 ms');
      } finally {
        removeTree(home);
      }
    });
  });
}

describe('catalina.sh patch anchors', () => {
  // The lines the patch needs, as Tomcat 7.0 and 8.5 lay them out (same run branch and CATALINA_OUT default).
  const layout = (eol: string) =>
    [
      '#!/bin/sh',
      'if [ -z "$CATALINA_OUT" ] ; then',
      '  CATALINA_OUT="$CATALINA_BASE"/logs/catalina.out',
      'fi',
      '',
      'if [ "$1" = "debug" ] ; then',
      '  :',
      'elif [ "$1" = "run" ]; then',
      '',
      '  shift',
      '  eval exec "\\"$_RUNJAVA\\"" start',
      'fi',
      '',
    ].join(eol);

  it('finds them in 7.0/8.5-style scripts, with LF or CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const { patched, patch } = catalinaLogPatch(layout(eol));
      expect(patched).toContain(`CATALINA_OUT="\${LOG_DIR:-/logs}/\${HOST:-$(hostname)}"/catalina.out${eol}`);
      expect(patched).toContain(`tee -a "$CATALINA_OUT" < "$_PAASPORT_FIFO" &${eol}`);
      expect(patch).toMatch(/^--- a\/bin\/catalina\.sh/m);
    }
  });

  it("refuses a script that is not Tomcat's, or one already patched", () => {
    expect(() => catalinaLogPatch('#!/bin/sh\necho hello\n')).toThrow(PaasportError);
    const once = catalinaLogPatch(layout('\n')).patched;
    expect(() => catalinaLogPatch(once)).toThrow(/already patched/);
  });
});
