import { parentPort } from 'node:worker_threads';
import { analyzeJavaFile, type JavaJob, type JavaResult } from './analyze-file.js';
import { createJavaParser } from './parser.js';

const port = parentPort;
if (!port) throw new Error('java worker must run in a worker thread');

const ready = createJavaParser();
port.on('message', async (msg: { id: number; jobs: JavaJob[] }) => {
  const jp = await ready;
  const results: JavaResult[] = [];
  for (const job of msg.jobs) results.push(analyzeJavaFile(jp, job));
  // as JSON text: a string crosses threads as one copy, and JSON.parse reads it back about twice as fast as the
  // structured clone of the same object graph is rebuilt on the main thread, which has the whole project's to rebuild
  port.postMessage({ id: msg.id, results: JSON.stringify(results) });
});
