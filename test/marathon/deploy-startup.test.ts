import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers.js';

/** Every module the CLI loads for these arguments, written by a loader hook, and how it ended. */
function modulesLoaded(args: string[]): { code: number | null; modules: string[] } {
  const log = path.join(tmpdir(), `paasport-deploy-modules-${process.pid}-${args.join('-').replace(/\W/g, '')}.log`);
  const hooks = `data:text/javascript,import{appendFileSync}from'node:fs';export async function load(u,c,n){appendFileSync(${JSON.stringify(log)},u+'\\n');return n(u,c)}`;
  const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`;
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MARATHON_')));
    const r = spawnSync(process.execPath, ['--import', register, CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    return { code: r.status, modules: readFileSync(log, 'utf8').trim().split('\n') };
  } finally {
    rmSync(log, { force: true });
  }
}

const marathonClient = (m: string) => /\/dist\/platform\/(marathon|zookeeper)\//.test(m);
const zookeeperClient = (m: string) => /node_modules\/node-zookeeper-client\/|\/dist\/platform\/zookeeper\//.test(m);

describe('what the Marathon commands load', () => {
  it('--help of deploy, status and rollback loads neither the Marathon nor the ZooKeeper client', () => {
    for (const command of ['deploy', 'status', 'rollback']) {
      const r = modulesLoaded([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.modules.filter(marathonClient), command).toEqual([]);
      expect(r.modules.filter(zookeeperClient), command).toEqual([]);
    }
  });

  it('a deploy to URLs loads the Marathon client but not the ZooKeeper client', () => {
    const def = path.join(ROOT, 'fixtures/no-such-definition.json');
    const r = modulesLoaded(['status', '/shop', '--marathon', 'http://127.0.0.1:9', '--timeout', '0.1']);
    expect(r.code).toBe(3);
    expect(r.modules.some(marathonClient)).toBe(true);
    expect(r.modules.filter(zookeeperClient)).toEqual([]);
    expect(modulesLoaded(['deploy', def, '--marathon', 'http://127.0.0.1:9']).code).toBe(2);
  });
});
