import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { parseDocument } from 'yaml';
import { fixtureRepo, paasport } from './app-repo.js';
import type { MarathonApp } from './marathon-app.js';
import { REGISTRY } from './services.js';
import { copiedLibJars, writeStandInSessionJars } from './stand-in-jars.js';

export const RUNTIME_IMAGE = 'tomcat:9.0-jdk11-temurin';
export const BUILD_IMAGE = 'eclipse-temurin:11-jdk';
export const VHOST = 'shop.e2e.test';

export interface GeneratedApp {
  parent: string; // a temporary folder holding the app; remove it afterwards
  dir: string;
  app: MarathonApp;
  dockerfile: string; // as generate wrote it
}

/**
 * fixtures/servlet-shop in a git repository of its own, after `paasport fix` and `paasport generate` for the
 * stand-in runtime and build images, the private registry and a virtual host; stand-ins for the session manager's
 * jars (see stand-in-jars.ts) under the names the Dockerfile copies, where it copies them from or in `jarsDir`
 * (relative to the app folder).
 */
export async function generatedServletShop(docker: Docker, jarsDir?: string): Promise<GeneratedApp> {
  const { parent, dir } = fixtureRepo('servlet-shop');
  paasport('fix', dir);
  // The app is Java 6 code, whose default build stage is eclipse-temurin:8-jdk; Debian has no JDK 8 to make a
  // stand-in from, so the build stage is the stand-in JDK 11 (javac 11 still takes -source 6 -target 6), chosen as a
  // user chooses the build image of their registry: build.image in paasport.yaml.
  const settings = path.join(dir, 'paasport.yaml');
  const doc = parseDocument(readFileSync(settings, 'utf8'));
  doc.setIn(['build', 'image'], BUILD_IMAGE);
  writeFileSync(settings, doc.toString());
  paasport(
    'generate',
    dir,
    '--base-image',
    RUNTIME_IMAGE,
    '--registry',
    REGISTRY,
    '--vhost',
    VHOST,
    '--catalina-from-image',
  );
  const dockerfile = readFileSync(path.join(dir, 'deploy/Dockerfile'), 'utf8');
  const jars = copiedLibJars(dockerfile).map((j) => (jarsDir ? { ...j, from: path.join(jarsDir, j.name) } : j));
  await writeStandInSessionJars(docker, RUNTIME_IMAGE, dir, jars);
  const app = JSON.parse(readFileSync(path.join(dir, 'deploy/marathon-app.json'), 'utf8')) as MarathonApp;
  return { parent, dir, app, dockerfile };
}
