import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnvClass } from '../../refactors/edit/app-env.js';
import { makeTree, removeTree } from '../helpers.js';

describe('AppEnv, the helper the rewritten Java calls', () => {
  it('a secret read into a static final field that is not set: the class loads, the value is empty, a warning names it; a folder ends with a separator', () => {
    const dir = makeTree({
      'com/acme/AppEnv.java': appEnvClass('com.acme'),
      'com/acme/Mailer.java':
        'package com.acme;\n\npublic class Mailer {\n' +
        '    static final String PASSWORD = com.acme.AppEnv.get("MAILER_PASSWORD_NOT_SET");\n' +
        '    static final String HOST = com.acme.AppEnv.get("MAILER_HOST_NOT_SET", "10.1.2.3");\n\n' +
        '    public static void main(String[] args) {\n' +
        '        System.out.println("[" + PASSWORD + "] " + HOST);\n' +
        '        System.out.println(com.acme.AppEnv.dir("FILES_DIR_NOT_SET", "/srv/app/") + "upload/");\n' +
        '        System.out.println(com.acme.AppEnv.dir("MAILER_FILES_DIR", "/srv/app/") + "upload/");\n    }\n}\n',
    });
    try {
      const javac = spawnSync('javac', ['-d', dir, ...['AppEnv', 'Mailer'].map((c) => `com/acme/${c}.java`)], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(javac.stderr).toBe('');
      const unset = Object.entries(process.env).filter(([k]) => !k.endsWith('_NOT_SET'));
      const env = { ...Object.fromEntries(unset), MAILER_FILES_DIR: '/data/files' };
      const run = spawnSync('java', ['-cp', dir, 'com.acme.Mailer'], { cwd: path.dirname(dir), env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe('[] 10.1.2.3\n/srv/app/upload/\n/data/files/upload/\n');
      expect(run.stderr).toContain('The environment variable MAILER_PASSWORD_NOT_SET is not set');
    } finally {
      removeTree(dir);
    }
  }, 30_000);
});
