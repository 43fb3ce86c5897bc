import YAML from 'yaml';
import type { AppRecord, EnvVar } from './types.js';
import type { Workspace } from './workspace.js';

export const RECORD_FILE = 'paasport.yaml';
export const ENV_FILE = '.paasport.env';

export function emptyRecord(): AppRecord {
  return { env: [], volumes: [], javaSystemProperties: {} };
}

/** Reads the record an earlier run left, so that a second run adds to it instead of starting over. */
export function loadRecord(ws: Workspace): AppRecord {
  const text = ws.read(RECORD_FILE)?.text;
  if (!text) return emptyRecord();
  const data = YAML.parse(text) ?? {};
  return {
    ...emptyRecord(),
    ...(data.sessionStore ? { sessionStore: data.sessionStore } : {}),
    ...(data.logs ? { logs: data.logs } : {}),
    ...(data.volumes ? { volumes: data.volumes } : {}),
    ...(data.javaSystemProperties ? { javaSystemProperties: data.javaSystemProperties } : {}),
    env: (data.env ?? []).map(({ default: value, ...e }: EnvVar & { default?: string }) => ({
      ...e,
      ...(value !== undefined ? { value } : {}),
      usedBy: e.usedBy ?? [],
    })),
  };
}

export function addEnv(record: AppRecord, v: EnvVar): void {
  const prev = record.env.find((e) => e.name === v.name);
  if (prev) {
    prev.usedBy = [...new Set([...prev.usedBy, ...v.usedBy])];
    prev.secret ||= v.secret;
  } else record.env.push(v);
}

/** paasport.yaml, committed: what the generators need. Values of secrets never go in it. */
export function writeRecord(ws: Workspace, record: AppRecord): void {
  const forYaml: Record<string, unknown> = {
    ...record,
    env: record.env.map(({ value, ...e }) =>
      e.secret ? e : { ...e, ...(value !== undefined ? { default: value } : {}) },
    ),
  };
  const prev = ws.read(RECORD_FILE);
  if (!prev) {
    ws.create(
      RECORD_FILE,
      `# Deployment settings (schema: generators/deploy/schemas/paasport-config.schema.json).\n# paasport fix keeps env, volumes, javaSystemProperties, logs and sessionStore up to date.\n${YAML.stringify(forYaml)}`,
    );
    return;
  }
  // the person's own settings and comments stay; only the keys the fixes own are replaced
  const doc = YAML.parseDocument(prev.text);
  for (const [k, v] of Object.entries(forYaml)) if (v !== undefined) doc.set(k, v);
  ws.write(RECORD_FILE, prev, doc.toString());
}

/** Adds a line to the app's .gitignore unless it is there. */
export function ignoreInGit(ws: Workspace, entry: string): void {
  const gi = ws.read('.gitignore');
  if (!gi) {
    ws.create('.gitignore', `${entry}\n`);
    return;
  }
  if (gi.text.split(/\r?\n/).some((l) => l.trim() === entry || l.trim() === `/${entry}`)) return;
  ws.write('.gitignore', gi, `${gi.text.replace(/\s*$/, '')}${gi.eol}${entry}${gi.eol}`);
}

/** The git-ignored env file with every extracted value, secrets included, for local runs. */
export function writeEnvFile(ws: Workspace, record: AppRecord): void {
  if (!record.env.some((e) => e.value !== undefined)) return;
  ignoreInGit(ws, ENV_FILE);
  const lines = ['# Values taken out of the sources by paasport fix. Never commit this file.'];
  for (const e of record.env)
    if (e.value !== undefined) lines.push(`${e.name}=${e.value.includes(' ') ? JSON.stringify(e.value) : e.value}`);
  const text = lines.join('\n') + '\n';
  const prev = ws.read(ENV_FILE);
  if (prev) ws.write(ENV_FILE, prev, text);
  else ws.create(ENV_FILE, text);
}
