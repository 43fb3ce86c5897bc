import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';

const require = createRequire(import.meta.url);

const MANIFEST = 'META-INF/MANIFEST.MF';
// a manifest is a few kB; a bigger entry is not one worth reading
const MAX_MANIFEST_BYTES = 256 * 1024;
// the attributes that say a jar's own version, in the order they are trusted
const VERSION_KEYS = ['Implementation-Version', 'Bundle-Version', 'Specification-Version'];

/** The main attributes of a manifest: `Name: value` lines, continuation lines starting with a space joined. */
export function manifestAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const unfolded = text.replace(/\r\n?/g, '\n').replace(/\n /g, '');
  for (const line of unfolded.split('\n')) {
    if (!line.trim()) break; // the main section ends at the first blank line
    const m = /^([\w-]+):\s?(.*)$/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], m[2].trim());
  }
  return out;
}

/** The version a manifest states for its jar, if any. */
export function manifestVersion(text: string): string | undefined {
  const attrs = manifestAttributes(text);
  return VERSION_KEYS.map((k) => attrs.get(k)).find((v) => v && /^\d/.test(v));
}

async function readManifest(jar: string): Promise<string | undefined> {
  // loaded only for an app with jars named without a version, by require: importing it would lex its whole source
  const yauzl = require('yauzl') as typeof import('yauzl');
  const zip = await yauzl.openPromise(jar, { autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== MANIFEST) continue;
      if (entry.uncompressedSize > MAX_MANIFEST_BYTES) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return undefined;
  } finally {
    zip.close();
  }
}

/**
 * The version a jar's manifest states, or nothing when the jar cannot be read (empty, truncated, not a zip, a
 * pointer to a large-file store): a jar named without its version still says it inside.
 */
export async function jarVersion(jar: string): Promise<string | undefined> {
  try {
    if ((await stat(jar)).size === 0) return undefined;
    const text = await readManifest(jar);
    return text ? manifestVersion(text) : undefined;
  } catch {
    return undefined;
  }
}
