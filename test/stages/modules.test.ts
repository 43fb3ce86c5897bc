import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '../../analyzers/assess/assess.js';
import { judge } from '../../analyzers/assess/verdict.js';
import { htmlReport } from '../../generators/reports/report-html.js';
import { jsonReport } from '../../generators/reports/report-json.js';
import { sarifReport } from '../../generators/reports/report-sarif.js';
import { textReport } from '../../generators/reports/report-text.js';
import { planFixes } from '../../refactors/plan.js';
import { bundledRules, makeTree, removeTree, ROOT } from '../helpers.js';

const REACTOR = path.join(ROOT, 'fixtures', 'blog-reactor');
const trees: string[] = [];
const tree = (files: Record<string, string>) => {
  const dir = makeTree(files);
  trees.push(dir);
  return dir;
};
afterEach(() => trees.splice(0).forEach(removeTree));

describe('the deployable app: a Maven reactor', () => {
  it('says which modules end up in the WAR and why the others do not', async () => {
    const a = await assess(REACTOR, bundledRules(), { threads: 0 });
    expect(a.build.modules?.map((m) => [m.dir, m.scope, m.why])).toEqual([
      ['', 'build', 'a parent or aggregator POM: build settings only'],
      ['core', 'app', 'a run-time dependency of blog-web'],
      ['db-utils', 'build', 'used by a build plugin of blog-web'],
      ['exporter', 'tool', 'not a run-time dependency of the deployed modules'],
      ['selenium-it', 'test', 'the folder selenium-it/ holds tests'],
      ['web', 'app', 'packaged as a WAR'],
    ]);
  });

  it('a Derby server started by a test helper of the build does not make the app "not recommended"', async () => {
    const a = await assess(REACTOR, bundledRules(), { threads: 0 });
    const derby = a.findings.find((f) => f.ruleId === 'embedded-server');
    expect(derby).toMatchObject({ scope: 'test', category: 'mandatory' });
    expect(a.verdict.class).toBe('refactor');
    // the score and effort are those of the deployed app's findings alone
    expect(a.verdict).toEqual(judge(a.findings.filter((f) => !f.scope)));
    expect(a.verdict.blockers.map((b) => b.ruleId)).toEqual(['static-mutable-state', 'session-attribute-write']);
  });

  it('a package named tools inside the WAR ships like any other; a JDBC URL in a dev plugin of the POM is build', async () => {
    const a = await assess(REACTOR, bundledRules(), { threads: 0 });
    expect(a.findings.find((f) => f.file.endsWith('SlugTools.java'))?.scope).toBeUndefined();
    // a class of the WAR run from the command line: what its main() writes is a tool's
    expect(a.findings.filter((f) => f.file.endsWith('SitemapWriter.java')).map((f) => f.scope)).toEqual([
      'tool',
      'tool',
    ]);
    expect(a.findings.find((f) => f.file === 'web/pom.xml')).toMatchObject({
      ruleId: 'hardcoded-jdbc-url',
      scope: 'build',
    });
  });

  it('the reports show the module tree and list what is outside the app apart, without counting it', async () => {
    const a = await assess(REACTOR, bundledRules(), { threads: 0 });
    const text = textReport([a]);
    expect(text).toContain('Modules:\n  ./ (pom) — build: a parent or aggregator POM: build settings only\n');
    expect(text).toContain('  db-utils/ (jar) — build: used by a build plugin of blog-web\n');
    expect(text).toContain('== Outside the deployed app, not counted (10) ==\n');
    expect(text).toContain('  [docs] hardcoded-credential  docs/examples/blog-custom.properties:3:');
    expect(text).toContain('Findings: 3 (0 mandatory, 3 optional, 0 potential)');
    const html = htmlReport([a], bundledRules());
    expect(html).toContain('<li>db-utils/ (jar) — build: used by a build plugin of blog-web</li>');
    expect(
      html.match(/<span class="badge scope" title="Outside the deployed app, not counted">tool<\/span>/g),
    ).toHaveLength(4);
    // the cards count the deployed app's findings only: 0 mandatory although the test helper's Derby is mandatory
    expect(html).toMatch(/<div class="k">mandatory<\/div><div class="v">0<\/div>/);
    const sarif = JSON.parse(sarifReport([a], bundledRules()));
    const derby = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'embedded-server');
    expect(derby).toMatchObject({ level: 'note', properties: { scope: 'test' } });
    const json = JSON.parse(jsonReport([a]));
    expect(json.summary).toMatchObject({ findings: 3, outsideApp: 10 });
    expect(json.app.build.modules).toHaveLength(6);
    expect(json.findings.filter((f: { scope?: string }) => f.scope === 'tool')).toHaveLength(4);
  });

  it('fix leaves files outside the deployed app alone (the sample configuration in docs/ keeps its values)', async () => {
    const plan = await planFixes(REACTOR, bundledRules(), { logs: 'volume' });
    const changed = plan.fixes.flatMap((f) => f.changes.map((c) => c.file));
    expect(changed.filter((f) => f.startsWith('docs/') || f.startsWith('exporter/') || f === 'web/pom.xml')).toEqual(
      [],
    );
  });
});

