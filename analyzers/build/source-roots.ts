import type { FileFacts } from '../types.js';

/**
 * The folders Java sources are compiled from: each Java file's folder less its package's folders
 * (`src/com/acme/A.java` in package com.acme → `src`), the most used first.
 */
export function sourceRoots(files: FileFacts[]): string[] {
  const counts = new Map<string, number>();
  for (const f of files) {
    if (f.kind !== 'java' || f.page) continue;
    const dir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '.';
    const pkg = f.package ? f.package.replace(/\./g, '/') : '';
    if (pkg && dir !== pkg && !dir.endsWith(`/${pkg}`)) continue; // a file whose folder does not follow its package
    const root = !pkg ? dir : dir === pkg ? '.' : dir.slice(0, dir.length - pkg.length - 1);
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([root]) => root);
}
