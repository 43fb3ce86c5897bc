import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import { PaasportError } from '../analyzers/errors.js';
import type { AppSettings } from '../analyzers/settings/types.js';
import { lintDockerfile } from '../generators/deploy/dockerfile-lint.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { bundledRules, makeTree, removeTree, ROOT } from './helpers.js';

/** The Dockerfile and DEPLOY.md that generate writes for the app in `dir` with `settings`. */
async function generated(dir: string, settings: AppSettings = {}) {
  const a = await assess(dir, bundledRules(), { threads: 0 });
  const files = generateArtifacts(a, settings, { outRel: 'deploy' }).files;
  const text = (name: string) => files.find((f) => f.name === name)!.text;
  return { dockerfile: text('Dockerfile'), runbook: text('DEPLOY.md') };
}

/** A tree made for one test, removed afterwards. */
async function withTree<T>(files: Record<string, string>, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTree(files);
  try {
    return await use(dir);
  } finally {
    removeTree(dir);
  }
}

const pom = (artifact: string, packaging: string, body = '') =>
  '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n' +
  '  <parent><groupId>org.example</groupId><artifactId>shop</artifactId><version>1.0</version></parent>\n' +
  `  <artifactId>${artifact}</artifactId>\n  <packaging>${packaging}</packaging>\n${body}</project>\n`;
const dependsOnCore =
  '  <dependencies><dependency><groupId>org.example</groupId><artifactId>core</artifactId>' +
  '<version>1.0</version></dependency></dependencies>\n';
const rootPom = (modules: string[]) =>
  '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n' +
  '  <groupId>org.example</groupId><artifactId>shop</artifactId><version>1.0</version>\n' +
  `  <packaging>pom</packaging>\n  <modules>${modules.map((m) => `<module>${m}</module>`).join('')}</modules>\n` +
  '</project>\n';
const SERVLET = 'package org.example.web;\n\npublic class Home extends javax.servlet.http.HttpServlet {}\n';
const WEB_XML = '<web-app version="3.0"/>\n';

/** A reactor of core (a jar) and two WAR modules, admin and web, both depending on core. */
const TWO_WARS = {
  'pom.xml': rootPom(['core', 'admin', 'web']),
  'core/pom.xml': pom('core', 'jar'),
  'core/src/main/java/org/example/core/Prices.java': 'package org.example.core;\n\npublic class Prices {}\n',
  'admin/pom.xml': pom('admin', 'war', dependsOnCore),
  'admin/src/main/java/org/example/web/Home.java': SERVLET,
  'admin/src/main/webapp/WEB-INF/web.xml': WEB_XML,
  'web/pom.xml': pom('web', 'war', dependsOnCore),
  'web/src/main/java/org/example/web/Home.java': SERVLET,
  'web/src/main/webapp/WEB-INF/web.xml': WEB_XML,
};

