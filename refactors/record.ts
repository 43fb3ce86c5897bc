import YAML from 'yaml';
import { ENV_FILE, parseSettings, SETTINGS_FILE, SETTINGS_SCHEMA } from '../analyzers/settings/paasport-yaml.js';
import type { AppRecord, FoundEnv } from './types.js';
import type { Workspace } from './workspace.js';

export function emptyRecord(): AppRecord {
  return { env: [], volumes: [], javaSystemProperties: {}, secretValues: {} };
}

/** Reads the settings an earlier run (or a person) left, so that a second run adds to them instead of starting over. */
export function loadRecord(ws: Workspace): AppRecord {
  const text = ws.read(SETTINGS_FILE)?.text;
  if (!text) return emptyRecord();
  const s = parseSettings(text, SETTINGS_FILE);
  const record: AppRecord = {
    ...emptyRecord(),
    ...(s.sessionStore ? { sessionStore: s.sessionStore } : {}),
    ...(s.logs ? { logs: s.logs } : {}),
    ...(s.volumes ? { volumes: s.volumes.map((v) => ({ ...v, usedBy: v.usedBy ?? [] })) } : {}),
    ...(s.javaSystemProperties ? { javaSystemProperties: s.javaSystemProperties } : {}),
  };
  record.env = (s.env ?? []).map(({ default: value, ...e }) => {
    if (e.secret && value !== undefined) record.secretValues[e.name] = value;
    return { ...e, usedBy: e.usedBy ?? [], ...(!e.secret && value !== undefined ? { default: value } : {}) };
  });
  return record;
}

/** The value a variable had in the sources: the default of a plain one, the remembered value of a secret. */
export const envValue = (record: AppRecord, e: { name: string; secret?: boolean; default?: string }) =>
  e.secret ? record.secretValues[e.name] : e.default;

export function addEnv(record: AppRecord, v: FoundEnv): void {
  const prev = record.env.find((e) => e.name === v.name);
  if (!prev) {
    record.env.push({ name: v.name, secret: v.secret, usedBy: v.usedBy });
    if (v.value !== undefined && v.secret) record.secretValues[v.name] = v.value;
    else if (v.value !== undefined) record.env[record.env.length - 1].default = v.value;
    return;
  }
  prev.usedBy = [...new Set([...prev.usedBy, ...v.usedBy])];
  if (v.secret && !prev.secret) {
    // a plain variable found to be a secret: its value leaves the committed file
    if (prev.default !== undefined) record.secretValues[prev.name] = prev.default;
    delete prev.default;
  }
  prev.secret ||= v.secret;
}

/** paasport.yaml, committed: what the generators need. Values of secrets never go in it. */
export function writeRecord(ws: Workspace, record: AppRecord): void {
  const { secretValues: _values, ...forYaml } = record;
  const prev = ws.read(SETTINGS_FILE);
  if (!prev) {
    const header = [
      `# Deployment settings (schema: ${SETTINGS_SCHEMA}).`,
      '# paasport fix keeps env, volumes, javaSystemProperties, logs and sessionStore up to date.',
    ];
    ws.create(SETTINGS_FILE, `${header.join('\n')}\n${YAML.stringify(forYaml)}`);
    return;
  }
  // the person's own settings and comments stay; only the keys the fixes own are replaced
  const doc = YAML.parseDocument(prev.text);
  for (const [k, v] of Object.entries(forYaml)) if (v !== undefined) doc.set(k, v);
  ws.write(SETTINGS_FILE, prev, doc.toString());
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
  const values = record.env.map((e) => [e.name, envValue(record, e)] as const).filter(([, v]) => v !== undefined);
  if (!values.length) return;
  ignoreInGit(ws, ENV_FILE);
  const lines = ['# Values taken out of the sources by paasport fix. Never commit this file.'];
  for (const [name, value] of values) lines.push(`${name}=${value!.includes(' ') ? JSON.stringify(value) : value}`);
  const text = lines.join('\n') + '\n';
  const prev = ws.read(ENV_FILE);
  if (prev) ws.write(ENV_FILE, prev, text);
  else ws.create(ENV_FILE, text);
}
