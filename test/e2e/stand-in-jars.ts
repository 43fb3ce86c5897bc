import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { removeTree, ROOT } from '../helpers.js';
import { runToEnd } from './engine.js';

/** The jars a generated Dockerfile copies into Tomcat's lib/: `COPY deploy/lib/<jar> lib/`. */
export const copiedLibJars = (dockerfile: string): { from: string; name: string }[] =>
  [...dockerfile.matchAll(/^COPY\s+(?:--\S+\s+)*(\S*\/lib\/([^/\s]+\.jar))\s+lib\/?\s*$/gm)].map((m) => ({
    from: m[1],
    name: m[2],
  }));

/**
 * Stand-ins for Redisson's jars, which cannot be downloaded on the test machines, written into `appDir` where the
 * Dockerfile copies them from, under the real jars' names: the redisson-tomcat-N jar holds
 * org.redisson.tomcat.RedissonSessionManager from test/e2e/stand-in-session-manager (a StandardManager, compiled
 * with the JDK of `image` against its own catalina.jar); the others hold only a manifest saying what they stand for.
 */
export async function writeStandInSessionJars(
  docker: Docker,
  image: string,
  appDir: string,
  jars: { from: string; name: string }[],
): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'paasport-stand-in-'));
  try {
    chmodSync(work, 0o777);
    cpSync(path.join(ROOT, 'test/e2e/stand-in-session-manager'), path.join(work, 'src'), { recursive: true });
    writeFileSync(path.join(work, 'manifest.mf'), 'Implementation-Title: stand-in for a Redisson jar (e2e tests)\n');
    const script = [
      'set -e',
      'javac --release 8 -nowarn -cp "/usr/local/tomcat/lib/*:/usr/local/tomcat/bin/tomcat-juli.jar" -d /w/classes' +
        ' /w/src/org/redisson/tomcat/RedissonSessionManager.java',
      'jar --create --file /w/manager.jar --manifest /w/manifest.mf -C /w/classes .',
      'mkdir /w/empty && jar --create --file /w/other.jar --manifest /w/manifest.mf -C /w/empty .',
    ].join('\n');
    const r = await runToEnd(docker, image, ['sh', '-c', script], [`${work}:/w`]);
    if (r.status !== 0) throw new Error(`compiling the stand-in session manager failed: ${r.output}`);
    for (const jar of jars) {
      const to = path.join(appDir, jar.from);
      mkdirSync(path.dirname(to), { recursive: true });
      const standIn = /^redisson-tomcat-\d+/.test(jar.name) ? 'manager.jar' : 'other.jar';
      cpSync(path.join(work, standIn), to);
    }
  } finally {
    removeTree(work);
  }
}
