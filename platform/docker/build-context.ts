import { createReadStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import balenaIgnore from '@balena/dockerignore';
import { pack } from 'tar-stream';
import { ENV_FILE } from '../../analyzers/settings/paasport-yaml.js';

// a CommonJS module whose types declare an ES default export: under NodeNext the factory is the module itself
const dockerignore = balenaIgnore as unknown as typeof balenaIgnore.default;

/** Never sent to the engine, whatever the ignore file says: the history, and the secrets `paasport fix` found. */
const NEVER_SENT = ['.git', ENV_FILE, '**/.git', `**/${ENV_FILE}`];

/** The ignore file of a build, as BuildKit picks it: `<Dockerfile>.dockerignore`, else the root `.dockerignore`. */
export function ignoreFileOf(appDir: string, dockerfileRel: string): string | undefined {
  for (const f of [`${dockerfileRel}.dockerignore`, '.dockerignore']) {
    if (existsSync(path.join(appDir, f))) return f;
  }
  return undefined;
}

function matcher(appDir: string, ignoreFile: string | undefined) {
  const lines = ignoreFile ? readFileSync(path.join(appDir, ignoreFile), 'utf8').split(/\r?\n/) : [];
  const patterns = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const ig = dockerignore().add(patterns);
  const never = dockerignore().add(NEVER_SENT);
  // a folder that is ignored is still walked when a later `!pattern` may take something inside it back
  const exceptions = patterns.some((p) => p.startsWith('!'));
  return { ig, never, exceptions };
}

/**
 * The files of the build context, relative and with `/`: the app folder less what the ignore file excludes, less
 * `.git` and `.paasport.env` always; the Dockerfile always (the engine needs it even when a pattern matches it).
 */
export async function contextFiles(appDir: string, dockerfileRel: string): Promise<string[]> {
  const { ig, never, exceptions } = matcher(appDir, ignoreFileOf(appDir, dockerfileRel));
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.readdir(path.join(appDir, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (never.ignores(r)) continue;
      const ignored = ig.ignores(r);
      if (e.isDirectory()) {
        if (!ignored || exceptions) await walk(r);
      } else if (!ignored || r === dockerfileRel) {
        out.push(r);
      }
    }
  };
  await walk('');
  if (!out.includes(dockerfileRel) && existsSync(path.join(appDir, dockerfileRel))) out.push(dockerfileRel);
  return out;
}

async function addEntry(tar: ReturnType<typeof pack>, appDir: string, rel: string): Promise<void> {
  const abs = path.join(appDir, rel);
  const st = await fs.lstat(abs);
  const base = { name: rel, mode: st.mode & 0o7777, mtime: st.mtime };
  if (st.isSymbolicLink()) {
    tar.entry({ ...base, type: 'symlink', linkname: await fs.readlink(abs) });
    return;
  }
  if (!st.isFile()) return; // sockets, fifos: nothing a build can copy
  await new Promise<void>((resolve, reject) => {
    const entry = tar.entry({ ...base, size: st.size }, (err) => (err ? reject(err) : resolve()));
    createReadStream(abs).on('error', reject).pipe(entry);
  });
}

/** The context as the tar stream the engine's build endpoint takes, written file by file as it is read. */
export function contextTar(appDir: string, files: string[]): Readable {
  const tar = pack();
  void (async () => {
    try {
      for (const rel of files) await addEntry(tar, appDir, rel);
      tar.finalize();
    } catch (e) {
      tar.destroy(e as Error);
    }
  })();
  return tar as unknown as Readable;
}
