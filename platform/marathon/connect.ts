import type { MarathonApi } from '../types.js';
import { marathonCredentials } from './credentials.js';
import { marathonClient } from './marathon-client.js';
import { marathonHttp } from './marathon-http.js';
import { masterSource } from './masters.js';

export interface ConnectOptions {
  marathon: string; // URL[,URL...] or zk://HOST:PORT/PATH
  credentialsFile?: string;
  /** how long requests keep going round the masters while none answers */
  retryForMs: number;
  retryIntervalMs: number;
  say: (line: string) => void;
}

/** Looked up in ZooKeeper only for a zk:// address, so that nothing else loads the ZooKeeper client. */
async function zkLeader(zkUrl: string): Promise<string> {
  const [{ parseZkUrl }, { marathonLeader }] = await Promise.all([
    import('../zookeeper/zk-url.js'),
    import('../zookeeper/marathon-leader.js'),
  ]);
  return marathonLeader(parseZkUrl(zkUrl));
}

/** Marathon's API at the masters of `--marathon`, with the credentials of the environment or the file. */
export function connectMarathon(o: ConnectOptions, env: NodeJS.ProcessEnv = process.env): MarathonApi {
  const masters = masterSource(o.marathon, zkLeader);
  let credentials = marathonCredentials(env, o.credentialsFile);
  if (!credentials.authorization && masters.basic) {
    const basic = Buffer.from(`${masters.basic.user}:${masters.basic.password}`).toString('base64');
    credentials = { authorization: `Basic ${basic}`, secrets: [masters.basic.password, basic] };
  }
  const request = marathonHttp({
    masters,
    credentials,
    retryForMs: o.retryForMs,
    retryIntervalMs: o.retryIntervalMs,
    requestTimeoutMs: 30_000,
    say: o.say,
  });
  return marathonClient(request);
}
