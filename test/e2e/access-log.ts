import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The lines of Tomcat's access logs (localhost_access_log.*) in one host's log folder that contain `text`. */
export function accessLogLines(hostLogDir: string, text: string): string[] {
  if (!existsSync(hostLogDir)) return [];
  return readdirSync(hostLogDir)
    .filter((f) => f.startsWith('localhost_access_log'))
    .flatMap((f) => readFileSync(path.join(hostLogDir, f), 'utf8').split('\n'))
    .filter((l) => l.includes(text));
}

/** Polls `probe` every half second until it holds or `ms` have passed; then the last result. */
export async function eventually(probe: () => boolean | Promise<boolean>, ms = 30_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    if (await probe()) return true;
  }
  return probe();
}
