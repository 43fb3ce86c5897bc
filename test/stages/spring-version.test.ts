import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../analyzers/collect.js';
import { technologyProfile } from '../../analyzers/assess/profile.js';
import { versionAtLeast } from '../../analyzers/assess/spring-version.js';
import { jarWithManifest, makeTree, removeTree } from '../helpers.js';

async function springOf(files: Record<string, string | Uint8Array>) {
  const dir = makeTree({ 'WEB-INF/applicationContext.xml': '<beans/>', ...files });
  try {
    return technologyProfile(await collectFacts(dir, { threads: 0 })).frameworks.find((f) => f.name === 'Spring');
  } finally {
    removeTree(dir);
  }
}

describe('the Spring version an app ships', () => {
  it('the single spring.jar of WEB-INF/lib is Spring 2.x, even when a versionless module comes first', async () => {
    const spring = await springOf({ 'WEB-INF/lib/spring-webmvc.jar': 'jar', 'WEB-INF/lib/spring.jar': 'jar' });
    expect(spring).toEqual({
      name: 'Spring',
      version: '2.x',
      evidence: { kind: 'file', ref: 'WEB-INF/lib/spring.jar' },
    });
  });

  it('spring-core-*.jar gives the version over other modules; Spring 3 distribution names count', async () => {
    expect(
      await springOf({ 'WEB-INF/lib/spring-aop-2.5.5.jar': 'jar', 'WEB-INF/lib/spring-core-2.5.6.SEC03.jar': 'jar' }),
    ).toMatchObject({ version: '2.5.6.SEC03', evidence: { ref: 'WEB-INF/lib/spring-core-2.5.6.SEC03.jar' } });
    expect(await springOf({ 'lib/org.springframework.core-3.0.5.RELEASE.jar': 'jar' })).toMatchObject({
      version: '3.0.5.RELEASE',
    });
  });

  it('a jar named without its version (spring-core.jar) gives the version its manifest states', async () => {
    const core = jarWithManifest('Implementation-Title: spring-core\nImplementation-Version: 2.5.6\n');
    expect(
      await springOf({ 'WEB-INF/lib/spring-core.jar': core, 'WEB-INF/lib/spring-beans.jar': 'not a zip' }),
    ).toEqual({ name: 'Spring', version: '2.5.6', evidence: { kind: 'file', ref: 'WEB-INF/lib/spring-core.jar' } });
    const bundle = jarWithManifest('Bundle-SymbolicName: org.springframework.core\nBundle-Version: 3.0.5.RELEASE\n');
    expect(await springOf({ 'WEB-INF/lib/org.springframework.core.jar': bundle })).toMatchObject({
      version: '3.0.5.RELEASE',
    });
  });

  it('a versionless jar that cannot be read (empty, not a zip) leaves the version unknown', async () => {
    const spring = await springOf({ 'WEB-INF/lib/spring-core.jar': '', 'WEB-INF/lib/spring-beans.jar': 'PK\x03' });
    expect(spring?.version).toBeUndefined();
  });

  it('from the pom (properties resolved) and from Gradle', async () => {
    const pom =
      '<project><properties><spring.version>5.3.31</spring.version></properties><dependencies>' +
      '<dependency><groupId>org.springframework</groupId><artifactId>spring-webmvc</artifactId>' +
      '<version>${spring.version}</version></dependency></dependencies></project>';
    expect(await springOf({ 'pom.xml': pom })).toMatchObject({ version: '5.3.31' });
    const gradle = "dependencies {\n  compile 'org.springframework:spring-context:3.2.18.RELEASE'\n}\n";
    expect(await springOf({ 'build.gradle': gradle })).toMatchObject({ version: '3.2.18.RELEASE' });
  });

  it('versions compare by their numbers', () => {
    expect(versionAtLeast('3.2.14.RELEASE', '3.2.14')).toBe(true);
    expect(versionAtLeast('3.2.9.RELEASE', '3.2.14')).toBe(false);
    expect(versionAtLeast('2.x', '3.0')).toBe(false);
    expect(versionAtLeast('4.3.30.RELEASE', '3.2.14')).toBe(true);
  });
});
