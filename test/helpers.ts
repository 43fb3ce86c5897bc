import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { assess } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import type { Rule } from '../analyzers/types.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');

/** Compares a generated text with its file under test/golden (written when missing, or all with UPDATE_GOLDEN=1). */
export function golden(file: string, text: string): void {
  const p = path.join(ROOT, 'test/golden', file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(p)) {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  expect(text, `${file} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(p, 'utf8'));
}

let rulesCache: Rule[] | undefined;
export function bundledRules(): Rule[] {
  return (rulesCache ??= loadRules());
}

/** A servlet `shop.C<i>` that counts requests in a static field and keeps an object in the session. */
export const servletSource = (i: number): string =>
  'package shop;\nimport javax.servlet.http.*;\n' +
  `public class C${i} extends HttpServlet {\n  static int hits${i};\n` +
  `  protected void doGet(HttpServletRequest r, HttpServletResponse s) { hits${i}++; ` +
  `r.getSession().setAttribute("k${i}", new Object()); }\n}\n`;

// Each app of these tests parses on worker threads only with more than 1.5 MB of Java (less is read in one thread).
export const WORKER_SOURCE_BYTES = 1.6 * 1024 * 1024;

/** A Java source with a comment at its end that brings it to `bytes` (findings stay those of the source). */
export function padded(source: string, bytes: number): string {
  const line = `// ${'-'.repeat(76)}\n`;
  return source + line.repeat(Math.max(0, Math.ceil((bytes - source.length) / line.length)));
}

/** Writes a small tree of files into a new temporary folder. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A real jar, made by the JDK's `jar` tool, holding only the given manifest attributes. */
export function jarWithManifest(manifest: string): Buffer {
  const dir = makeTree({ 'manifest.mf': manifest });
  try {
    execFileSync('jar', ['--create', '--file', path.join(dir, 'x.jar'), '--manifest', path.join(dir, 'manifest.mf')]);
    return readFileSync(path.join(dir, 'x.jar'));
  } finally {
    removeTree(dir);
  }
}

export async function assessFiles(files: Record<string, string | Uint8Array>, rules = bundledRules()) {
  const dir = makeTree(files);
  try {
    return await assess(dir, rules, { threads: 0 });
  } finally {
    removeTree(dir);
  }
}

/** GBK bytes of a text: Node decodes GBK but has no encoder, so this goes through a reverse table. */
export function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
