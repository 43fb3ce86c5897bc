import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { linkSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../cli/write-output.js';
import { CLI, makeTree, removeTree, ROOT } from './helpers.js';

const SHOP = path.join(ROOT, 'fixtures/servlet-shop');
const assess = (...args: string[]) => spawnSync(process.execPath, [CLI, 'assess', SHOP, ...args], { encoding: 'utf8' });

describe('-o PATH: what is already there is respected', () => {
  it('/dev/null stays the device; /dev/full is an error, not a success', async () => {
    await writeOutput('/dev/null', 'report\n', 'the report');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    await expect(writeOutput('/dev/full', 'report\n', 'the report')).rejects.toThrow(
      'cannot write the report to /dev/full: ENOSPC',
    );
  });

  it('a FIFO is written to, and stays a FIFO', async () => {
    const dir = makeTree({});
    try {
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const reader = spawn('cat', [fifo]);
      let got = '';
      reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
      const done = new Promise((resolve) => reader.on('close', resolve));
      await writeOutput(fifo, 'through the pipe\n', 'the report');
      await done;
      expect(got).toBe('through the pipe\n');
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    } finally {
      removeTree(dir);
    }
  });

  it('a symbolic link keeps pointing at its target, which gets the text; hard links all see it; the mode is kept', async () => {
    const dir = makeTree({ 'real/report.txt': 'old\n', 'linked.txt': 'old\n', 'private.txt': 'old\n' });
    try {
      const link = path.join(dir, 'report-link.txt');
      symlinkSync(path.join(dir, 'real/report.txt'), link);
      await writeOutput(link, 'new\n', 'the report');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(dir, 'real/report.txt'), 'utf8')).toBe('new\n');

      const other = path.join(dir, 'other-name.txt');
      linkSync(path.join(dir, 'linked.txt'), other);
      await writeOutput(path.join(dir, 'linked.txt'), 'new\n', 'the report');
      expect(readFileSync(other, 'utf8')).toBe('new\n');

      const secret = path.join(dir, 'private.txt');
      writeFileSync(secret, 'old\n', { mode: 0o600 });
      execFileSync('chmod', ['0600', secret]);
      await writeOutput(secret, 'new\n', 'the report');
      expect(statSync(secret).mode & 0o777).toBe(0o600);
      expect(readFileSync(secret, 'utf8')).toBe('new\n');
    } finally {
      removeTree(dir);
    }
  });

  it('through the CLI: -o /dev/null succeeds and leaves the device; -o /dev/full fails (3) saying so, not 0 nor 1', () => {
    const toNull = assess('-o', '/dev/null');
    expect(toNull.status).toBe(0);
    expect(toNull.stdout).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    for (const extra of [[], ['--fail-on', 'optional']]) {
      const toFull = assess('-o', '/dev/full', ...extra);
      expect(toFull.status).toBe(3);
      expect(toFull.stderr).toContain('cannot write the report to /dev/full: ENOSPC. Check the disk it is on');
      expect(toFull.stderr).not.toContain('    at ');
    }
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('through the CLI: a FIFO gets the report and stays a FIFO; a linked report file keeps its link', async () => {
    const dir = makeTree({ 'kept/report.txt': 'old\n' });
    try {
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const reader = spawn('cat', [fifo]);
      let got = '';
      reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
      const done = new Promise((resolve) => reader.on('close', resolve));
      expect(assess('-o', fifo, '--format', 'json').status).toBe(0);
      await done;
      expect(JSON.parse(got).app.name).toBe('servlet-shop');
      expect(lstatSync(fifo).isFIFO()).toBe(true);

      const link = path.join(dir, 'latest.txt');
      symlinkSync('kept/report.txt', link);
      expect(assess('-o', link).status).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(dir, 'kept/report.txt'), 'utf8')).toContain('servlet-shop');
    } finally {
      removeTree(dir);
    }
  });
});
