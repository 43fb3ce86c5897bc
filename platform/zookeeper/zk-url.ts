import { PaasportError } from '../../analyzers/errors.js';

/** A `zk://host:2181[,host:2181...]/path` address: the ensemble to connect to and the path Marathon registers under. */
export interface ZkAddress {
  servers: string; // host:port,host:port as the client takes it
  path: string; // /marathon
}

export function parseZkUrl(url: string): ZkAddress {
  const m = /^zk:\/\/(?:[^@/]*@)?([^/]+)(\/[^?#]*)?$/.exec(url.trim());
  if (!m) throw new PaasportError(`--marathon ${url}: expected zk://HOST:PORT[,HOST:PORT...]/PATH`);
  const servers = m[1]
    .split(',')
    .map((s) => (/:\d+$/.test(s) ? s : `${s}:2181`))
    .join(',');
  const path = (m[2] ?? '/marathon').replace(/\/+$/, '') || '/marathon';
  return { servers, path };
}
