import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { bundledRules, removeTree } from './helpers.js';

const SERVLET = '/usr/share/java/servlet-api.jar';

/** Writes a tree of files (a jar's content is a stand-in) into a new folder. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-build-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function dockerfileOf(dir: string): Promise<string> {
  const a = await assess(dir, bundledRules(), { threads: 0 });
  return generateArtifacts(a, {}, { outRel: 'deploy' }).files.find((f) => f.name === 'Dockerfile')!.text;
}

const WEB_XML = '<web-app version="2.5"><display-name>forum</display-name></web-app>\n';
const ACTION =
  'package com.forum.web;\n\nimport javax.servlet.http.HttpServlet;\n\n' +
  'public class TopicServlet extends HttpServlet {\n  private static final long serialVersionUID = 1L;\n}\n';

describe('the Dockerfile finds the webapp, the build target and the classes', () => {
  it('the webapp is the folder whose WEB-INF holds the jars, not a copy of web.xml among the sources', async () => {
    const dir = tree({
      'src/WEB-INF/web.xml': WEB_XML,
      'src/com/forum/web/TopicServlet.java': ACTION,
      'website/WEB-INF/web.xml': WEB_XML,
      'website/WEB-INF/lib/commons-lang-2.6.jar': 'stand-in',
      'website/index.jsp': '<html></html>\n',
    });
    try {
      const docker = await dockerfileOf(dir);
      expect(docker).toContain('COPY --from=build /build/website webapps/ROOT/');
      expect(docker).toContain('-d website/WEB-INF/classes');
      expect(docker).not.toMatch(/COPY (--from=build \/build\/)?src webapps/);
    } finally {
      removeTree(dir);
    }
  });

  it('an Ant build runs the target that holds <war> and copies the WAR from where its properties put it', async () => {
    const dir = tree({
      'build.xml':
        '<project name="forum" default="compile">\n' +
        '  <property name="dist.dir" value="release"/>\n' +
        '  <target name="compile"><javac srcdir="src" destdir="website/WEB-INF/classes"/></target>\n' +
        '  <target name="dist" depends="compile"><war destfile="${dist.dir}/forum.war" basedir="website"/></target>\n' +
        '</project>\n',
      'src/com/forum/web/TopicServlet.java': ACTION,
      'website/WEB-INF/web.xml': WEB_XML,
    });
    try {
      const docker = await dockerfileOf(dir);
      expect(docker).toContain('RUN ant dist\n');
      expect(docker).not.toContain('ant war');
      expect(docker).toContain('COPY --from=build /build/release/forum.war webapps/ROOT.war');
    } finally {
      removeTree(dir);
    }
  });

  it('an Ant build that makes no WAR (it compiles in place) is replaced by the compile stage', async () => {
    const dir = tree({
      'build.xml':
        '<project name="agent" default="build">\n' +
        '  <property name="tomcat.home" value="D:\\\\apache-tomcat-5.5.26"/>\n' +
        '  <target name="build"><javac srcdir="src" destdir="WebRoot/WEB-INF/classes"/></target>\n' +
        '</project>\n',
      'src/com/forum/web/TopicServlet.java': ACTION,
      'WebRoot/WEB-INF/web.xml': WEB_XML,
    });
    try {
      const docker = await dockerfileOf(dir);
      expect(docker).not.toContain('RUN ant');
      expect(docker).toContain('-d WebRoot/WEB-INF/classes');
      expect(docker).toContain('COPY --from=build /build/WebRoot webapps/ROOT/');
    } finally {
      removeTree(dir);
    }
  });

  it("an exploded webapp without a build file gets its classes compiled, and the stage's commands really do it", async () => {
    const dir = tree({
      'src/com/forum/web/TopicServlet.java': ACTION,
      'src/messages.properties': 'title=Forum\n',
      'WebRoot/WEB-INF/web.xml': WEB_XML,
    });
    const lib = mkdtempSync(path.join(os.tmpdir(), 'paasport-tomcat-lib-'));
    try {
      const docker = await dockerfileOf(dir);
      expect(docker).toContain('COPY --from=tomcat:9.0-jdk8-temurin /usr/local/tomcat/lib /tomcat/lib');
      expect(docker).toContain('COPY --from=build /build/WebRoot webapps/ROOT/');
      // the RUN of the build stage, with Tomcat's lib/ and the list of sources in folders of this test
      const run = /^RUN (mkdir[\s\S]*?-delete)$/m.exec(docker)![1].replace(/\\\n/g, '');
      symlinkSync(SERVLET, path.join(lib, 'servlet-api.jar'));
      const build = path.join(lib, 'build');
      cpSync(dir, build, { recursive: true });
      const script = run.replaceAll('/tomcat/lib', lib).replaceAll('/tmp/sources', path.join(lib, 'sources'));
      execFileSync('sh', ['-c', script], { cwd: build, stdio: 'pipe' });
      const classes = path.join(build, 'WebRoot/WEB-INF/classes');
      expect(existsSync(path.join(classes, 'com/forum/web/TopicServlet.class'))).toBe(true);
      expect(readFileSync(path.join(classes, 'messages.properties'), 'utf8')).toBe('title=Forum\n');
      expect(existsSync(path.join(classes, 'com/forum/web/TopicServlet.java'))).toBe(false);
    } finally {
      removeTree(dir);
      removeTree(lib);
    }
  });
});
