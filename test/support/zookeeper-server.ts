import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Debian's `zookeeper` package (installed with zookeeperd): its jar names every jar it needs in its manifest. */
export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';

export interface ZooKeeperServer {
  port: number;
  /** host:port, as clients take it */
  connect: string;
  stop(): Promise<void>;
}

export const zookeeperInstalled = () => existsSync(ZOOKEEPER_JAR);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** ZooKeeper's `srvr` four-letter command (allowed by default): answers once the server serves. */
function serving(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => socket.write('srvr'));
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve(/Mode: standalone/.test(text)));
    socket.on('error', () => resolve(false));
  });
}

/**
 * A standalone ZooKeeper server of Debian's package on 127.0.0.1 and a free port, with its data in a new temporary
 * folder; `stop` ends that process (by its own handle) and removes the folder.
 */
export async function startZooKeeper(timeoutMs = 30_000): Promise<ZooKeeperServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-zk-'));
  const cfg = path.join(dir, 'zoo.cfg');
  writeFileSync(
    cfg,
    [
      `dataDir=${dir}/data`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'tickTime=500',
      'admin.enableServer=false',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(
    'java',
    ['-Xmx128m', '-cp', ZOOKEEPER_JAR, 'org.apache.zookeeper.server.ZooKeeperServerMain', cfg],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await serving(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`ZooKeeper did not start on 127.0.0.1:${port}: ${err}`);
    }
    await sleep(200);
  }
  return { port, connect: `127.0.0.1:${port}`, stop };
}
