import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lineStarts, offsetAt } from '../analyzers/config/spans.js';
import type { Encoding, Location } from '../analyzers/types.js';
import { readText, writeText, type TextFile } from './edit/text-file.js';
import { applyEdits, diffEdit, mapOffset, sortEdits, type TextEdit } from './edit/text-edit.js';

export interface Change {
  file: string; // relative, forward slashes
  before?: Uint8Array; // undefined: a new file
  after: Uint8Array;
}

/**
 * The repository as the fixes see it: reads go through the changes made so far, writes stay in memory
 * until the workflow applies them. Nothing here touches the disk but reads. Every write is kept as edits,
 * so that a place in a file as it was assessed can still be found after earlier fixes changed the file.
 */
export class Workspace {
  private readonly overlay = new Map<string, Uint8Array>(); // current bytes of every file written
  // bytes at the last checkpoint of the files written since
  private readonly mark = new Map<string, Uint8Array | undefined>();
  private readonly history = new Map<string, TextEdit[][]>(); // the edits of every write, in order, each sorted
  private readonly assessedLines = new Map<string, number[] | undefined>(); // line starts of files as assessed

  constructor(
    readonly root: string,
    private readonly fallback?: Encoding,
  ) {}

  exists(rel: string): boolean {
    return this.bytes(rel) !== undefined;
  }

  bytes(rel: string): Uint8Array | undefined {
    return this.overlay.get(rel) ?? this.onDisk(rel);
  }

  read(rel: string): TextFile | undefined {
    const b = this.bytes(rel);
    return b ? readText(b, this.fallback) : undefined;
  }

  /**
   * Makes edits on a file's current text (`file`, as read from here), written back in its own encoding, BOM and
   * line endings. Throws when `file` is not the current text or when edits overlap. Returns whether the text changed.
   */
  edit(rel: string, file: TextFile, edits: readonly TextEdit[]): boolean {
    if (!edits.length) return false;
    if (this.read(rel)?.text !== file.text) throw new Error(`${rel}: edits made on a text that is no longer current`);
    const sorted = sortEdits(edits);
    const text = applyEdits(file.text, sorted);
    if (text === file.text) return false;
    this.remember(rel, sorted);
    this.put(rel, writeText(file, text));
    return true;
  }

  /** Replaces a file's whole text; prefer edit(), which keeps places in the file traceable. */
  write(rel: string, file: TextFile, text: string): void {
    if (text === file.text) return;
    this.remember(rel, [diffEdit(file.text, text)]);
    this.put(rel, writeText(file, text));
  }

  create(rel: string, text: string): void {
    const prev = this.read(rel);
    if (prev) this.remember(rel, [diffEdit(prev.text, text)]);
    this.put(rel, new TextEncoder().encode(text));
  }

  /** Where a place in a file as it was assessed is now, as an offset of its current text; undefined if it is gone. */
  locate(rel: string, at: Location): number | undefined {
    if (!this.assessedLines.has(rel)) {
      const bytes = this.onDisk(rel);
      this.assessedLines.set(rel, bytes && lineStarts(readText(bytes, this.fallback).text));
    }
    const starts = this.assessedLines.get(rel);
    const offset = starts && offsetAt(starts, at.line, at.column);
    return offset === undefined ? undefined : this.mapOffset(rel, offset);
  }

  /** Where an offset of a file's text as it was assessed is now; undefined when an edit replaced what was there. */
  mapOffset(rel: string, offset: number): number | undefined {
    let at: number | undefined = offset;
    for (const batch of this.history.get(rel) ?? []) {
      at = mapOffset(at, batch);
      if (at === undefined) return undefined;
    }
    return at;
  }

  private onDisk(rel: string): Uint8Array | undefined {
    const abs = path.join(this.root, rel);
    return existsSync(abs) ? new Uint8Array(readFileSync(abs)) : undefined;
  }

  private remember(rel: string, edits: TextEdit[]): void {
    const list = this.history.get(rel) ?? [];
    list.push(edits);
    this.history.set(rel, list);
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
