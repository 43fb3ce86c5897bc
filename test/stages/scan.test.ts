import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaasportError } from '../../analyzers/errors.js';
import { fileKind, scanTree } from '../../analyzers/read/scan.js';
import { makeTree, removeTree } from '../helpers.js';

const dirs: string[] = [];
function tree(files: Record<string, string | Uint8Array>): string {
  const dir = makeTree(files);
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  while (dirs.length) removeTree(dirs.pop()!);
});

const rels = (dir: string) => scanTree(dir).files.map((f) => f.rel);

describe('scanTree', () => {
  it('lists the text files it reads with their kind, in name order, and no other files', () => {
    const dir = tree({
      'src/b/B.java': 'class B {}',
      'src/a/A.java': 'class A {}',
      'WEB-INF/web.xml': '<web-app/>',
      'conf/app.properties': 'a=1',
      'web/index.jsp': '<%@ page %>',
      'web/app.js': 'var a;',
      'build.gradle': '',
      'conf/app.yaml': 'a: 1',
      'logo.png': new Uint8Array([0x89, 0x50]),
      README: 'no extension',
    });
    const out = scanTree(dir);
    expect(out.root).toBe(path.resolve(dir));
    expect(out.files.map((f) => [f.rel, f.kind])).toEqual([
      ['WEB-INF/web.xml', 'xml'],
      ['build.gradle', 'gradle'],
      ['conf/app.properties', 'properties'],
      ['conf/app.yaml', 'other'],
      ['src/a/A.java', 'java'],
      ['src/b/B.java', 'java'],
      ['web/app.js', 'js'],
      ['web/index.jsp', 'jsp'],
    ]);
    expect(out.files[0]).toMatchObject({ abs: path.join(path.resolve(dir), 'WEB-INF/web.xml'), size: 10 });
    expect(out.notices).toEqual([]);
  });

  it('file kinds by extension, whatever the case', () => {
    expect(['A.JAVA', 'b.Xml', 'c.jspf', 'd.kts', 'e.tld', 'f.class', 'g.txt'].map(fileKind)).toEqual([
      'java',
      'xml',
      'jsp',
      'other',
      'other',
      undefined,
      undefined,
    ]);
  });

  it('jars are listed apart, never read as files', () => {
    const dir = tree({ 'WEB-INF/lib/struts-1.3.10.jar': 'PK', 'lib/Other.JAR': 'PK', 'A.java': 'class A {}' });
    const out = scanTree(dir);
    expect(out.jars).toEqual(['WEB-INF/lib/struts-1.3.10.jar', 'lib/Other.JAR']);
    expect(out.files.map((f) => f.rel)).toEqual(['A.java']);
  });

  it('.gitignore files apply to their own folder and below, folders and files alike', () => {
    const dir = tree({
      '.gitignore': 'generated/\n*.bak.java\n!keep.bak.java\n',
      'generated/Gen.java': '',
      'src/generated/Deep.java': '',
      'src/Old.bak.java': '',
      'src/keep.bak.java': '',
      'sub/.gitignore': 'local.properties\n/only-here.xml\n',
      'sub/local.properties': '',
      'sub/deeper/local.properties': '',
      'sub/only-here.xml': '',
      'sub/deeper/only-here.xml': '',
      'other/local.properties': '',
    });
    expect(rels(dir)).toEqual(['other/local.properties', 'src/keep.bak.java', 'sub/deeper/only-here.xml']);
  });

  it('default excludes: version control, IDE and build output folders, dependencies, test sources', () => {
    const files: Record<string, string> = { 'src/main/java/A.java': '' };
    for (const d of ['.git', '.svn', 'CVS', '.idea', '.settings', 'node_modules', 'target', 'build', 'out', '.gradle'])
      files[`${d}/X.java`] = '';
    Object.assign(files, {
      'src/test/java/T.java': '',
      'module/src/test/T.java': '',
      'test/T.java': '',
      'tests/T.java': '',
      'src/main/java/test/Kept.java': '',
      'module/build/X.java': '',
    });
    expect(rels(tree(files))).toEqual(['src/main/java/A.java', 'src/main/java/test/Kept.java']);
  });

  it('a bundled Tomcat: only its conf/ is read, its jars are not dependencies, its version is known', () => {
    const dir = tree({
      'tomcat/bin/catalina.sh': '#!/bin/sh',
      'tomcat/conf/server.xml': '<Server/>',
      'tomcat/conf/logging.properties': 'handlers=x',
      'tomcat/lib/catalina.jar': 'PK',
      'tomcat/webapps/ROOT/WEB-INF/web.xml': '<web-app/>',
      'tomcat/logs/catalina.out.properties': '',
      'tomcat/RELEASE-NOTES': '                     Apache Tomcat Version 8.5.100\n',
      'apache-tomcat-7.0.109/bin/bootstrap.jar': 'PK',
      'apache-tomcat-7.0.109/conf/server.xml': '<Server/>',
      'src/A.java': '',
    });
    const out = scanTree(dir);
    expect(out.files.map((f) => f.rel)).toEqual([
      'apache-tomcat-7.0.109/conf/server.xml',
      'src/A.java',
      'tomcat/conf/logging.properties',
      'tomcat/conf/server.xml',
    ]);
    expect(out.jars).toEqual([]);
    expect(out.tomcats).toEqual([
      { dir: 'apache-tomcat-7.0.109', version: '7.0.109' },
      { dir: 'tomcat', version: '8.5.100' },
    ]);
    expect(out.notices).toEqual([
      { kind: 'excluded-tree', file: 'apache-tomcat-7.0.109' },
      { kind: 'excluded-tree', file: 'tomcat' },
    ]);
  });

  it('a folder with conf/server.xml but no Tomcat launcher is the application', () => {
    const dir = tree({ 'app/conf/server.xml': '<Server/>', 'app/lib/util.jar': 'PK', 'app/bin/run.sh': '' });
    const out = scanTree(dir);
    expect(out.tomcats).toEqual([]);
    expect(out.files.map((f) => f.rel)).toEqual(['app/bin/run.sh', 'app/conf/server.xml']);
    expect(out.jars).toEqual(['app/lib/util.jar']);
  });

  it('files above the size limit are left out with a notice giving both sizes', () => {
    const dir = tree({ 'Big.java': 'x'.repeat(3000), 'Small.java': 'x'.repeat(100) });
    const out = scanTree(dir, { maxFileSize: 2048 });
    expect(out.files.map((f) => f.rel)).toEqual(['Small.java']);
    expect(out.notices).toEqual([{ kind: 'too-large', file: 'Big.java', detail: '0.0 MB > 0.0 MB' }]);
    expect(scanTree(dir).files).toHaveLength(2); // 2 MB by default
  });

  it('symbolic links: followed once, loops and broken links give notices', () => {
    const dir = tree({ 'src/app/A.java': '', 'shared/S.java': '' });
    mkdirSync(path.join(dir, 'src/app/sub'));
    symlinkSync('..', path.join(dir, 'src/app/sub/back'));
    symlinkSync('self', path.join(dir, 'src/self'));
    symlinkSync('missing', path.join(dir, 'src/dangling'));
    symlinkSync(path.join(dir, 'shared'), path.join(dir, 'src/linked'));
    const out = scanTree(dir);
    expect(out.files.map((f) => f.rel)).toEqual(['shared/S.java', 'src/app/A.java', 'src/linked/S.java']);
    expect(out.notices).toEqual([
      { kind: 'symlink-loop', file: 'src/app/sub/back' },
      { kind: 'unreadable', file: 'src/dangling', detail: 'broken symbolic link' },
      { kind: 'symlink-loop', file: 'src/self' },
    ]);
  });

  it('a root that is not a folder, or is missing, is a usage error', () => {
    const dir = tree({ 'A.java': '' });
    for (const root of [path.join(dir, 'A.java'), path.join(dir, 'missing')]) {
      expect(() => scanTree(root)).toThrow(PaasportError);
      expect(() => scanTree(root)).toThrow(/is not a folder: pass the folder of the application/);
    }
  });
});
