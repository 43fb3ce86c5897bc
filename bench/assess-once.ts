// One assessment in a process of its own, for the corpus bench: `node assess-once.js DIR THREADS` prints, as JSON, its
// time, the time of each stage, the lines of the files it read and this process's peak RSS.
import { readFileSync } from 'node:fs';
import { assess } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { scanTree } from '../analyzers/read/scan.js';
import { enableStageTimes, stageTimes } from '../analyzers/stage-times.js';

const [root, threadArg] = process.argv.slice(2);
const scan = scanTree(root);
const counts: Record<string, number> = {};
let lines = 0;
for (const f of scan.files) {
  counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  lines += (readFileSync(f.abs, 'latin1').match(/\n/g)?.length ?? 0) + 1;
}
const rules = loadRules();
enableStageTimes();
const started = performance.now();
const a = await assess(root, rules, { threads: Number(threadArg) });
const ms = performance.now() - started;
const out = {
  ms,
  stages: Object.fromEntries(stageTimes()),
  lines,
  files: { ...counts, jar: scan.jars.length },
  findings: a.findings.length,
  rssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1048576),
};
console.log(JSON.stringify(out));
