import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { bundledRules, removeTree, ROOT } from './helpers.js';

const SCAN_CONTEXT =
  '<beans xmlns="http://www.springframework.org/schema/beans"\n' +
  '       xmlns:context="http://www.springframework.org/schema/context">\n' +
  '  <context:component-scan base-package="com.acme"/>\n' +
  '</beans>\n';

/** A small webapp tree: web.xml of a Servlet version, the given files, and the jars named (empty stand-ins). */
function webapp(servlet: string, files: Record<string, string>, jars: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-base-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write('WebContent/WEB-INF/web.xml', `<web-app version="${servlet}"/>\n`);
  for (const jar of jars) write(`WebContent/WEB-INF/lib/${jar}`, 'stand-in');
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return dir;
}

async function baseImageOf(dir: string) {
  try {
    return (await assess(dir, bundledRules(), { threads: 0 })).baseImage;
  } finally {
    removeTree(dir);
  }
}

describe('base image: Spring 2.x scanning for components needs Java 7', () => {
  it('library-spring25 (spring.jar in WEB-INF/lib, a component-scan) runs on tomcat:7.0-jre7, and says why', async () => {
    const a = await assess(path.join(ROOT, 'fixtures/library-spring25'), bundledRules(), { threads: 0 });
    expect(a.baseImage.image).toBe('tomcat:7.0-jre7');
    expect(a.baseImage.reason.en).toContain('WebRoot/WEB-INF/lib/spring.jar');
    expect(a.baseImage.reason.en).toContain('<context:component-scan> (WebRoot/WEB-INF/applicationContext.xml:8)');
    expect(a.baseImage.reason.en).toContain('no security updates');
    expect(a.baseImage.reason['zh-CN']).toContain('Java 7');
    const deploy = generateArtifacts(a, {}, { outRel: 'deploy' }).files.find((f) => f.name === 'DEPLOY.md')!.text;
    expect(deploy).toContain('on `tomcat:7.0-jre7`');
    expect(deploy).toContain('fails on any JVM after 1.7');
  });

  it('spring-core-2.5.6.jar with Servlet 3.1 runs on tomcat:8.0-jre7', async () => {
    const dir = webapp('3.1', { 'WebContent/WEB-INF/applicationContext.xml': SCAN_CONTEXT }, [
      'spring-core-2.5.6.jar',
      'spring-context-2.5.6.jar',
    ]);
    expect((await baseImageOf(dir)).image).toBe('tomcat:8.0-jre7');
  });

  it('a Maven dependency on Spring 2.5.6 counts too', async () => {
    const pom =
      '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>b</artifactId>' +
      '<version>1</version><packaging>war</packaging><dependencies><dependency>' +
      '<groupId>org.springframework</groupId><artifactId>spring</artifactId><version>2.5.6</version>' +
      '</dependency></dependencies></project>\n';
    const dir = webapp('2.5', { 'pom.xml': pom, 'src/main/resources/applicationContext.xml': SCAN_CONTEXT }, []);
    expect((await baseImageOf(dir)).image).toBe('tomcat:7.0-jre7');
  });

  it('code compiled for Java 8 stays on Java 8 and the reason says Spring must be upgraded', async () => {
    const build =
      '<project name="x" default="dist"><target name="dist"><javac srcdir="src" target="1.8"/></target></project>\n';
    const dir = webapp('2.5', { 'build.xml': build, 'WebContent/WEB-INF/applicationContext.xml': SCAN_CONTEXT }, [
      'spring.jar',
    ]);
    const image = await baseImageOf(dir);
    expect(image.image).toBe('tomcat:9.0-jdk8-temurin');
    expect(image.reason.en).toContain('upgrade Spring to 3.2.9 or later');
  });

  it('no component-scan, or Spring 3 and later: the usual Tomcat 9 image', async () => {
    const noScan = webapp('2.4', { 'WebContent/WEB-INF/applicationContext.xml': '<beans/>\n' }, ['spring.jar']);
    expect((await baseImageOf(noScan)).image).toBe('tomcat:9.0-jdk8-temurin');
    const spring3 = webapp('2.5', { 'WebContent/WEB-INF/applicationContext.xml': SCAN_CONTEXT }, [
      'spring-core-3.2.18.RELEASE.jar',
    ]);
    expect((await baseImageOf(spring3)).image).toBe('tomcat:9.0-jdk8-temurin');
  });
});
