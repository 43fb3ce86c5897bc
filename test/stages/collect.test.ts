import { describe, expect, it } from 'vitest';
import { collectFacts, type CollectOptions } from '../../analyzers/collect.js';
import { sourceLines } from '../../analyzers/read/source-lines.js';
import type { FileFacts } from '../../analyzers/types.js';
import { makeTree, removeTree } from '../helpers.js';

async function collect(files: Record<string, string | Uint8Array>, opts: CollectOptions = { threads: 0 }) {
  const dir = makeTree(files);
  try {
    return await collectFacts(dir, opts);
  } finally {
    removeTree(dir);
  }
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
// "中文" in GBK: also four valid ISO-8859-1 characters
const GBK_CHINESE = '\xd6\xd0\xce\xc4';

describe('collectFacts', () => {
  it("a script's text is not kept: its lines are read again, in the encoding it was read in, when a rule needs them", async () => {
    const dir = makeTree({ 'web/app.js': latin1(`// ${GBK_CHINESE}\nvar host = "10.0.0.1";\n`) });
    try {
      const p = await collectFacts(dir, { threads: 0 });
      const js = p.files.find((f) => f.file === 'web/app.js')!;
      expect(js).toEqual({ kind: 'text', file: 'web/app.js', fileKind: 'js', encoding: 'gbk' });
      expect(sourceLines(p)(js)).toEqual(['// 中文', 'var host = "10.0.0.1";', '']);
    } finally {
      removeTree(dir);
    }
  });

  it('every scanned file becomes facts of its kind, sorted by path', async () => {
    const p = await collect({
      'src/app/A.java': 'package app;\npublic class A {}\n',
      'WEB-INF/web.xml': '<web-app version="2.5"/>',
      'conf/app.properties': '# comment\nkey=value\n',
      'web/index.jsp': '<%-- hidden --%>\n<p>x</p>\n',
      'conf/app.json': '{\n  // note\n  "a": 1\n}\n',
      'conf/app.yaml': 'a: 1 # why\nspring:\n  datasource:\n    url: jdbc:x\n    hosts: [a, b]\n---\nempty:\n',
      'build.gradle': "// build\napply plugin: 'war'\n",
      'WEB-INF/lib/x-1.0.jar': 'PK',
    });
    const summary = (f: FileFacts) => [f.file, f.kind === 'text' ? f.fileKind : f.kind];
    expect(p.files.map(summary)).toEqual([
      ['WEB-INF/lib/x-1.0.jar', 'jar'],
      ['WEB-INF/web.xml', 'xml'],
      ['build.gradle', 'gradle'],
      ['conf/app.json', 'other'],
      ['conf/app.properties', 'properties'],
      ['conf/app.yaml', 'properties'],
      ['src/app/A.java', 'java'],
      ['web/index.jsp', 'jsp'],
    ]);
    const byFile = (name: string) => p.files.find((f) => f.file === name)!;
    const comments = (name: string) => {
      const f = byFile(name);
      return f.kind === 'java' ? [] : (f.comments ?? []).map((c) => [c.line, c.column, c.endLine, c.endColumn]);
    };
    expect(comments('web/index.jsp')).toEqual([[1, 1, 1, 17]]);
    expect(comments('conf/app.json')).toEqual([[2, 3, 2, 10]]); // JSON read with // comments
    expect(comments('conf/app.yaml')).toEqual([[1, 6, 1, 11]]);
    expect(comments('build.gradle')).toEqual([[1, 1, 1, 9]]);
    expect(comments('conf/app.properties')).toEqual([[1, 1, 1, 10]]);
    const props = byFile('conf/app.properties');
    expect(props.kind === 'properties' && props.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['key', 'value', 2],
    ]);
    // YAML: Spring Boot's flat keys, each at the line of its value, every document of the file
    const yaml = byFile('conf/app.yaml');
    expect(yaml.kind === 'properties' && yaml.entries.map((e) => [e.key, e.value, e.line, e.column])).toEqual([
      ['a', '1', 1, 4],
      ['spring.datasource.url', 'jdbc:x', 4, 10],
      ['spring.datasource.hosts[0]', 'a', 5, 13],
      ['spring.datasource.hosts[1]', 'b', 5, 16],
      ['empty', '', 7, 7],
    ]);
    const jar = byFile('WEB-INF/lib/x-1.0.jar');
    expect(jar).toEqual({ kind: 'text', file: 'WEB-INF/lib/x-1.0.jar', fileKind: 'jar', lines: [], comments: [] });
    expect(p.build.dependencies.map((d) => [d.artifact, d.version])).toEqual([['x', '1.0']]);
    expect(p.config.webXml.map((w) => [w.file, w.version])).toEqual([['WEB-INF/web.xml', '2.5']]);
    expect(p.notices).toEqual([]);
  });

  it('notices of every file, sorted by file: binary, stray bytes, parse errors', async () => {
    const utf8 = new TextEncoder().encode('# 数据库配置 用户 密码\n');
    const p = await collect({
      'b/broken.xml': '<a><b></a>',
      'a/blob.properties': new Uint8Array([0x61, 0, 0x62]),
      'c/mixed.properties': new Uint8Array([...utf8, 0x78, 0xe9, 0x0a]),
      'A.java': 'class A { void f( }',
    });
    expect(p.notices.map((n) => [n.file, n.kind])).toEqual([
      ['A.java', 'parse-error'],
      ['a/blob.properties', 'binary-skipped'],
      ['b/broken.xml', 'parse-error'],
      ['c/mixed.properties', 'encoding'],
    ]);
    expect(p.files.map((f) => f.file)).toEqual(['A.java', 'b/broken.xml', 'c/mixed.properties']);
  });

  it("Java files fall back on the build's source encoding; configuration files are detected", async () => {
    const files = {
      'pom.xml':
        '<project><properties><project.build.sourceEncoding>ISO-8859-1</project.build.sourceEncoding></properties></project>',
      'src/main/java/A.java': latin1(`class A { String s = "${GBK_CHINESE}"; }`),
      'src/main/resources/m.properties': latin1(`m=${GBK_CHINESE}\n`),
    };
    const p = await collect(files);
    const java = p.files.find((f) => f.kind === 'java');
    expect(java?.kind === 'java' && [java.encoding, java.strings[0].value]).toEqual(['iso-8859-1', 'ÖÐÎÄ']);
    const props = p.files.find((f) => f.kind === 'properties');
    expect(props?.kind === 'properties' && props.entries[0].value).toBe('中文');
    const { ['pom.xml']: _pom, ...withoutBuild } = files;
    const gbk = await collect(withoutBuild);
    const javaGbk = gbk.files.find((f) => f.kind === 'java');
    expect(javaGbk?.kind === 'java' && [javaGbk.encoding, javaGbk.strings[0].value]).toEqual(['gbk', '中文']);
  });

  it('an explicit encoding is used for every file', async () => {
    const p = await collect(
      { 'A.java': 'class A { String s = "中"; }', 'a.properties': 'k=中\n' },
      { threads: 0, encoding: 'iso-8859-1' },
    );
    const java = p.files.find((f) => f.kind === 'java');
    expect(java?.kind === 'java' && java.strings[0].value).toBe('ä¸\xad');
    const props = p.files.find((f) => f.kind === 'properties');
    expect(props?.kind === 'properties' && props.entries[0].value).toBe('ä¸\xad');
  });

  it('several webapps in one tree give a notice naming them', async () => {
    const p = await collect({
      'WEB-INF/web.xml': '<web-app/>',
      'admin/WEB-INF/web.xml': '<web-app/>',
      'shop/web/WEB-INF/web.xml': '<web-app/>',
    });
    expect(p.notices).toEqual([{ kind: 'several-webapps', detail: '., admin, shop/web' }]);
  });

  it('bundled Tomcats and progress per stage', async () => {
    const progress: string[] = [];
    const p = await collect(
      {
        'tomcat6/bin/catalina.sh': '',
        'tomcat6/conf/server.xml': '<Server><Cluster/></Server>',
        'A.java': 'class A {}',
        'B.java': 'class B {}',
      },
      { threads: 0, onProgress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`) },
    );
    expect(p.bundledTomcats).toEqual([{ dir: 'tomcat6', version: '6' }]);
    expect(p.config.tomcat.map((t) => [t.file, t.role])).toEqual([['tomcat6/conf/server.xml', 'server']]);
    expect(progress).toEqual(['config 1/1', 'java 2/2']);
  });
});
