// What `paasport build` does once its options are parsed (build-command.ts).
import path from 'node:path';
import { PaasportError } from '../analyzers/errors.js';
import { contextFiles, contextTar } from '../platform/docker/build-context.js';
import { deployFolder, generatedFile, generatedImage, type DeployFolder } from '../platform/docker/deploy-folder.js';
import { connectEngine, engineAddress, parseEngineAddress } from '../platform/docker/docker-engine.js';
import { buildImage } from '../platform/docker/image-build.js';
import { pushImage } from '../platform/docker/image-push.js';
import { formatImageRef, parseImageRef, withOverrides } from '../platform/docker/image-ref.js';
import { registryAuth } from '../platform/docker/registry-auth.js';
import { ensureJars, jarSource, readJarList } from '../platform/docker/session-jars.js';

export interface BuildFlags {
  out: string;
  tag?: string;
  push?: boolean;
  registry?: string;
  jarsFrom?: string;
  buildArg?: Record<string, string>;
  dockerHost?: string;
}

/** The image reference to build: the generated one, with --registry and --tag over it. */
function imageOf(f: DeployFolder, o: BuildFlags): string {
  // without generated files naming one, the folder's name, made a valid repository name
  const folderName = path
    .basename(f.appDir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  const generated = generatedImage(f) ?? `${folderName}:latest`;
  const ref = withOverrides(parseImageRef(generated), o);
  if (o.push && !ref.registry) {
    throw new PaasportError(
      `--push: ${formatImageRef(ref)} names no registry: pass --registry HOST[:PORT] or set image.registry in paasport.yaml`,
    );
  }
  return formatImageRef(ref);
}

const say = (line: string) => process.stderr.write(`${line}\n`);

export async function runBuild(app: string, o: BuildFlags): Promise<void> {
  const f = deployFolder(app, o.out);
  generatedFile(f, 'Dockerfile');
  const dockerfile = `${f.outRel}/Dockerfile`;
  const image = imageOf(f, o);
  await ensureJars(
    readJarList(f.outDir),
    path.join(f.outDir, 'lib'),
    o.jarsFrom ? jarSource(o.jarsFrom) : undefined,
    say,
  );
  let files: string[];
  try {
    files = await contextFiles(f.appDir, dockerfile);
  } catch (e) {
    throw new PaasportError(`context: cannot read ${f.appDir}: ${(e as Error).message}`, 'failed');
  }
  const addr = o.dockerHost ? parseEngineAddress(o.dockerHost) : engineAddress();
  const docker = await connectEngine(addr, 'pass --docker-host', 'failed');
  say(`Building ${image} from ${dockerfile} (${files.length} ${files.length === 1 ? 'file' : 'files'} in the context)`);
  const verbose = !!process.stderr.isTTY;
  await buildImage(
    docker,
    contextTar(f.appDir, files),
    { dockerfile, tag: image, buildArgs: o.buildArg ?? {} },
    (l, step) => {
      if (step || verbose) say(l);
    },
  );
  process.stdout.write(`Built ${image}\n`);
  if (!o.push) return;
  const registry = parseImageRef(image).registry!;
  await pushImage(docker, image, registryAuth(registry), (l) => verbose && say(l));
  process.stdout.write(`Pushed ${image}\n`);
}
