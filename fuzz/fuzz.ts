// npm run fuzz -- [--trees N] [--size M] [--seed S] [--timeout SEC]: hostile trees through `paasport assess`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    trees: { type: 'string', default: '100' },
    size: { type: 'string', default: '100' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    timeout: { type: 'string', default: '120' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run fuzz -- [--trees N] [--size FILES] [--seed S] [--timeout SECONDS]\n' +
      '  mutated copies of the fixtures under hostile file names, N trees of FILES files, each assessed by the\n' +
      '  built CLI: exit 3 is a crash, no answer within SECONDS a hang. The seed makes a run repeatable.\n',
  );
  process.exit(0);
}
const [trees, size, seed, timeout] = [values.trees, values.size, values.seed, values.timeout].map(Number);
if (![trees, size, seed, timeout].every((n) => Number.isInteger(n) && n >= 0)) {
  process.stderr.write('fuzz: --trees, --size, --seed and --timeout take whole numbers\n');
  process.exit(2);
}
process.stdout.write(`seed ${seed}: ${trees} trees of ${size} files\n`);
const problems = await runFuzz({
  cli: path.join(ROOT, 'dist/cli/main.js'),
  fixtures: path.join(ROOT, 'fixtures'),
  trees,
  size,
  seed,
  timeoutMs: timeout * 1000,
  onTree: (done, total) => {
    if (done % 10 === 0 || done === total) process.stdout.write(`  ${done}/${total} trees\n`);
  },
});
const count = (k: string) => problems.filter((p) => p.kind === k).length;
process.stdout.write(
  `\nprobe          tries  crashes  hangs  bad output\nassess trees   ${String(trees).padEnd(5)}  ` +
    `${String(count('crash')).padEnd(7)}  ${String(count('hang')).padEnd(5)}  ${count('bad-output')}\n` +
    `(${trees * size} files)\n`,
);
for (const p of problems) process.stdout.write(`tree ${p.tree} (seed ${seed}): ${p.kind}: ${p.detail}\n`);
process.exitCode = problems.length ? 1 : 0;
