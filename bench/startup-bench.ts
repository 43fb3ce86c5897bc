// The start-up half of `npm run bench`: the built CLI against a bare `node -e 0`, spawned in turn in the same run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 7;
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

const SERVLET = `package com.acme;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class HelloServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    req.getSession().setAttribute("seen", Boolean.TRUE);
    resp.getWriter().println("hello");
  }
}
`;

function wallMs(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median wall times of each command and of `node -e 0`, run in turn (A B A B ...) so that drift hits both. */
function paired(commands: { label: string; args: string[]; target?: number }[]) {
  const bare: number[] = [];
  const times = commands.map(() => [] as number[]);
  wallMs(['-e', '0']); // warm-up: page cache
  commands.forEach((c) => wallMs(c.args));
  for (let i = 0; i < RUNS; i++) {
    bare.push(wallMs(['-e', '0']));
    commands.forEach((c, k) => times[k].push(wallMs(c.args)));
  }
  return { bare: median(bare), medians: times.map(median) };
}

/** Prints the start-up lines: each command's median and its ratio to a bare Node start. */
export function startupBench(): void {
  const app = mkdtempSync(path.join(tmpdir(), 'paasport-bench-'));
  try {
    mkdirSync(path.join(app, 'src/com/acme'), { recursive: true });
    writeFileSync(path.join(app, 'src/com/acme/HelloServlet.java'), SERVLET);
    const commands = [
      { label: 'paasport --version', args: [CLI, '--version'], target: 2 },
      { label: 'paasport --help', args: [CLI, '--help'], target: 2 },
      { label: 'paasport rules list', args: [CLI, 'rules', 'list'] },
      { label: 'paasport assess, a one-file app', args: [CLI, 'assess', app], target: 4 },
    ];
    const { bare, medians } = paired(commands);
    const secs = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
    console.log(`start-up, median of ${RUNS} runs each, in turn with a bare Node start:`);
    console.log(`  ${'node -e 0'.padEnd(34)}${secs(bare).padStart(9)}`);
    commands.forEach((c, k) => {
      const target = c.target ? `   target <= ${c.target}x` : '';
      const ratio = `${(medians[k] / bare).toFixed(2)}x`;
      console.log(`  ${c.label.padEnd(34)}${secs(medians[k]).padStart(9)}  ${ratio.padStart(6)}${target}`);
    });
    console.log('');
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}
