import { setTimeout as sleep } from 'node:timers/promises';
import { PaasportError } from '../../analyzers/errors.js';
import { maskSecrets, type MarathonCredentials } from './credentials.js';
import type { MasterSource } from './masters.js';

export interface MarathonAnswer {
  status: number;
  body: unknown; // parsed JSON, else the text
  master: string;
}

export interface MarathonHttpOptions {
  masters: MasterSource;
  credentials: MarathonCredentials;
  /** How long to keep going round the masters while none answers (no leader elected yet, a leader change). */
  retryForMs: number;
  retryIntervalMs: number;
  requestTimeoutMs: number;
  say: (line: string) => void;
}

export type MarathonRequest = (method: string, path: string, body?: unknown) => Promise<MarathonAnswer>;

/** The answer's JSON, else its text; a secret Marathon echoes back (a proxy's error page may) never gets out. */
async function parseBody(res: Response, secrets: string[]): Promise<unknown> {
  const text = maskSecrets(await res.text(), secrets);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

const reasonOf = (e: unknown): string => {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
};

/**
 * Requests to Marathon with failover: a master that cannot be reached or answers 503 (no leader elected, or it is
 * stepping down) hands over to the next one; any other answer, a non-leader's too (masters proxy to the leader), is
 * the answer. When every master failed, the list is asked for again (ZooKeeper may name a new leader) until
 * `retryForMs` has passed.
 */
export function marathonHttp(o: MarathonHttpOptions): MarathonRequest {
  const state = { current: '' };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.credentials.authorization) headers.Authorization = o.credentials.authorization;
  const mask = (t: string) => maskSecrets(t, o.credentials.secrets);

  const attempt = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(o.requestTimeoutMs),
    });
    return { status: res.status, body: await parseBody(res, o.credentials.secrets), master: url };
  };

  return async (method, path, body) => {
    const deadline = Date.now() + o.retryForMs;
    let waited = false;
    for (;;) {
      const failures: string[] = [];
      let urls: string[] = [];
      try {
        urls = await o.masters.urls();
      } catch (e) {
        failures.push(mask((e as Error).message));
      }
      // the master that answered last goes first
      const ordered = urls.includes(state.current) ? [state.current, ...urls.filter((u) => u !== state.current)] : urls;
      for (const url of ordered) {
        try {
          const answer = await attempt(url, method, path, body);
          if (answer.status !== 503) {
            if (state.current && state.current !== url) o.say(`Marathon master ${url} answers now`);
            state.current = url;
            return answer;
          }
          failures.push(`${url}: 503 ${mask(messageOf(answer.body))}`);
        } catch (e) {
          failures.push(`${url}: ${mask(reasonOf(e))}`);
        }
      }
      if (Date.now() + o.retryIntervalMs > deadline) {
        throw new PaasportError(
          `no Marathon master answered ${method} ${path} (${failures.join('; ')}): check --marathon ` +
            `${o.masters.describe} and that a leader is elected`,
          'failed',
        );
      }
      if (!waited)
        o.say(
          `no Marathon master answers (${failures.join('; ')}): trying again until ${o.retryForMs / 1000} s have passed`,
        );
      waited = true;
      await sleep(o.retryIntervalMs);
    }
  };
}

/** Marathon's `message` (and `details` of a 422), or the text it answered. */
export function messageOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (!body || typeof body !== 'object') return '';
  const b = body as { message?: string; details?: { path?: string; errors?: string[] }[] };
  const details = (b.details ?? []).map((d) => `${d.path ?? '/'}: ${(d.errors ?? []).join(', ')}`);
  return [b.message ?? '', ...details].filter(Boolean).join('; ');
}
