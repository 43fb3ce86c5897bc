import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, type Service } from './services.js';

/** A PostgreSQL server; sql() runs a command in database `catalog` as user `catalog`. */
export interface Postgres extends Service {
  sql(command: string): string;
}

const STATE = process.env.PAASPORT_E2E_STATE ?? '/var/lib/paasport-e2e';

/** Debian's PostgreSQL server programs (package postgresql): the newest major version installed. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root).filter((d) => existsSync(path.join(root, d, 'bin/postgres')))
    : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server here: apt-get install postgresql');
  return path.join(root, newest, 'bin');
}

/** uid and gid of Debian's postgres user: the server refuses to run as root. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL server of its own (a new cluster in the e2e state folder, no persistence worth keeping) listening on
 * the given addresses, trusting every client (the tasks connect from the engine's bridge), with database `catalog`
 * owned by user `catalog`, after `sql` has run in it. stop() ends the server and removes the cluster.
 */
export async function startPostgres(bind: string[], sql: string): Promise<Postgres> {
  const bin = postgresBin();
  const user = postgresUser();
  const dir = mkdtempSync(path.join(STATE, 'postgres-'));
  chmodSync(dir, 0o700);
  chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const asPostgres = { ...user, encoding: 'utf8' as const, cwd: dir, stdio: 'pipe' as const };
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8'], asPostgres);
  appendFileSync(path.join(data, 'pg_hba.conf'), 'host all all 0.0.0.0/0 trust\n');
  const port = await freePort();
  const args = ['-D', data, '-k', dir, '-h', bind.join(','), '-p', String(port), '-c', 'fsync=off'];
  const child = spawn(path.join(bin, 'postgres'), args, { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const psql = (role: string, db: string, command: string) =>
    execFileSync(
      path.join(bin, 'psql'),
      ['-h', dir, '-p', String(port), '-U', role, '-d', db, '-v', 'ON_ERROR_STOP=1', '-c', command],
      asPostgres,
    );
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${output}`);
    try {
      execFileSync(path.join(bin, 'pg_isready'), ['-h', dir, '-p', String(port)], asPostgres);
      break;
    } catch {
      if (i > 100) throw new Error(`postgres does not answer: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  psql('postgres', 'postgres', 'CREATE USER catalog');
  psql('postgres', 'postgres', 'CREATE DATABASE catalog OWNER catalog');
  psql('catalog', 'catalog', sql);
  return {
    port,
    sql: (command) => psql('catalog', 'catalog', command),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
