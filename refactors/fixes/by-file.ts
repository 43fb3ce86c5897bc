/** Items grouped by their file, files in the order they first appear. */
export function byFile<T extends { file: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(item.file, [...(m.get(item.file) ?? []), item]);
  return m;
}
