import { describe, expect, it } from 'vitest';
import { antRuns, antTargets, webappCopies } from '../trial/dockerfile-facts.js';
import { collidingNames } from '../trial/env-names.js';
import { javacErrors, newErrors } from '../trial/javac-check.js';
import { releaseFor } from '../trial/compile-check.js';
import { AWKWARD_VALUE, brokenOptions } from '../trial/catalina-run.js';

describe('trial: environment names that collide', () => {
  it('names the OS, the JVM, Tomcat, Mesos, Marathon and paasport as owners', () => {
    const found = collidingNames([
      'PATH',
      'HOME',
      'HOSTNAME',
      'JAVA_OPTS',
      'CATALINA_BASE',
      'JPDA_PORT',
      'MESOS_SANDBOX',
      'LIBPROCESS_IP',
      'MARATHON_APP_ID',
      'LOG_DIR',
    ]);
    expect(Object.fromEntries(found.map((c) => [c.name, c.owners]))).toEqual({
      PATH: ['the OS'],
      HOME: ['the OS'],
      HOSTNAME: ['the OS'],
      JAVA_OPTS: ['the JVM'],
      CATALINA_BASE: ['Tomcat'],
      JPDA_PORT: ['Tomcat'],
      MESOS_SANDBOX: ['Mesos'],
      LIBPROCESS_IP: ['Mesos'],
      MARATHON_APP_ID: ['Marathon'],
      LOG_DIR: ['paasport'],
    });
  });

  it('HOST belongs to Marathon and to paasport (its per-host log folder)', () => {
    expect(collidingNames(['HOST'])).toEqual([{ name: 'HOST', owners: ['Marathon', 'paasport'] }]);
  });

  it("takes Marathon's port variables, not every name that starts with PORT", () => {
    expect(collidingNames(['PORT', 'PORT0', 'PORT12', 'PORTS', 'PORT_HTTP']).map((c) => c.name)).toEqual([
      'PORT',
      'PORT0',
      'PORT12',
      'PORTS',
      'PORT_HTTP',
    ]);
    expect(collidingNames(['PORTAL_URL', 'DB_PORT', 'REPORT_DIR', 'JDBC_URL', 'REDIS_HOST'])).toEqual([]);
  });

  it('is exact about case and names each collision once', () => {
    expect(collidingNames(['path', 'Home', 'PATH', 'PATH'])).toEqual([{ name: 'PATH', owners: ['the OS'] }]);
  });
});

describe('trial: what a Dockerfile copies and runs', () => {
  const dockerfile = [
    'FROM debian:bookworm AS build',
    'WORKDIR /build',
    'RUN apt-get update \\',
    ' && apt-get install -y --no-install-recommends ant \\',
    ' && rm -rf /var/lib/apt/lists/*',
    'COPY . .',
    'RUN ant -Dskip.tests=true clean war',
    '',
    'FROM tomcat:9.0-jdk8-temurin',
    '# COPY old webapps/ROOT/',
    'COPY deploy/setenv.sh bin/setenv.sh',
    'COPY --chown=tomcat:tomcat website/ webapps/ROOT/',
    'COPY --from=build /build/dist/app webapps/app/',
    'COPY target/*.war webapps/ROOT.war',
  ].join('\n');

  it('finds the exploded webapp folders copied from the build context or a stage that holds it, not a WAR', () => {
    expect(webappCopies(dockerfile)).toEqual([
      { source: 'website', target: 'webapps/ROOT/' },
      { source: 'dist/app', target: 'webapps/app/', stage: 'build' },
    ]);
    const compiled =
      'FROM jdk AS build\nWORKDIR /build\nCOPY . .\nRUN javac\nFROM tomcat\nCOPY --from=build /build/WebRoot webapps/ROOT/\n';
    expect(webappCopies(compiled)).toEqual([{ source: 'WebRoot', target: 'webapps/ROOT/', stage: 'build' }]);
    expect(webappCopies('FROM jdk AS b\nRUN make\nFROM tomcat\nCOPY --from=b /out/app webapps/ROOT/\n')).toEqual([]);
  });

  it('takes the build context root when the Dockerfile copies "."', () => {
    expect(webappCopies('FROM tomcat\nCOPY . /usr/local/tomcat/webapps/shop/\n')).toEqual([
      { source: '.', target: '/usr/local/tomcat/webapps/shop/' },
    ]);
  });

  it('reads the targets of every ant command, options and their values left out', () => {
    expect(antRuns(dockerfile)).toEqual([{ buildFile: 'build.xml', targets: ['clean', 'war'] }]);
    expect(antRuns('RUN cd src && ant -f build/build.xml -lib lib dist')).toEqual([
      { buildFile: 'build/build.xml', targets: ['dist'] },
    ]);
    expect(antRuns('RUN mvn -B package\nRUN gradle war')).toEqual([]);
  });

  it("lists a build file's targets, commented-out ones left out", () => {
    const xml = [
      '<project name="forum" default="dist">',
      '  <target name="init"/>',
      "  <target depends='init' name='compile'>",
      '  </target>',
      '  <!-- <target name="war"/> -->',
      '  <target name="dist" depends="compile"></target>',
      '</project>',
    ].join('\n');
    expect(antTargets(xml)).toEqual(['init', 'compile', 'dist']);
  });
});

describe('trial: javac errors before and after fix', () => {
  it('keeps file and message, not the line, so an edit that moves lines adds no error', () => {
    const out = [
      '/app/src/a/B.java:12: error: cannot find symbol',
      '    foo();',
      '    ^',
      'src/a/C.java:3: error: package org.x does not exist',
      'error: invalid source release: 99',
      '2 errors',
    ].join('\n');
    expect(javacErrors(out, '/app')).toEqual([
      'src/a/B.java: cannot find symbol',
      'src/a/C.java: package org.x does not exist',
      'invalid source release: 99',
    ]);
  });

  it('counts an error that appears more often after fix as new', () => {
    const before = ['A.java: cannot find symbol', 'B.java: x'];
    const after = ['B.java: x', 'A.java: cannot find symbol', 'A.java: cannot find symbol', 'AppEnv.java: y'];
    expect(newErrors(before, after)).toEqual(['A.java: cannot find symbol', 'AppEnv.java: y']);
    expect(newErrors(after, before)).toEqual([]);
  });

  it("compiles for the app's Java release, 8 at least and 17 at most", () => {
    expect([releaseFor('1.4'), releaseFor('6'), releaseFor('1.8'), releaseFor('11'), releaseFor('21')]).toEqual([
      8, 8, 8, 11, 17,
    ]);
    expect(releaseFor(undefined)).toBe(8);
  });
});

describe('trial: options that reach java from catalina.sh', () => {
  it('finds an option cut at the semicolon or split at the space, not one that arrived whole', () => {
    expect(brokenOptions(['-Dfile.encoding=UTF-8', `-Djdbc.url=${AWKWARD_VALUE}`, 'org.apache.Bootstrap'])).toEqual([]);
    expect(brokenOptions(['-Djdbc.url=jdbc:sqlserver://db:1433', '-DLOG_DIR=/logs'])).toEqual([
      '-Djdbc.url=jdbc:sqlserver://db:1433',
    ]);
    expect(brokenOptions(['-Djdbc.url=jdbc:sqlserver://db:1433;SelectMethod=Cursor;user=app', 'user'])).toEqual([
      '-Djdbc.url=jdbc:sqlserver://db:1433;SelectMethod=Cursor;user=app',
    ]);
  });
});