describe('the deployable app: Gradle subprojects and single projects', () => {
  it('follows project() dependencies from the war subproject; a test-only dependency does not ship', async () => {
    const dir = tree({
      'settings.gradle': "rootProject.name = 'shop'\ninclude 'web', 'shared', ':loadtest'\n",
      'build.gradle': 'allprojects { repositories { mavenCentral() } }\n',
      'web/build.gradle':
        "plugins { id 'war' }\ndependencies {\n  implementation project(':shared')\n  testImplementation project(':loadtest')\n}\n",
      'shared/build.gradle': "plugins { id 'java-library' }\n",
      'shared/src/main/java/shop/Cache.java':
        'package shop;\nimport java.util.*;\npublic class Cache {\n  static Map<String, Object> m = new HashMap<>();\n  public static void put(String k, Object v) { m.put(k, v); }\n}\n',
      'loadtest/build.gradle': "plugins { id 'application' }\n",
      'loadtest/src/main/java/shop/Load.java':
        'package shop;\nimport java.io.*;\npublic class Load {\n  public static void main(String[] a) throws IOException { new FileWriter("/tmp/load.log").close(); }\n}\n',
    });
    const a = await assess(dir, bundledRules(), { threads: 0 });
    expect(a.build.modules?.map((m) => [m.dir, m.scope])).toEqual([
      ['', 'build'],
      ['loadtest', 'tool'],
      ['shared', 'app'],
      ['web', 'app'],
    ]);
    expect(a.findings.filter((f) => f.file.startsWith('shared/')).map((f) => f.scope)).toEqual([undefined]);
    expect(a.findings.filter((f) => f.file.startsWith('loadtest/')).every((f) => f.scope === 'tool')).toBe(true);
  });

  it('a project with one build file is one module, all of it the app, except folders of docs and examples', async () => {
    const dir = tree({
      'pom.xml':
        '<project><modelVersion>4.0.0</modelVersion><artifactId>one</artifactId><packaging>war</packaging></project>',
      'src/main/resources/db.properties': 'url=jdbc:mysql://10.0.0.9/app\n',
      'examples/db.properties': 'url=jdbc:mysql://10.0.0.8/sample\n',
    });
    const a = await assess(dir, bundledRules(), { threads: 0 });
    expect(a.build.modules).toEqual([{ dir: '', name: 'one', packaging: 'war', scope: 'app', why: 'the application' }]);
    expect(a.findings.map((f) => [f.file, f.scope])).toEqual([
      ['examples/db.properties', 'docs'],
      ['src/main/resources/db.properties', undefined],
    ]);
  });
});

