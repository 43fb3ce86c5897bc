import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Encoding } from '../analyzers/types.js';
import { readText, writeText, type TextFile } from './edit/text-file.js';

export interface Change {
  file: string; // relative, forward slashes
  before?: Uint8Array; // undefined: a new file
  after: Uint8Array;
}

/**
 * The repository as the fixes see it: reads go through the changes made so far, writes stay in memory
 * until the workflow applies them. Nothing here touches the disk but reads.
 */
export class Workspace {
  private readonly overlay = new Map<string, Uint8Array>(); // current bytes of every file written
  private readonly mark = new Map<string, Uint8Array | undefined>(); // bytes at the last checkpoint of files written since

  constructor(
    readonly root: string,
    private readonly fallback?: Encoding,
  ) {}

  exists(rel: string): boolean {
    return this.bytes(rel) !== undefined;
  }

  bytes(rel: string): Uint8Array | undefined {
    const o = this.overlay.get(rel);
    if (o) return o;
    const abs = path.join(this.root, rel);
    return existsSync(abs) ? new Uint8Array(readFileSync(abs)) : undefined;
  }

  read(rel: string): TextFile | undefined {
    const b = this.bytes(rel);
    return b ? readText(b, this.fallback) : undefined;
  }

  /** Replaces a file's text, written back in its own encoding, BOM and line endings. */
  write(rel: string, file: TextFile, text: string): void {
    if (text !== file.text) this.put(rel, writeText(file, text));
  }

  create(rel: string, text: string): void {
    this.put(rel, new TextEncoder().encode(text));
  }

  private put(rel: string, after: Uint8Array): void {
    if (!this.mark.has(rel)) this.mark.set(rel, this.bytes(rel));
    this.overlay.set(rel, after);
  }

  /** Whether anything was written since the previous checkpoint. */
  hasPending(): boolean {
    return this.mark.size > 0;
  }

  /** The changes since the previous checkpoint, in file order: one fix's work. */
  checkpoint(): Change[] {
    const out: Change[] = [];
    for (const [file, before] of this.mark) {
      const after = this.overlay.get(file)!;
      if (!before || Buffer.compare(before, after) !== 0) out.push({ file, before, after });
    }
    this.mark.clear();
    return out.sort((a, b) => (a.file < b.file ? -1 : 1));
  }
}
