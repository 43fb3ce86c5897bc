import { timeStageAsync } from '../analyzers/stage-times.js';
import { Command, InvalidArgumentError } from 'commander';

function buildArg(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const eq = v.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('expected KEY=VALUE.');
  return { ...prev, [v.slice(0, eq)]: v.slice(eq + 1) };
}

// The Docker client and the build steps are loaded when the command runs (build-run.ts).
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
    .action(async (app: string, o) => (await timeStageAsync('load', () => import('./build-run.js'))).runBuild(app, o));
}