describe('a second webapp that is not the app: the project web site', () => {
  const WEB_XML = '<?xml version="1.0"?>\n<web-app version="2.4"></web-app>\n';
  const SESSION_JSP = '<% session.setAttribute("page", request.getParameter("p")); %>\n';
  const antWar = (fileset: string) =>
    '<project name="board" default="dist"><property name="web.dir" value="."/>\n' +
    `<target name="dist"><war destfile="dist/board.war" webxml="WEB-INF/web.xml">${fileset}</war></target></project>\n`;
  const scopes = (a: { findings: { file: string; scope?: string }[] }) =>
    a.findings.map((f) => [f.file, f.scope ?? 'app']);

  it('a webapp of its own inside the app that the Ant WAR leaves out is docs, and the report says why', async () => {
    const a = await assess(path.join(ROOT, 'fixtures', 'board-with-site'), bundledRules(), { threads: 0 });
    expect(a.build.modules?.map((m) => [m.dir, m.scope, m.why])).toEqual([
      ['', 'app', 'the application'],
      [
        'www/website',
        'docs',
        "a webapp of its own (www/website/WEB-INF/web.xml) inside the webapp at ./ that build.xml's WAR leaves out",
      ],
    ]);
    expect(textReport([a])).toContain(
      '  www/website/ — docs: a webapp of its own (www/website/WEB-INF/web.xml) inside the webapp at ./',
    );
    // the verdict is that of the board's own finding
    expect(a.verdict).toEqual(judge(a.findings.filter((f) => !f.scope)));
    expect(a.findings.filter((f) => !f.scope).map((f) => f.file)).toEqual(['src/com/board/LoginServlet.java']);
  });

  it('fix configures the board webapp only: the web site keeps its web.xml and gets no context.xml', async () => {
    const plan = await planFixes(path.join(ROOT, 'fixtures', 'board-with-site'), bundledRules(), { logs: 'volume' });
    const changed = plan.fixes.flatMap((f) => f.changes.map((c) => c.file));
    expect(changed).toContain('META-INF/context.xml');
    expect(changed.filter((f) => f.startsWith('www/'))).toEqual([]);
  });

  it('a nested webapp the WAR takes whole (basedir, or a pattern matching its pages) stays the app', async () => {
    for (const war of [
      '<fileset dir="${web.dir}"><include name="**/*.jsp"/></fileset>',
      '<fileset dir="${web.dir}"><exclude name="tmp/"/></fileset>',
    ]) {
      const dir = tree({
        'build.xml': antWar(war),
        'WEB-INF/web.xml': WEB_XML,
        'admin/WEB-INF/web.xml': WEB_XML,
        'admin/edit.jsp': SESSION_JSP,
      });
      const a = await assess(dir, bundledRules(), { threads: 0 });
      expect(a.build.modules).toBeUndefined();
      expect(scopes(a)).toEqual([['admin/edit.jsp', 'app']]);
    }
  });

  it('an exclude of the folder in the WAR makes it docs, whatever its name', async () => {
    const dir = tree({
      'build.xml': antWar('<fileset dir="${web.dir}"><include name="**/*"/><exclude name="wiki/"/></fileset>'),
      'WEB-INF/web.xml': WEB_XML,
      'wiki/WEB-INF/web.xml': WEB_XML,
      'wiki/edit.jsp': SESSION_JSP,
    });
    const a = await assess(dir, bundledRules(), { threads: 0 });
    expect(scopes(a)).toEqual([['wiki/edit.jsp', 'docs']]);
  });

  it('without an Ant WAR, a webapp in a folder named like a web site beside the app is docs', async () => {
    const dir = tree({
      'WebRoot/WEB-INF/web.xml': WEB_XML,
      'WebRoot/index.jsp': SESSION_JSP,
      'homepage/WEB-INF/web.xml': WEB_XML,
      'homepage/news.jsp': SESSION_JSP,
    });
    const a = await assess(dir, bundledRules(), { threads: 0 });
    expect(a.build.modules?.map((m) => [m.dir, m.scope, m.why])).toEqual([
      ['', 'app', 'the application'],
      [
        'homepage',
        'docs',
        'a webapp of its own (homepage/WEB-INF/web.xml) in the folder homepage/: a web site beside the app at WebRoot/',
      ],
    ]);
    expect(scopes(a)).toEqual([
      ['WebRoot/index.jsp', 'app'],
      ['homepage/news.jsp', 'docs'],
    ]);
  });

  it('a lone webapp in www/ or WebRoot/ is the app', async () => {
    for (const root of ['www', 'WebRoot', 'website']) {
      const dir = tree({ [`${root}/WEB-INF/web.xml`]: WEB_XML, [`${root}/edit.jsp`]: SESSION_JSP });
      const a = await assess(dir, bundledRules(), { threads: 0 });
      expect(a.build.modules).toBeUndefined();
      expect(scopes(a)).toEqual([[`${root}/edit.jsp`, 'app']]);
    }
  });
});
