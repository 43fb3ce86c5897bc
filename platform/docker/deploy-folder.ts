import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../../analyzers/errors.js';

/** The app folder (the build context) and the folder `paasport generate` wrote into, inside it. */
export interface DeployFolder {
  appDir: string;
  outDir: string;
  outRel: string; // with /, relative to appDir
}

export function deployFolder(app: string, out = 'deploy'): DeployFolder {
  const appDir = path.resolve(app);
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) {
    throw new PaasportError(`${app}: no such folder. Pass the folder of the application.`);
  }
  const outDir = path.resolve(appDir, out);
  const outRel = path.relative(appDir, outDir).split(path.sep).join('/');
  if (!outRel || outRel.startsWith('..') || path.isAbsolute(outRel)) {
    throw new PaasportError(
      `--out ${out} is not inside ${app}: the Dockerfile copies its files from there, so it must be in the app folder`,
    );
  }
  return { appDir, outDir, outRel };
}

/** A file `paasport generate` writes, or a message that says to run it. */
export function generatedFile(f: DeployFolder, name: string): string {
  const file = path.join(f.outDir, name);
  if (!existsSync(file)) {
    throw new PaasportError(`no ${path.relative(process.cwd(), file) || file}: run paasport generate first`);
  }
  return file;
}

export function readMarathonApp(f: DeployFolder): Record<string, unknown> {
  const file = generatedFile(f, 'marathon-app.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new PaasportError(`${file} is not JSON (${(e as Error).message}): run paasport generate again`);
  }
}

/** The image the generated files name: the app definition's, else the `-t` of the Dockerfile's header. */
export function generatedImage(f: DeployFolder): string | undefined {
  if (existsSync(path.join(f.outDir, 'marathon-app.json'))) {
    const docker = (readMarathonApp(f).container as { docker?: { image?: unknown } } | undefined)?.docker;
    if (typeof docker?.image === 'string') return docker.image;
  }
  const dockerfile = path.join(f.outDir, 'Dockerfile');
  if (!existsSync(dockerfile)) return undefined;
  return /^#.*docker build .*-t (\S+)/m.exec(readFileSync(dockerfile, 'utf8'))?.[1];
}
