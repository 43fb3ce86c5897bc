import { chmodSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { marathonCredentials, maskSecrets } from '../../platform/marathon/credentials.js';
import { definitionDiff } from '../../platform/marathon/definition-diff.js';
import { absoluteId, groupAppIds } from '../../platform/marathon/definition-file.js';
import { connectMarathon } from '../../platform/marathon/connect.js';
import { masterSource } from '../../platform/marathon/masters.js';
import { makeTree, removeTree } from '../helpers.js';

const dir = makeTree({});
afterAll(() => removeTree(dir));

describe('Marathon credentials', () => {
  it('a token wins over a user and password; a user without a password is a usage error', () => {
    expect(marathonCredentials({ MARATHON_TOKEN: 't', MARATHON_USER: 'u', MARATHON_PASSWORD: 'p' })).toEqual({
      authorization: 'token=t',
      secrets: ['t'],
    });
    expect(marathonCredentials({ MARATHON_USER: 'u', MARATHON_PASSWORD: 'p' }).authorization).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(marathonCredentials({})).toEqual({ secrets: [] });
    expect(() => marathonCredentials({ MARATHON_USER: 'u' })).toThrow(/go together/);
  });

  it('a credentials file replaces the environment and must be private', () => {
    const file = path.join(dir, 'creds');
    writeFileSync(file, "export MARATHON_TOKEN='from-file'\n# MARATHON_TOKEN=commented\n");
    chmodSync(file, 0o640);
    expect(() => marathonCredentials({}, file)).toThrow(/mode 640\): run chmod 600/);
    chmodSync(file, 0o600);
    expect(marathonCredentials({ MARATHON_TOKEN: 'from-env' }, file).authorization).toBe('token=from-file');
    expect(() => marathonCredentials({}, path.join(dir, 'missing'))).toThrow(/cannot read it \(ENOENT\)/);
  });

  it('masks every secret in a text', () => {
    expect(maskSecrets('token=abc and abc again', ['abc', ''])).toBe('token=*** and *** again');
  });
});

describe('--marathon masters', () => {
  const noZk = () => Promise.reject(new Error('not asked'));
  it('takes several URLs, strips credentials out of them and never describes them with it', async () => {
    const s = masterSource('http://ops:pw@m1:8080/, https://m2:8443', noZk);
    expect(await s.urls()).toEqual(['http://m1:8080', 'https://m2:8443']);
    expect(s.basic).toEqual({ user: 'ops', password: 'pw' });
    expect(s.describe).not.toContain('pw');
    expect(() => masterSource('ftp://m1', noZk)).toThrow(/give http\(s\):\/\/HOST:PORT or zk:/);
    expect(() => masterSource('http://ops:secret@[bad', noZk)).toThrow(/\*\*\*@/);
  });

  it('asks ZooKeeper for the leader each time for a zk:// address', async () => {
    let leader = 'm1:8080';
    const s = masterSource('zk://zk1:2181/marathon', () => Promise.resolve(leader));
    expect(await s.urls()).toEqual(['http://m1:8080']);
    leader = 'm2:8080';
    expect(await s.urls()).toEqual(['http://m2:8080']);
  });
});

describe('ids and the dry-run diff', () => {
  it('makes ids relative to their group absolute', () => {
    expect(absoluteId('shop', '/team')).toBe('/team/shop');
    expect(absoluteId('../x', '/team/a')).toBe('/team/x');
    expect(absoluteId('/abs', '/team')).toBe('/abs');
    expect(groupAppIds({ id: '/team', apps: [{ id: 'a' }], groups: [{ id: 'sub', apps: [{ id: 'b' }] }] })).toEqual([
      '/team/a',
      '/team/sub/b',
    ]);
  });

  it("leaves Marathon's defaults and own fields out, and compares a group's apps by id", () => {
    const running = {
      id: '/team',
      version: '2016-06-01T10:00:01.000Z',
      apps: [
        { id: '/team/b', instances: 1, backoffSeconds: 1, version: 'x' },
        { id: '/team/a', instances: 2, backoffSeconds: 1, labels: { HAPROXY_GROUP: 'external' } },
      ],
    };
    const local = {
      id: '/team',
      apps: [
        { id: 'a', instances: 3, labels: { HAPROXY_GROUP: 'external' } },
        { id: 'b', instances: 1 },
      ],
    };
    const diff = definitionDiff(running, local, 'group.json');
    expect(diff).toContain('--- marathon (version 2016-06-01T10:00:01.000Z)');
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      '-      "instances": 2,',
      '+      "instances": 3,',
    ]);
  });
});

describe('answers that quote the credentials', () => {
  it('masks them in the error the user sees', async () => {
    // a proxy in front of Marathon that echoes the request's headers in its error page
    const server = http.createServer((req, res) => {
      res
        .writeHead(400, { 'Content-Type': 'text/plain' })
        .end(`bad request, authorization: ${req.headers.authorization}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = connectMarathon(
        {
          marathon: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          retryForMs: 0,
          retryIntervalMs: 10,
          say: () => {},
        },
        { MARATHON_TOKEN: 'very-secret-token' },
      );
      const put = api.put({ kind: 'app', id: '/shop' }, { id: '/shop' }, false);
      await expect(put).rejects.toThrow(
        /answered 400: bad request, authorization: token=\*\*\*: correct the definition/,
      );
    } finally {
      server.close();
    }
  });
});
