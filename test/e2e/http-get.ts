import http from 'node:http';

/** A request with a Host header of our choice and a deadline (fetch refuses to set Host). */
export function httpGet(
  url: string,
  host?: string,
  timeoutMs = 10_000,
  method = 'GET',
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: host ? { Host: host } : {}, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls until `url` answers `status`, or throws with the last answer after `timeoutMs`. */
export async function waitForStatus(url: string, status: number, host?: string, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      const r = await httpGet(url, host, 5_000);
      if (r.status === status) return;
      last = `${r.status} ${r.body.slice(0, 300)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer ${status} in ${timeoutMs} ms; last: ${last}`);
}
