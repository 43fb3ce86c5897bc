import { configKeysIn } from './path-heads.js';
import type { JavaFacts, ProjectFacts } from '../types.js';

const LITERAL = /^"([^"\\]*)"$/;

/** The string values of the project's constants by name (`STORE_DIR`), and by `Owner.NAME`. */
function constants(project: ProjectFacts): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, value: string) => out.set(name, (out.get(name) ?? new Set()).add(value));
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const x of f.fields) {
      const value = x.isStatic && x.initializer ? LITERAL.exec(x.initializer.trim())?.[1] : undefined;
      if (value === undefined) continue;
      add(x.name, value);
      add(`${x.owner}.${x.name}`, value);
    }
  }
  return out;
}

/**
 * The configuration keys whose values decide where files are written: the keys of the configuration reads found in
 * the expressions a write's path is worked out from (a literal key, or a constant of the project holding it).
 */
export function settingKeys(project: ProjectFacts, sources: Map<JavaFacts, string[]>): Set<string> {
  const keys = new Set<string>();
  let byName: Map<string, Set<string>> | undefined;
  for (const exprs of sources.values())
    for (const key of exprs.flatMap(configKeysIn)) {
      const literal = LITERAL.exec(key);
      if (literal) {
        // an XPath (`//config/DataPath`, `/app/@dir`) names the element or attribute by its last step
        keys.add(literal[1].includes('/') ? literal[1].replace(/^.*\/@?/, '') : literal[1]);
        continue;
      }
      byName ??= constants(project);
      const qualified = key.split('.').slice(-2).join('.');
      for (const v of byName.get(qualified) ?? byName.get(key.slice(key.lastIndexOf('.') + 1)) ?? []) keys.add(v);
    }
  return keys;
}
