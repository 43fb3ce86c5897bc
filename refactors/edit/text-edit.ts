/** Replace the text from start to end (UTF-16 offsets of the text being edited) with `text`; start = end inserts. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const byPosition = (a: TextEdit, b: TextEdit) => a.start - b.start || a.end - b.end;

const range = (e: TextEdit) => `[${e.start}, ${e.end})`;

/**
 * Two edits overlap when one starts inside the other, or when both insert at the same place (their order
 * would be a guess). An insertion just before or just after a replacement is not an overlap.
 */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return b.start < a.end && a.start < b.end;
}

/** Edits in text order; throws, naming both ranges, when two of them overlap. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort(byPosition);
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i - 1], sorted[i]))
      throw new Error(
        `overlapping edits ${range(sorted[i - 1])} and ${range(sorted[i])}: refusing to guess their order`,
      );
  }
  return sorted;
}

/** The text with every edit made; offsets of all edits refer to the text as given. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of sortEdits(edits)) {
    if (e.start < at || e.end > text.length || e.start > e.end) throw new Error(`edit ${range(e)} is outside the text`);
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Where an offset of the text before the edits is after them; undefined when the edits replaced or removed
 * what was there. Text inserted at the offset goes before it.
 */
export function mapOffset(offset: number, sortedEdits: readonly TextEdit[]): number | undefined {
  let shift = 0;
  for (const e of sortedEdits) {
    if (e.start > offset) break;
    if (e.start === e.end || e.end <= offset) shift += e.text.length - (e.end - e.start);
    else return undefined;
  }
  return offset + shift;
}

/** The one edit that turns `before` into `after`: what lies between their common start and their common end. */
export function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  )
    tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
