/** A stretch of a text in UTF-16 offsets, as JavaScript strings count: start included, end excluded. */
export interface Span {
  start: number;
  end: number;
}

/** Line starts of a text, for turning character offsets into line numbers. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The offset of a 1-based line and column, or undefined when the text has no such line. */
export function offsetAt(starts: number[], line: number, column: number): number | undefined {
  return line >= 1 && line <= starts.length && column >= 1 ? starts[line - 1] + column - 1 : undefined;
}
