import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../analyzers/errors.js';

/** Writes a whole file or nothing: a temporary file in the same folder, then a rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes an output of a command (a report, a schema, a generated file), creating its folder when `makeFolder`;
 * a file system error becomes a message that says which file and what to check.
 */
export async function writeOutput(file: string, text: string, what: string, makeFolder = false): Promise<void> {
  try {
    if (makeFolder) await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFileAtomic(file, text);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new PaasportError(`cannot write ${what} to ${file}: ${why}. Check that its folder exists and is writable.`);
  }
}
