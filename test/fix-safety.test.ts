import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix, type FixRunOptions } from '../refactors/workflow.js';
import { commitAll, git } from './git-repo.js';
import { bundledRules, CLI, makeTree, removeTree } from './helpers.js';

const options = (extra: Partial<FixRunOptions> = {}): FixRunOptions => ({
  rules: bundledRules(),
  branch: 'paasport/stateless',
  dryRun: false,
  allowDirty: false,
  logs: 'volume',
  only: ['externalize-config'],
  ...extra,
});

const CONTEXT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans"\n' +
  '       xmlns:context="http://www.springframework.org/schema/context">\n' +
  '  <context:property-placeholder location="classpath:jdbc.properties"/>\n</beans>\n';
const JDBC = 'jdbc.url=jdbc:mysql://10.1.2.3:3306/crm\njdbc.password=Crm2015secret\n';

/** A small Spring app with its database settings, committed on main. */
function app(files: Record<string, string> = {}): string {
  const dir = makeTree({
    'src/main/resources/applicationContext.xml': CONTEXT,
    'src/main/resources/jdbc.properties': JDBC,
    ...files,
  });
  commitAll(dir);
  return dir;
}

describe('fix refuses to run while git waits in the middle of an operation', () => {
  it('a rebase stopped at `edit`: refused, and the rebase can still go on', async () => {
    const dir = app();
    try {
      writeFileSync(path.join(dir, 'README.md'), 'second\n');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'second');
      execFileSync('git', ['rebase', '-q', '-i', 'HEAD~1'], {
        cwd: dir,
        env: { ...process.env, GIT_SEQUENCE_EDITOR: "sed -i 's/^pick/edit/'" },
      });
      await expect(runFix(dir, options())).rejects.toThrow('a rebase is in progress in this repository');
      expect(git(dir, 'branch', '--list', 'paasport/stateless')).toBe('');
      git(dir, 'rebase', '--continue');
      expect(git(dir, 'log', '--format=%s', '-1')).toBe('second');
    } finally {
      removeTree(dir);
    }
  });

  it('a conflicted merge with --allow-dirty: refused, MERGE_HEAD kept, git merge --abort works', async () => {
    const dir = app();
    try {
      git(dir, 'checkout', '-q', '-b', 'other');
      writeFileSync(path.join(dir, 'src/main/resources/jdbc.properties'), JDBC + 'a=1\n');
      git(dir, 'commit', '-q', '-am', 'other');
      git(dir, 'checkout', '-q', 'main');
      writeFileSync(path.join(dir, 'src/main/resources/jdbc.properties'), JDBC + 'a=2\n');
      git(dir, 'commit', '-q', '-am', 'main');
      expect(() => git(dir, 'merge', '-q', 'other')).toThrow();
      await expect(runFix(dir, options({ allowDirty: true }))).rejects.toThrow('a merge is in progress');
      expect(existsSync(path.join(dir, '.git/MERGE_HEAD'))).toBe(true);
      git(dir, 'merge', '--abort');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
    }
  });
});

