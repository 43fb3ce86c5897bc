import { PaasportError } from '../../analyzers/errors.js';

/**
 * Where the Marathon masters are: a fixed list of URLs, or a ZooKeeper address whose leader is looked up again each
 * time every master known so far has failed (a leader change).
 */
export interface MasterSource {
  /** Base URLs to try in turn, without credentials or a trailing slash. */
  urls(): Promise<string[]>;
  /** What the user gave, safe to print. */
  describe: string;
  /** Credentials written into a URL (`http://user:password@host`), taken out of it. */
  basic?: { user: string; password: string };
  /** True when asking again may give other URLs (ZooKeeper). */
  dynamic: boolean;
}

function parseHttpUrl(raw: string): { url: string; user?: string; password?: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new PaasportError(`--marathon ${raw.replace(/\/\/[^@/]*@/, '//***@')}: not a URL: give http(s)://HOST:PORT`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new PaasportError(`--marathon ${u.protocol}//${u.host}: give http(s)://HOST:PORT or zk://HOST:PORT/PATH`);
  }
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/+$/, ''), user: user || undefined, password: password || undefined };
}

/**
 * `--marathon URL[,URL...]` or `--marathon zk://HOST:PORT[,HOST:PORT]/PATH`. The ZooKeeper lookup is passed in so
 * that only a zk:// address loads the ZooKeeper client.
 */
export function masterSource(value: string, zkLeader: (zkUrl: string) => Promise<string>): MasterSource {
  if (value.trim().startsWith('zk://')) {
    const zkUrl = value.trim();
    return {
      urls: async () => [`http://${await zkLeader(zkUrl)}`],
      describe: zkUrl.replace(/\/\/[^@/]*@/, '//***@'),
      dynamic: true,
    };
  }
  const parsed = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseHttpUrl);
  if (!parsed.length) throw new PaasportError('--marathon: give at least one URL, or zk://HOST:PORT/PATH');
  const urls = parsed.map((p) => p.url);
  const withUser = parsed.find((p) => p.user && p.password);
  return {
    urls: () => Promise.resolve(urls),
    describe: urls.join(','),
    basic: withUser ? { user: withUser.user!, password: withUser.password! } : undefined,
    dynamic: false,
  };
}
