import { existsSync, readFileSync } from 'node:fs';
import { PaasportError } from '../../analyzers/errors.js';
import type { EnvSetting } from '../../analyzers/settings/types.js';
import type { MarathonAppDef } from './marathon-container.js';

/** `.paasport.env`: NAME=value lines (a value with spaces JSON-quoted), as `paasport fix` writes it. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2].trim();
    out[m[1]] = raw.startsWith('"') && raw.endsWith('"') && raw.length > 1 ? (JSON.parse(raw) as string) : raw;
  }
  return out;
}

export const readEnvFile = (file: string) => (existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')) : {});

/**
 * The environment of each task: the definition's values; its secrets (and, for Marathon 1.1, the secrets of
 * paasport.yaml) and the variables it leaves to be set, from the app's .paasport.env; the session store over all.
 */
export function previewEnv(
  def: MarathonAppDef,
  settingsEnv: EnvSetting[],
  local: Record<string, string>,
  envFile: string,
  overrides: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  const missingSecrets: string[] = [];
  const fromFile = (name: string, secret: boolean) => {
    if (local[name] !== undefined) env[name] = local[name];
    else if (secret) missingSecrets.push(name);
  };
  for (const [name, v] of Object.entries(def.env)) {
    if (typeof v === 'string') env[name] = v;
    else fromFile(name, true);
  }
  for (const e of settingsEnv) if (!(e.name in env) && !(e.name in overrides)) fromFile(e.name, !!e.secret);
  const unresolved = missingSecrets.filter((n) => !(n in overrides));
  if (unresolved.length) {
    throw new PaasportError(
      `the secrets ${unresolved.join(', ')} have no value: add NAME=value lines for them to ${envFile} (git-ignored)`,
    );
  }
  return { ...env, ...overrides };
}
