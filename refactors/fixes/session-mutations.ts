import { sessionMutations as mutationsIn, sessionReaders } from '../../analyzers/java/session-mutations.js';
import { buildIndex } from '../../analyzers/java/type-index.js';
import { sourceLines } from '../../analyzers/read/source-lines.js';
import type { ProjectFacts } from '../../analyzers/types.js';

/**
 * Places (`file:line`) where an object read from the HTTP session is changed in place without being set again:
 * a store that saves on setAttribute only loses those changes.
 */
export function sessionMutations(project: ProjectFacts): string[] {
  const linesOf = sourceLines(project);
  const readers = sessionReaders(project, linesOf);
  const index = buildIndex(project);
  const found: string[] = [];
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const c of mutationsIn(f, () => linesOf(f), readers, index)) found.push(`${f.file}:${c.line}`);
  }
  return [...new Set(found)];
}
