import { readFileSync } from 'node:fs';
import { decode, looksBinary } from '../read/encoding.js';
import type { Encoding, JavaFacts, Notice } from '../types.js';
import { extractJavaFacts } from './extract.js';
import { hasJavaCode, jspToJava } from './jsp-to-java.js';
import type { JavaParser } from './parser.js';

export interface JavaJob {
  abs: string;
  rel: string;
  size?: number; // bytes, when known: the largest files are sent to the workers first
  override?: Encoding;
  fallback?: Encoding;
  parseOnly?: boolean; // benchmarks: stop after parsing
  jsp?: boolean; // a JSP page: its scriptlets, expressions and declarations are read as Java
}

export interface JavaResult {
  facts?: JavaFacts;
  notices: Notice[];
}

/** Reads, decodes, parses and extracts one Java file; the tree is deleted before returning. */
export function analyzeJavaFile(jp: JavaParser, job: JavaJob): JavaResult {
  let bytes: Uint8Array;
  try {
    // synchronous: this runs on a worker thread, or in a command-line run with nothing else to do
    bytes = readFileSync(job.abs);
  } catch (e) {
    return {
      notices: [
        { kind: 'unreadable', file: job.rel, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message },
      ],
    };
  }
  if (looksBinary(bytes)) {
    return { notices: [{ kind: 'binary-skipped', file: job.rel }] };
  }
  const decoded = decode(bytes, { override: job.override, fallback: job.fallback });
  const notices: Notice[] = [];
  if (decoded.badBytes) notices.push({ kind: 'encoding', file: job.rel, detail: String(decoded.badBytes) });
  if (job.jsp && !hasJavaCode(decoded.text)) return { notices };
  const source = job.jsp ? jspToJava(decoded.text) : decoded.text;
  const tree = jp.parser.parse(source);
  if (!tree)
    return { notices: [...notices, { kind: 'parse-error', file: job.rel, detail: 'the parser gave up on this file' }] };
  try {
    if (job.parseOnly) return { notices };
    const { facts, notices: more } = extractJavaFacts(tree, jp.errors, job.rel, decoded.encoding, source);
    return { facts: job.jsp ? { ...facts, page: true } : facts, notices: [...notices, ...more] };
  } finally {
    tree.delete();
  }
}
