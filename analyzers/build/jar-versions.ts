import path from 'node:path';
import { isSpringArtifact } from '../assess/spring-version.js';
import { jarVersion } from '../read/jar-manifest.js';
import type { Dependency } from '../types.js';

/**
 * Gives Spring's jars committed without a version in their name (spring-core.jar) the version their manifest
 * states: which placeholder syntax and session store the app can use follow from it. Other jars are left as named,
 * as no decision depends on their version.
 */
export async function readSpringJarVersions(root: string, dependencies: Dependency[]): Promise<void> {
  const unnamed = dependencies.filter((d) => !d.version && /\.jar$/i.test(d.file) && isSpringArtifact(d.artifact));
  await Promise.all(
    unnamed.map(async (d) => {
      const version = await jarVersion(path.join(root, d.file));
      if (version) d.version = version;
    }),
  );
}