describe('fix refuses the other operations git can be stopped in, saying how to end them', () => {
  it('a cherry-pick stopped by a conflict, with --allow-dirty or not: refused; git cherry-pick --abort still works', async () => {
    const dir = app();
    try {
      git(dir, 'checkout', '-q', '-b', 'other');
      writeFileSync(path.join(dir, 'src/main/resources/jdbc.properties'), JDBC + 'a=1\n');
      git(dir, 'commit', '-q', '-am', 'other');
      git(dir, 'checkout', '-q', 'main');
      writeFileSync(path.join(dir, 'src/main/resources/jdbc.properties'), JDBC + 'a=2\n');
      git(dir, 'commit', '-q', '-am', 'main');
      expect(() => execFileSync('git', ['cherry-pick', 'other'], { cwd: dir, stdio: 'ignore' })).toThrow();
      for (const allowDirty of [false, true])
        await expect(runFix(dir, options({ allowDirty }))).rejects.toThrow(
          'a cherry-pick is in progress in this repository: end it first (git cherry-pick --continue, or ' +
            'git cherry-pick --abort)',
        );
      expect(existsSync(path.join(dir, '.git/CHERRY_PICK_HEAD'))).toBe(true);
      expect(git(dir, 'branch', '--list', 'paasport/stateless')).toBe('');
      git(dir, 'cherry-pick', '--abort');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
    }
  });

  it('a bisect: refused with git bisect reset as the way out, HEAD left where the bisect put it', () => {
    const dir = app();
    try {
      writeFileSync(path.join(dir, 'README.md'), 'second\n');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'second');
      git(dir, 'bisect', 'start', 'HEAD', 'HEAD~1');
      const head = git(dir, 'rev-parse', 'HEAD');
      const r = spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('a bisect is in progress in this repository: end it first (git bisect reset)');
      expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
      git(dir, 'bisect', 'reset');
      expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    } finally {
      removeTree(dir);
    }
  });
});

describe('a repository fix cannot commit to as it is: a clear usage error, or the part it cannot commit left alone', () => {
  it('a git submodule: its files are left alone and named, the app around it is fixed and committed', () => {
    const lib = app();
    const dir = app();
    try {
      execFileSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib/shared'], {
        cwd: dir,
        stdio: 'ignore',
      });
      git(dir, 'commit', '-q', '-m', 'shared settings');
      const r = spawnSync(process.execPath, [CLI, 'fix', dir, '--only', 'externalize-config'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('belong to a submodule (edit them where they really are): ');
      expect(r.stdout).toContain('lib/shared/src/main/resources/jdbc.properties');
      expect(git(dir, 'show', 'HEAD:src/main/resources/jdbc.properties')).toContain('jdbc.password=${JDBC_PASSWORD}');
      expect(readFileSync(path.join(dir, 'lib/shared/src/main/resources/jdbc.properties'), 'utf8')).toBe(JDBC);
      expect(git(path.join(dir, 'lib/shared'), 'status', '--porcelain')).toBe('');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
      removeTree(lib);
    }
  });

  it('a paasport.yaml that is not valid YAML, or not valid settings: exit 2 naming the file and the fault', () => {
    const cases: [string, string][] = [
      ['deploy: [\n  bad: : :\n', 'paasport.yaml: not valid YAML'],
      ['marathon:\n  instances: lots\n', 'paasport.yaml: /marathon/instances must be integer'],
    ];
    for (const [yaml, message] of cases) {
      const dir = app({ 'paasport.yaml': yaml });
      try {
        const r = spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' });
        expect(r.status, yaml).toBe(2);
        expect(r.stderr).toContain(message);
        expect(r.stderr).not.toContain('    at ');
        expect(git(dir, 'branch', '--list', 'paasport/stateless')).toBe('');
      } finally {
        removeTree(dir);
      }
    }
  });

  it('a stale .git/index.lock of a killed git: exit 2 saying which file to delete; once deleted, fix runs', () => {
    const dir = app();
    try {
      const lock = path.join(dir, '.git/index.lock');
      writeFileSync(lock, '');
      const r = spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`git's index is locked (${lock})`);
      expect(r.stderr).toContain('delete that file and run again');
      expect(r.stderr).not.toContain('    at ');
      expect(git(dir, 'branch', '--list', 'paasport/stateless')).toBe('');
      rmSync(lock);
      expect(spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' }).status).toBe(0);
    } finally {
      removeTree(dir);
    }
  });
});

