import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe("the analyzers' data files", () => {
  it('are part of the build, so that tsc copies them into dist/, which the package ships', () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const inputs = r.stdout.split('\n').map((f) => path.relative(ROOT, f.trim()));
    expect(inputs).toEqual(
      expect.arrayContaining(['analyzers/java/library-types.json', 'analyzers/assess/detectors.json']),
    );
  });
});