describe('generate: the build stage of a multi-module build builds and deploys the WAR module', () => {
  it('blog-reactor: the poms of the reactor first, then `-pl web -am`, and the WAR of web/target', async () => {
    const { dockerfile, runbook } = await generated(path.join(ROOT, 'fixtures/blog-reactor'));
    const lines = dockerfile.split('\n');
    // every module's pom before the dependency run, the whole tree only after it
    const poms = ['pom.xml .', 'core/pom.xml core/', 'db-utils/pom.xml db-utils/', 'web/pom.xml web/'];
    const warmUp = lines.indexOf('RUN mvn -B -q test-compile -pl web -am > /dev/null 2>&1 || true');
    expect(warmUp).toBeGreaterThan(0);
    for (const p of poms) {
      expect(lines.indexOf(`COPY ${p}`), p).toBeGreaterThan(0);
      expect(lines.indexOf(`COPY ${p}`), p).toBeLessThan(warmUp);
    }
    expect(lines.indexOf('COPY . .')).toBeGreaterThan(warmUp);
    expect(lines.indexOf('RUN mvn -B -q package -DskipTests -pl web -am')).toBeGreaterThan(lines.indexOf('COPY . .'));
    expect(dockerfile).toContain('COPY --from=build /build/web/target/*.war webapps/ROOT.war\n');
    // the root has no sources and no WAR of its own
    expect(dockerfile).not.toContain('COPY src ./src');
    expect(dockerfile).not.toContain('/build/target/');
    expect(dockerfile).not.toContain('dependency:resolve');
    expect(lintDockerfile(dockerfile)).toEqual([]);
    expect(runbook).toContain('The build stage builds the module `web/` and the modules it needs');
    expect(runbook).not.toContain('the first; set build.module');
  });

  it('a Gradle multi-project build runs the WAR task of its web subproject and copies web/build/libs', async () => {
    const { dockerfile } = await withTree(
      {
        'settings.gradle': "rootProject.name = 'shop'\ninclude 'core', 'web'\n",
        'build.gradle': "subprojects {\n  apply plugin: 'java'\n}\n",
        'core/build.gradle': "dependencies {\n  implementation 'org.slf4j:slf4j-api:1.7.36'\n}\n",
        'core/src/main/java/org/example/core/Prices.java': 'package org.example.core;\n\npublic class Prices {}\n',
        'web/build.gradle': "apply plugin: 'war'\n\ndependencies {\n  implementation project(':core')\n}\n",
        'web/src/main/java/org/example/web/Home.java': SERVLET,
        'web/src/main/webapp/WEB-INF/web.xml': WEB_XML,
      },
      generated,
    );
    expect(dockerfile).toMatch(/^FROM gradle:8\.5-jdk\d+ AS build$/m);
    expect(dockerfile).toContain('RUN gradle --no-daemon -q :web:war\n');
    expect(dockerfile).toContain('COPY --from=build /build/web/build/libs/*.war webapps/ROOT.war\n');
    expect(dockerfile).not.toContain('/build/build/libs/');
  });

  it('with two WAR modules it deploys the first in folder order and DEPLOY.md says how to choose', async () => {
    const { dockerfile, runbook } = await withTree(TWO_WARS, generated);
    expect(dockerfile).toContain('RUN mvn -B -q package -DskipTests -pl admin -am\n');
    expect(dockerfile).toContain('COPY --from=build /build/admin/target/*.war webapps/ROOT.war\n');
    expect(runbook).toContain(
      'the build has 2 WAR modules (admin/, web/): the image deploys admin/, the first; ' +
        'set build.module: <folder> in paasport.yaml to deploy another',
    );
  });

  it('build.module in paasport.yaml chooses the module; one that is not a module is refused', async () => {
    await withTree(TWO_WARS, async (dir) => {
      const { dockerfile, runbook } = await generated(dir, { build: { module: 'web/' } });
      expect(dockerfile).toContain('RUN mvn -B -q package -DskipTests -pl web -am\n');
      expect(dockerfile).toContain('COPY --from=build /build/web/target/*.war webapps/ROOT.war\n');
      expect(runbook).not.toContain('the build has 2 WAR modules');
      const wrong = generated(dir, { build: { module: 'site' } });
      await expect(wrong).rejects.toThrow(PaasportError);
      await expect(wrong).rejects.toThrow(/build\.module: site is not a module of the build \(its modules: \., admin/);
    });
  });

  it('a project of one module keeps its root build: pom and src/ copied, the WAR from target/', async () => {
    const { dockerfile } = await withTree(
      {
        'pom.xml': rootPom([]).replace('<packaging>pom</packaging>', '<packaging>war</packaging>'),
        'src/main/java/org/example/web/Home.java': SERVLET,
        'src/main/webapp/WEB-INF/web.xml': WEB_XML,
      },
      generated,
    );
    expect(dockerfile).toContain('COPY pom.xml .\nRUN mvn -B -q dependency:resolve\nCOPY src ./src\n');
    expect(dockerfile).toContain('RUN mvn -B -q package -DskipTests\n');
    expect(dockerfile).toContain('COPY --from=build /build/target/*.war webapps/ROOT.war\n');
    expect(dockerfile).not.toContain(' -pl ');
  });
});
