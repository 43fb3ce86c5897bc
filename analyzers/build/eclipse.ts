import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotProperties from 'dot-properties';

export interface EclipseSettings {
  javaSource?: string;
  javaTarget?: string;
  encoding?: string;
}

function read(file: string): Record<string, string> | undefined {
  try {
    return dotProperties.parse(readFileSync(file, 'latin1')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/**
 * What an Eclipse/MyEclipse project without a build file says in .settings/: the compiler level and
 * the project's text encoding (GBK code bases often say it only there).
 */
export function eclipseSettings(root: string): EclipseSettings {
  const jdt = read(path.join(root, '.settings/org.eclipse.jdt.core.prefs')) ?? {};
  const resources = read(path.join(root, '.settings/org.eclipse.core.resources.prefs')) ?? {};
  return {
    javaSource: jdt['org.eclipse.jdt.core.compiler.source'] ?? jdt['org.eclipse.jdt.core.compiler.compliance'],
    javaTarget:
      jdt['org.eclipse.jdt.core.compiler.codegen.targetPlatform'] ?? jdt['org.eclipse.jdt.core.compiler.compliance'],
    encoding: resources['encoding/<project>'],
  };
}
