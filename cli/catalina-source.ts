import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PaasportError } from '../analyzers/errors.js';
import { catalinaLogPatch, type CatalinaPatch } from '../generators/deploy/catalina-patch.js';
import type { ImageFiles } from '../platform/types.js';

export interface CatalinaOptions {
  catalinaSh?: string;
  tomcatDir?: string;
  catalinaFromImage?: boolean;
}

const IN_IMAGE = '/usr/local/tomcat/bin/catalina.sh';

/** The target Tomcat's catalina.sh, patched: from a file, a Tomcat folder, or the base image; none when not asked. */
export async function catalinaPatch(
  o: CatalinaOptions,
  baseImage: () => string,
  images: () => ImageFiles,
): Promise<CatalinaPatch | undefined> {
  const file = o.catalinaSh ?? (o.tomcatDir ? path.join(o.tomcatDir, 'bin/catalina.sh') : undefined);
  if (file) {
    if (!existsSync(file)) throw new PaasportError(`${file}: no such file`);
    return catalinaLogPatch(readFileSync(file, 'utf8'), file);
  }
  if (!o.catalinaFromImage) return undefined;
  const image = baseImage();
  const text = await images().readFile(image, IN_IMAGE, (l) => process.stderr.write(`\r\x1b[K${image}: ${l}`));
  return catalinaLogPatch(text, `${image}:${IN_IMAGE}`);
}
