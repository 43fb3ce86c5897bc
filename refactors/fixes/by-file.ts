/** Items grouped by their file, files in the order they first appear. */
export function byFile<T extends { file: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const group = m.get(item.file);
    if (group) group.push(item);
    else m.set(item.file, [item]);
  }
  return m;
}
