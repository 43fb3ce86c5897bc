import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { assessAll } from '../analyzers/assess/assess.js';
import { loadRules } from '../analyzers/engine/rule-load.js';
import { catalinaLogPatch } from '../generators/deploy/catalina-patch.js';
import { loadSettings } from '../analyzers/settings/paasport-yaml.js';
import type { AppSettings } from '../analyzers/settings/types.js';
import { resolveDefaults } from '../generators/deploy/defaults.js';
import { readFileFromImage } from '../platform/docker/docker-engine.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { marathonGroup, type MarathonVersion } from '../generators/deploy/marathon.js';
import { marathonValidators, validationErrors } from '../generators/deploy/marathon-schema.js';
import { appsFrom } from './app-refs.js';
import { writeFileAtomic } from './write-output.js';
import { PaasportError } from '../analyzers/errors.js';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
};

/** CLI flags win over paasport.yaml. */
function withFlags(c: AppSettings, o: Record<string, unknown>): AppSettings {
  const m = { ...c.marathon };
  if (o.marathonVersion) m.version = o.marathonVersion as MarathonVersion;
  for (const k of ['cpus', 'mem', 'instances', 'servicePort', 'vhost'] as const)
    if (o[k] !== undefined) (m as Record<string, unknown>)[k] = o[k];
  return {
    ...c,
    ...(o.baseImage ? { baseImage: o.baseImage as string } : {}),
    ...(o.contextPath ? { contextPath: o.contextPath as string } : {}),
    image: {
      ...c.image,
      ...(o.registry ? { registry: o.registry as string } : {}),
      ...(o.tag ? { tag: o.tag as string } : {}),
    },
    marathon: m,
  };
}

export function generateCommand(): Command {
  return new Command('generate')
    .description(
      'Write the deployment artifacts of an application: Dockerfile, setenv.sh, logging, session store config, Marathon app definition and a DEPLOY.md runbook.',
    )
    .argument('[apps...]', 'application folders')
    .option('--each <folder>', 'every sub-folder of this folder is an application')
    .option('--inventory <file>', 'the applications of an inventory YAML')
    .option(
      '--out <dir>',
      'output folder; for one app default <app>/deploy, for several one sub-folder each and a Marathon group',
    )
    .option('--config <file>', 'settings (default: paasport.yaml in the app folder, which paasport fix also writes)')
    .addOption(new Option('--marathon-version <v>', 'Marathon API format').choices(['1.1', '1.4', '1.5']))
    .option('--base-image <image>', 'base image instead of the recommended one')
    .option('--registry <host>', 'private registry the image is pushed to')
    .option('--tag <tag>', 'image tag (default: the build version)')
    .option('--context-path <path>', 'deploy under this context path instead of ROOT, e.g. /shop')
    .option('--cpus <n>', 'CPU shares for Marathon', positive)
    .option('--mem <MB>', 'memory for Marathon', positive)
    .option('--instances <n>', 'instances (1 while sessions stay in memory)', positive)
    .option('--service-port <port>', 'marathon-lb service port', positive)
    .option('--vhost <host>', 'marathon-lb virtual host')
    .option('--group <id>', 'Marathon group id when several apps are generated together', '/apps')
    .option('--with-store', 'also write a Redis or Memcached Marathon app for test environments')
    .option('--catalina-sh <file>', "the target Tomcat's catalina.sh: writes catalina-log.patch and the patched script")
    .option('--tomcat-dir <dir>', 'a Tomcat installation whose bin/catalina.sh to patch')
    .option('--catalina-from-image', 'read catalina.sh from the base image through the Docker engine (DOCKER_HOST)')
    .addHelpText(
      'after',
      `
The Dockerfile is built from the application folder:
  docker build -f deploy/Dockerfile -t IMAGE .

Exit codes: 0 done, 2 wrong usage or invalid settings.

Examples:
  paasport generate ./shop --vhost shop.example.com --registry registry.local:5000
  paasport generate ./shop --marathon-version 1.1 --catalina-sh /usr/share/tomcat9/bin/catalina.sh
  paasport generate --each ./apps --out ./deploy-all --group /retail`,
    )
    .action(async (paths: string[], opts) => {
      const refs = appsFrom(paths, opts);
      const rules = loadRules();
      const apps = await assessAll(refs, rules, { threads: undefined });
      const several = apps.length > 1;
      let catalina: { original: string; patched: string; patch: string } | undefined;
      const catalinaFile =
        opts.catalinaSh ?? (opts.tomcatDir ? path.join(opts.tomcatDir, 'bin/catalina.sh') : undefined);
      let catalinaText: string | undefined;
      let catalinaFrom = catalinaFile;
      if (catalinaFile) {
        if (!existsSync(catalinaFile)) throw new PaasportError(`${catalinaFile}: no such file`);
        catalinaText = readFileSync(catalinaFile, 'utf8');
      } else if (opts.catalinaFromImage) {
        const first = loadSettings(opts.config ?? path.join(path.resolve(refs[0].path), 'paasport.yaml'));
        const image = opts.baseImage ?? first.baseImage ?? resolveDefaults(first, apps[0]).baseImage;
        catalinaFrom = `${image}:/usr/local/tomcat/bin/catalina.sh`;
        catalinaText = await readFileFromImage(image, '/usr/local/tomcat/bin/catalina.sh', {
          onProgress: (l) => process.stderr.write(`\r\x1b[K${image}: ${l}`),
        });
      }
      if (catalinaText !== undefined) {
        catalina = catalinaLogPatch(catalinaText, catalinaFrom);
      }
      const written: string[] = [];
      const marathonApps: Record<string, unknown>[] = [];
      let version: MarathonVersion = '1.5';
      for (const a of apps) {
        const appDir = path.resolve(a.app.path);
        const out = path.resolve(
          opts.out ? (several ? path.join(opts.out, a.app.name) : opts.out) : path.join(appDir, 'deploy'),
        );
        let rel = path.relative(appDir, out).split(path.sep).join('/');
        const outside = rel.startsWith('..') || path.isAbsolute(rel);
        if (outside) rel = 'deploy';
        const config = withFlags(loadSettings(opts.config ?? path.join(appDir, 'paasport.yaml')), opts);
        version = (config.marathon?.version ?? '1.5') as MarathonVersion;
        const g = generateArtifacts(a, config, {
          outRel: rel,
          catalinaSh: catalina,
          version: a.build.version,
          withStore: !!opts.withStore,
        });
        mkdirSync(out, { recursive: true });
        for (const f of g.files) {
          await writeFileAtomic(path.join(out, f.name), f.text);
          written.push(path.join(out, f.name));
        }
        if (catalina) {
          await writeFileAtomic(path.join(out, 'catalina-log.patch'), catalina.patch);
          written.push(path.join(out, 'catalina-log.patch'));
        }
        if (outside)
          process.stderr.write(
            `${a.app.name}: ${out} is outside the application folder: copy it into the app as deploy/ before docker build\n`,
          );
        marathonApps.push(g.marathon);
      }
      if (several) {
        const group = marathonGroup(opts.group, marathonApps);
        const errors = validationErrors(marathonValidators(version).group, group);
        if (errors.length) throw new Error(`the Marathon group does not follow the schema: ${errors.join('; ')}`);
        const file = path.resolve(opts.out ?? '.', 'marathon-group.json');
        await writeFileAtomic(file, JSON.stringify(group, null, 2) + '\n');
        written.push(file);
      }
      process.stdout.write(
        `Wrote ${written.length} files:\n${written.map((w) => `  ${path.relative(process.cwd(), w) || w}`).join('\n')}\n`,
      );
    });
}
