import { readFileSync, statSync } from 'node:fs';
import { PaasportError } from '../../analyzers/errors.js';

/** The Authorization header to send, and the secret strings that must never show in output. */
export interface MarathonCredentials {
  authorization?: string;
  secrets: string[];
}

const NONE: MarathonCredentials = { secrets: [] };

/** KEY=VALUE lines (the names of the environment variables), `#` comments; quotes around a value are dropped. */
function readCredentialsFile(file: string): Record<string, string> {
  let text: string;
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new PaasportError(
        `--credentials-file ${file}: others can read it (mode ${mode.toString(8)}): run chmod 600 ${file}`,
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof PaasportError) throw e;
    throw new PaasportError(`--credentials-file ${file}: cannot read it (${(e as NodeJS.ErrnoException).code})`);
  }
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) values[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

function fromValues(v: Record<string, string | undefined>, where: string): MarathonCredentials {
  const token = v.MARATHON_TOKEN;
  if (token) return { authorization: `token=${token}`, secrets: [token] };
  const user = v.MARATHON_USER;
  const password = v.MARATHON_PASSWORD;
  if (!user && !password) return NONE;
  if (!user || !password) {
    throw new PaasportError(`${where}: MARATHON_USER and MARATHON_PASSWORD go together: set both, or MARATHON_TOKEN`);
  }
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  return { authorization: `Basic ${basic}`, secrets: [password, basic] };
}

/**
 * Credentials for Marathon: `--credentials-file` (MARATHON_TOKEN, or MARATHON_USER and MARATHON_PASSWORD, one per
 * line; readable by its owner only), else the same variables from the environment. A token is sent as DC/OS does
 * (`Authorization: token=<t>`), a user and password as basic authentication.
 */
export function marathonCredentials(env: NodeJS.ProcessEnv, file?: string): MarathonCredentials {
  if (file) return fromValues(readCredentialsFile(file), `--credentials-file ${file}`);
  return fromValues(env, 'environment');
}

/** The text with every secret replaced by `***`: for error messages that may quote a request or an answer. */
export function maskSecrets(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join('***'), text);
}
