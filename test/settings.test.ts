import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { PaasportError } from '../analyzers/errors.js';
import { ENV_FILE, loadSettings, parseSettings, SETTINGS_FILE } from '../analyzers/settings/paasport-yaml.js';
import { addEnv, emptyRecord, envValue, loadRecord, writeEnvFile, writeRecord } from '../refactors/record.js';
import { Workspace } from '../refactors/workspace.js';
import { makeTree, removeTree, ROOT } from './helpers.js';

const text = (ws: Workspace, file: string) => new TextDecoder().decode(ws.bytes(file));

describe('paasport.yaml: one model, one loader, one schema', () => {
  it('no file means no settings; a file is validated against the schema it names', () => {
    expect(loadSettings(undefined)).toEqual({});
    expect(loadSettings('/nonexistent/paasport.yaml')).toEqual({});
    const ok = parseSettings('marathon:\n  version: "1.1"\n  cpus: 0.5\nenv:\n  - name: DB_URL\n    default: x\n', 'p');
    expect(ok).toEqual({ marathon: { version: '1.1', cpus: 0.5 }, env: [{ name: 'DB_URL', default: 'x' }] });
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'analyzers/settings/paasport-yaml.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties)).toContain('sessionStore');
  });

  it('refuses broken YAML and settings outside the schema, naming the file and the place', () => {
    expect(() => parseSettings('env: [', 'app/paasport.yaml')).toThrow(/app\/paasport.yaml: not valid YAML/);
    const bad = () => parseSettings('marathon:\n  cpus: lots\n', 'app/paasport.yaml');
    expect(bad).toThrow(PaasportError);
    expect(bad).toThrow(/app\/paasport.yaml: \/marathon\/cpus must be number.*paasport-yaml.schema.json/);
    expect(() => parseSettings('env:\n  - name: "not a name"\n', 'p')).toThrow(/\/env\/0\/name must match pattern/);
    // setenv.sh puts these on a shell line: a variable with a plain default is all a value may read
    const props = (value: string) => parseSettings(`javaSystemProperties:\n  db.url: '${value}'\n`, 'p');
    expect(props('${JDBC_URL:-jdbc:mysql://db:3306/shop?a=1&b=2}').javaSystemProperties).toEqual({
      'db.url': '${JDBC_URL:-jdbc:mysql://db:3306/shop?a=1&b=2}',
    });
    expect(props('UTF-8 ${HOST}').javaSystemProperties?.['db.url']).toBe('UTF-8 ${HOST}');
    for (const code of ['$(id)', '`id`', '${X:-$(id)}', '$HOME', '${X:-`id`}'])
      expect(() => props(code), code).toThrow(/javaSystemProperties\/db\.url must match pattern/);
    expect(() => parseSettings("javaSystemProperties:\n  'a;id': x\n", 'p')).toThrow(/javaSystemProperties/);
  });

  it('the fixes record plain values as defaults and secrets only in the git-ignored env file', () => {
    const dir = makeTree({ 'README.md': 'app\n' });
    try {
      const ws = new Workspace(dir);
      const record = emptyRecord();
      addEnv(record, { name: 'DB_URL', value: 'jdbc:mysql://10.0.0.5/shop', secret: false, usedBy: ['a.properties'] });
      addEnv(record, { name: 'DB_PASSWORD', value: 'S3cret!', secret: true, usedBy: ['a.properties'] });
      // found again as a secret by another rule: its value leaves the committed file
      addEnv(record, { name: 'API_TOKEN', value: 'tok-123', secret: false, usedBy: ['B.java'] });
      addEnv(record, { name: 'API_TOKEN', value: 'tok-123', secret: true, usedBy: ['C.java'] });
      writeRecord(ws, record);
      writeEnvFile(ws, record);
      const yaml = text(ws, SETTINGS_FILE);
      expect(yaml).not.toContain('S3cret!');
      expect(yaml).not.toContain('tok-123');
      expect(parseSettings(yaml, SETTINGS_FILE).env).toEqual([
        { name: 'DB_URL', secret: false, usedBy: ['a.properties'], default: 'jdbc:mysql://10.0.0.5/shop' },
        { name: 'DB_PASSWORD', secret: true, usedBy: ['a.properties'] },
        { name: 'API_TOKEN', secret: true, usedBy: ['B.java', 'C.java'] },
      ]);
      expect(text(ws, ENV_FILE).split('\n').slice(1, 4)).toEqual([
        'DB_URL=jdbc:mysql://10.0.0.5/shop',
        'DB_PASSWORD=S3cret!',
        'API_TOKEN=tok-123',
      ]);
      expect(text(ws, '.gitignore')).toBe(`${ENV_FILE}\n`);
    } finally {
      removeTree(dir);
    }
  });

  it('a second run reads the settings back and keeps a person’s own keys and comments', () => {
    const own = '# ours\nmarathon:\n  vhost: shop.example.com # public name\nenv:\n  - name: OLD\n    default: "1"\n';
    const dir = makeTree({ [SETTINGS_FILE]: own });
    try {
      const ws = new Workspace(dir);
      const record = loadRecord(ws);
      expect(envValue(record, record.env[0])).toBe('1');
      addEnv(record, { name: 'NEW', value: '2', secret: false, usedBy: ['x'] });
      writeRecord(ws, record);
      const yaml = text(ws, SETTINGS_FILE);
      expect(yaml).toContain('# ours');
      expect(yaml).toContain('vhost: shop.example.com # public name');
      expect(YAML.parse(yaml).env.map((e: { name: string }) => e.name)).toEqual(['OLD', 'NEW']);
    } finally {
      removeTree(dir);
    }
  });
});