describe('fix never writes through a symbolic link', () => {
  it('a committed jdbc.properties linked to a file outside the repository is left as it is, and named', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'paasport-outside-'));
    const target = path.join(outside, 'jdbc.properties');
    writeFileSync(target, JDBC);
    const dir = makeTree({ 'src/main/resources/applicationContext.xml': CONTEXT, 'mail.properties': 'x=1\n' });
    try {
      symlinkSync(target, path.join(dir, 'src/main/resources/jdbc.properties'));
      commitAll(dir);
      await runFix(dir, options()); // the scan does not follow the link out of the app either
      expect(readFileSync(target, 'utf8')).toBe(JDBC);
      expect(lstatSync(path.join(dir, 'src/main/resources/jdbc.properties')).isSymbolicLink()).toBe(true);
    } finally {
      removeTree(dir);
      removeTree(outside);
    }
  });

  it('a link to another file of the repository is left a link, and named; its target is fixed on its own', async () => {
    const dir = makeTree({ 'src/main/resources/applicationContext.xml': CONTEXT, 'config/jdbc.properties': JDBC });
    try {
      symlinkSync('../../../config/jdbc.properties', path.join(dir, 'src/main/resources/jdbc.properties'));
      commitAll(dir);
      const result = await runFix(dir, options());
      expect(result.skippedLinks).toEqual(['src/main/resources/jdbc.properties']);
      expect(lstatSync(path.join(dir, 'src/main/resources/jdbc.properties')).isSymbolicLink()).toBe(true);
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
    }
  });

  it('a .gitignore linked out of the repository: left as it is; the summary asks to ignore the env file', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'paasport-outside-'));
    writeFileSync(path.join(outside, 'gitignore'), 'target/\n');
    const dir = makeTree({
      'src/main/resources/applicationContext.xml': CONTEXT,
      'src/main/resources/jdbc.properties': JDBC,
    });
    try {
      symlinkSync(path.join(outside, 'gitignore'), path.join(dir, '.gitignore'));
      commitAll(dir);
      const r = spawnSync(process.execPath, [CLI, 'fix', dir, '--only', 'externalize-config'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(path.join(outside, 'gitignore'), 'utf8')).toBe('target/\n');
      expect(lstatSync(path.join(dir, '.gitignore')).isSymbolicLink()).toBe(true);
      expect(r.stdout).toMatch(/belong to a submodule \(edit them where they really are\): .gitignore/);
      expect(r.stdout).not.toContain('git-ignored'); // git never follows a linked .gitignore
      expect(r.stdout).toContain('Add .paasport.env to .gitignore');
      expect(readFileSync(path.join(dir, '.paasport.env'), 'utf8')).toContain('JDBC_PASSWORD=Crm2015secret');
      expect(git(dir, 'log', '--all', '--format=%h', '--', '.paasport.env')).toBe('');
    } finally {
      removeTree(dir);
      removeTree(outside);
    }
  });

  it('a .paasport.env that is a link: refused before anything is written, since the secrets would go nowhere', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'paasport-outside-'));
    writeFileSync(path.join(outside, 'env'), 'KEEP=1\n');
    const dir = makeTree({
      'src/main/resources/applicationContext.xml': CONTEXT,
      'src/main/resources/jdbc.properties': JDBC,
    });
    try {
      symlinkSync(path.join(outside, 'env'), path.join(dir, '.paasport.env'));
      commitAll(dir);
      const r = spawnSync(process.execPath, [CLI, 'fix', dir], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('.paasport.env is a symbolic link, or leads out of the repository');
      expect(r.stderr).toContain('Make it a regular file (or remove it), then run again.');
      expect(readFileSync(path.join(outside, 'env'), 'utf8')).toBe('KEEP=1\n');
      expect(git(dir, 'branch', '--list', 'paasport/stateless')).toBe('');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
      removeTree(outside);
    }
  });

  it('.paasport.env, which holds the secrets, is readable by its owner only', async () => {
    const dir = app();
    try {
      await runFix(dir, options());
      expect(readFileSync(path.join(dir, '.paasport.env'), 'utf8')).toContain('JDBC_PASSWORD=Crm2015secret');
      expect(statSync(path.join(dir, '.paasport.env')).mode & 0o777).toBe(0o600);
    } finally {
      removeTree(dir);
    }
  });

  it('fix --dry-run never prints a secret: not in removed lines, context lines, nor the env file', async () => {
    const dir = app({ 'src/main/resources/mail.properties': 'mail.host=smtp.acme.com\n# old: Crm2015secret\n' });
    try {
      const result = await runFix(dir, options({ dryRun: true }));
      expect(result.diff).toContain('-jdbc.password=****');
      expect(result.diff).toContain('+jdbc.password=${JDBC_PASSWORD}');
      expect(result.diff).not.toContain('Crm2015secret');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
    }
  });

  it('fix --dry-run masks a secret on a context line too, and the password of a secret JDBC URL where it stands alone', async () => {
    const jdbc =
      'jdbc.driver=com.mysql.jdbc.Driver\n# rotated from Crm2015secret in May\n' +
      'jdbc.url=jdbc:mysql://10.1.2.3:3306/crm?user=crm&password=UrlPw2015\njdbc.password=Crm2015secret\n' +
      '# backup: UrlPw2015\njdbc.pool=5\n';
    const dir = app({ 'src/main/resources/jdbc.properties': jdbc });
    try {
      const { diff } = await runFix(dir, options({ dryRun: true }));
      const hunk = diff!.slice(diff!.indexOf('+++ b/src/main/resources/jdbc.properties'));
      expect(hunk).toContain('\n # rotated from **** in May\n');
      expect(hunk).toContain('\n # backup: ****\n');
      expect(hunk).toContain('\n-jdbc.url=****\n');
      expect(diff).not.toContain('Crm2015secret');
      expect(diff).not.toContain('UrlPw2015');
      expect(git(dir, 'status', '--porcelain')).toBe('');
    } finally {
      removeTree(dir);
    }
  });

  it('a repository with no commit yet is a usage error that says what to do, --allow-dirty or not', async () => {
    const dir = makeTree({
      'src/main/resources/applicationContext.xml': CONTEXT,
      'src/main/resources/jdbc.properties': JDBC,
    });
    try {
      git(dir, 'init', '-q');
      for (const allowDirty of [false, true])
        await expect(runFix(dir, options({ allowDirty }))).rejects.toMatchObject({
          kind: 'usage',
          message: expect.stringContaining('the repository has no commit yet; commit the application first'),
        });
    } finally {
      removeTree(dir);
    }
  });

  it('a password inside a JDBC URL makes the whole URL a secret: no default in the sources nor in paasport.yaml', async () => {
    const urls = [
      'jdbc:mysql://10.1.2.3:3306/crm?user=crm&password=Url2015secret',
      'jdbc:sqlserver://10.1.2.4:1433;databaseName=erp;user=sa;password=Url2015secret;',
      'jdbc:oracle:thin:scott/Url2015secret@10.1.2.5:1521:orcl',
    ];
    for (const url of urls) {
      const dir = app({ 'src/main/resources/jdbc.properties': `jdbc.url=${url}\n` });
      try {
        await runFix(dir, options());
        const committed = git(dir, 'show', 'HEAD:src/main/resources/jdbc.properties');
        expect(committed, url).toBe('jdbc.url=${JDBC_URL}'); // git() trims
        expect(git(dir, 'show', 'HEAD:paasport.yaml'), url).not.toContain('Url2015secret');
        expect(readFileSync(path.join(dir, '.paasport.env'), 'utf8')).toContain(`JDBC_URL=${url}`);
      } finally {
        removeTree(dir);
      }
    }
  });

  it('assess masks the password of an Oracle URL (scott/tiger@host) in every format', () => {
    const dir = app({
      'src/main/resources/jdbc.properties': 'jdbc.url=jdbc:oracle:thin:scott/Url2015secret@10.1.2.5:1521:orcl\n',
    });
    try {
      for (const format of ['text', 'json', 'sarif', 'md', 'csv', 'html']) {
        const out = execFileSync(process.execPath, [CLI, 'assess', dir, '--format', format], { encoding: 'utf8' });
        expect(out, format).not.toContain('Url2015secret');
      }
    } finally {
      removeTree(dir);
    }
  });
});
