import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../analyzers/errors.js';

/**
 * Writes a whole file or nothing: a temporary file in the same folder, then a rename. What is there already
 * decides how: a device or FIFO (/dev/null, /dev/stdout, a pipe) is written to, never replaced; a symbolic link
 * keeps pointing where it did and its target gets the text; a file with several hard links is written in place,
 * so every link sees it; a file's mode is kept.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const existing = await fs.stat(file).catch(() => undefined);
  if (existing && (!existing.isFile() || existing.nlink > 1)) {
    await fs.writeFile(file, text); // an error such as ENOSPC from /dev/full reaches the caller
    return;
  }
  const target = existing ? await fs.realpath(file) : file;
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text, { mode: existing ? existing.mode & 0o7777 : 0o666 });
    if (existing) await fs.chmod(tmp, existing.mode & 0o7777); // the umask must not widen or narrow it
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

// the disk, not the path given, failed: the run failed (exit 3), as when standard output cannot be written
const DEVICE_FAULTS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/**
 * Writes an output of a command (a report, a schema, a generated file), creating its folder when `makeFolder`;
 * a file system error becomes a message that says which file and what to check.
 */
export async function writeOutput(file: string, text: string, what: string, makeFolder = false): Promise<void> {
  try {
    if (makeFolder) await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFileAtomic(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && DEVICE_FAULTS.has(code))
      throw new PaasportError(
        `cannot write ${what} to ${file}: ${code}. Check the disk it is on (free space, quota), then run again.`,
        'failed',
      );
    const why = code ?? (e as Error).message;
    throw new PaasportError(`cannot write ${what} to ${file}: ${why}. Check that its folder exists and is writable.`);
  }
}
