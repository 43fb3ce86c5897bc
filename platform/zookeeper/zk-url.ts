import { PaasportError } from '../../analyzers/errors.js';

/** A `zk://host:2181[,host:2181...]/path` address: the ensemble to connect to and the path Marathon registers under. */
export interface ZkAddress {
  servers: string; // host:port,host:port as the client takes it
  path: string; // /marathon
}

const SERVER = /^[^\s:,@]+(:\d{1,5})?$/;

/** `flag` names the option in the error; `defaultPath` is taken when the address has none. */
export function parseZkUrl(url: string, flag = '--marathon', defaultPath = '/marathon'): ZkAddress {
  const m = /^zk:\/\/(?:[^@/]*@)?([^/]+)(\/[^?#]*)?$/.exec(url.trim());
  const hosts = m ? m[1].split(',') : [];
  if (!m || !hosts.every((s) => SERVER.test(s)))
    throw new PaasportError(`${flag} ${url}: expected zk://HOST:PORT[,HOST:PORT...]/PATH`);
  const servers = hosts.map((s) => (/:\d+$/.test(s) ? s : `${s}:2181`)).join(',');
  const path = (m[2] ?? defaultPath).replace(/\/+$/, '') || defaultPath;
  return { servers, path };
}
