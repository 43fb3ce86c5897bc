import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PaasportError } from '../analyzers/errors.js';
import { contextFiles, contextTar } from '../platform/docker/build-context.js';
import { deployFolder, generatedFile, generatedImage, type DeployFolder } from '../platform/docker/deploy-folder.js';
import { connectEngine, engineAddress, parseEngineAddress } from '../platform/docker/docker-engine.js';
import { buildImage } from '../platform/docker/image-build.js';
import { pushImage } from '../platform/docker/image-push.js';
import { formatImageRef, parseImageRef, withOverrides } from '../platform/docker/image-ref.js';
import { registryAuth } from '../platform/docker/registry-auth.js';
import { ensureJars, jarSource, readJarList } from '../platform/docker/session-jars.js';

interface BuildFlags {
  out: string;
  tag?: string;
  push?: boolean;
  registry?: string;
  jarsFrom?: string;
  buildArg?: Record<string, string>;
  dockerHost?: string;
}

function buildArg(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const eq = v.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('expected KEY=VALUE.');
  return { ...prev, [v.slice(0, eq)]: v.slice(eq + 1) };
}

export function buildCommand(): Command {
  return new Command('build')
    .description(
      'Build the image of an application from what paasport generate wrote (the app folder is the context, ' +
        '<out>/Dockerfile the Dockerfile), and push it to the private registry.',
    )
    .argument('<app>', 'application folder')
    .option('--out <dir>', 'the folder generate wrote, inside the app folder', 'deploy')
    .option('--tag <tag>', 'image tag (default: the one of the generated app definition)')
    .option('--registry <host>', 'registry host[:port] of the image (default: the generated one)')
    .option('--push', 'push the image after the build')
    .option(
      '--jars-from <dir|url>',
      "where the session manager's missing jars come from: a folder or a Maven repository",
    )
    .option('--build-arg <key=value>', 'a build argument (repeatable)', buildArg)
    .option('--docker-host <address>', 'the Docker engine: a unix socket path, unix://PATH or tcp://HOST:PORT')
    .addHelpText(
      'after',
      `
The context sent to the engine honours <out>/Dockerfile.dockerignore (else .dockerignore); .git and
.paasport.env are never sent. The jars listed in <out>/tomcat-lib.txt must be in <out>/lib/: missing ones
are copied from --jars-from DIR (flat or Maven layout) or downloaded from --jars-from URL
(<url>/<group path>/<artifact>/<version>/<artifact>-<version>.jar); nothing is downloaded otherwise.
Push credentials: PAASPORT_REGISTRY_USER and PAASPORT_REGISTRY_PASSWORD, else the auths of ~/.docker/config.json.
The engine: --docker-host, else DOCKER_HOST, else /var/run/docker.sock.

Exit codes: 0 built (and pushed), 2 wrong usage or missing input, 3 a step failed (context, jars, build, push).

Examples:
  paasport build ./shop --jars-from ~/.m2/repository
  paasport build ./shop --registry registry.local:5000 --tag 1.4.2 --push --jars-from https://nexus.local/repository/maven-public`,
    )
    .action(runBuild);
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

async function runBuild(app: string, o: BuildFlags): Promise<void> {
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
