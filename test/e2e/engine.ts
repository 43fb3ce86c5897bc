import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';

/** The Docker engine that test/e2e/start-dockerd.sh starts for the e2e suites. */
export const DOCKER_SOCK = process.env.PAASPORT_DOCKER_SOCK ?? '/tmp/paasport-docker.sock';
export const dockerEngine = () => new Docker({ socketPath: DOCKER_SOCK });

/** Waits for a progress stream of the engine (build, push, pull); an error in it rejects with the whole output. */
async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<string> {
  const lines: string[] = [];
  return new Promise((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (err, events: { error?: string }[]) => {
        const failed = err ?? events.find((e) => e.error);
        if (failed) reject(new Error(`${(failed as { error?: string }).error ?? String(failed)}\n${lines.join('')}`));
        else resolve(lines.join(''));
      },
      (e: { stream?: string; status?: string }) => lines.push(e.stream ?? (e.status ? `${e.status}\n` : '')),
    ),
  );
}

/**
 * `docker build -f DOCKERFILE -t TAG .` in `context` through the engine's API (the classic builder): the files the
 * context's .dockerignore does not exclude are sent. Resolves with the build output.
 */
export async function buildImage(docker: Docker, context: string, dockerfile: string, tag: string): Promise<string> {
  const files = execFileSync('find', ['.', '-path', './.git', '-prune', '-o', '-type', 'f', '-print'], {
    cwd: context,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.slice(2));
  const stream = await docker.buildImage({ context, src: files }, { t: tag, dockerfile, rm: true, forcerm: true });
  return follow(docker, stream);
}

export async function pushImage(docker: Docker, image: string): Promise<void> {
  // the engine wants an X-Registry-Auth header even for a registry without authentication
  await follow(docker, await docker.getImage(image).push({ authconfig: {} }));
}

export async function pullImage(docker: Docker, image: string): Promise<void> {
  await follow(docker, await docker.pull(image));
}

/** The output of a command run to its end in a new container of `image`, which is removed afterwards. */
export async function runToEnd(
  docker: Docker,
  image: string,
  cmd: string[],
  binds: string[] = [],
): Promise<{ status: number; output: string }> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, HostConfig: { Binds: binds } });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { status: StatusCode, output: demux(logs as unknown as Buffer) };
  } finally {
    await container.remove({ force: true });
  }
}

/** The text of a container's multiplexed log stream (8-byte frame headers), stdout and stderr in order. */
export function demux(raw: Buffer): string {
  let out = '';
  for (let i = 0; i + 8 <= raw.length;) {
    const size = raw.readUInt32BE(i + 4);
    out += raw.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}

/** The host's address on the engine's default bridge: where containers reach the host's servers. */
export async function bridgeGateway(docker: Docker): Promise<string> {
  const bridge = await docker.getNetwork('bridge').inspect();
  const name = (bridge.Options as Record<string, string>)['com.docker.network.bridge.name'];
  // `ip`, as Node lists only interfaces that are running, and the bridge is not before a container starts
  const address = /inet (\S+)\//.exec(
    execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', name], { encoding: 'utf8' }),
  )?.[1];
  if (!address) throw new Error(`the bridge ${name} of the Docker engine has no IPv4 address`);
  return address;
}
