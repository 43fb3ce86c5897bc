import type { Assessment } from '../../analyzers/assess/assess.js';
import { PaasportError } from '../../analyzers/errors.js';
import { ENV_FILE } from '../../analyzers/settings/paasport-yaml.js';
import type { AppSettings, MarathonVersion } from '../../analyzers/settings/types.js';
import { VERDICT_LABEL } from '../reports/i18n.js';
import { deployPlan, envKey, IMAGE_UID, jarFileName, type DeployPlan, type GenerateOptions } from './deploy-plan.js';
import { fromBaseRegistry } from './defaults.js';
import { lintDockerfile } from './dockerfile-lint.js';
import { pointsAtLocalhost } from './local-defaults.js';
import { agentPaths, logShipperFiles, SHIPPER_FILE, shipperApp } from './log-shipper.js';
import { marathonApp, sessionStoreApp } from './marathon.js';
import { marathonValidators, validationErrors } from './marathon-schema.js';
import { marathonSettings, storeAddress } from './marathon-settings.js';
import { setenvView } from './setenv.js';
import { renderTemplate } from './templates.js';

export type { GenerateOptions } from './deploy-plan.js';

export interface GeneratedFile {
  name: string; // relative to the output folder
  text: string;
}

export interface Generated {
  files: GeneratedFile[];
  marathon: Record<string, unknown>;
  notes: string[];
}

// the health page: no session, so a probe writes nothing to the session store
const HEALTH_PAGE_TEXT = '<%@ page session="false" contentType="text/plain; charset=UTF-8" %>ok\n';

const json = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';

function checked(version: MarathonVersion, what: string, app: Record<string, unknown>): Record<string, unknown> {
  const errors = validationErrors(marathonValidators(version).app, app);
  if (errors.length) {
    const why = errors.join('; ');
    throw new PaasportError(`${what} does not follow Marathon's schema: ${why}. Check paasport.yaml and the flags.`);
  }
  return app;
}

/** The view the Dockerfile and DEPLOY.md templates share. */
function imageView(plan: DeployPlan, cfg: AppSettings, opts: GenerateOptions) {
  const outRel = opts.outRel.replace(/\/$/, '') || '.';
  return {
    appName: plan.r.appName,
    image: plan.r.image,
    baseImage: plan.r.baseImage,
    timezone: plan.r.timezone,
    logDir: plan.logDir,
    outRel,
    dockerfilePath: `${outRel}/Dockerfile`,
    build: plan.build,
    jars: { copy: plan.sessionJars },
    springBootJar: plan.springBootJar,
    catalinaPatched: !!opts.catalinaSh,
    redisson: cfg.sessionStore?.type === 'redis',
    uid: IMAGE_UID,
    healthPage: plan.healthPage,
    deployName: plan.deployName,
  };
}

function dockerfile(view: ReturnType<typeof imageView>): string {
  const text = renderTemplate('Dockerfile.ejs', view);
  const lint = lintDockerfile(text);
  if (lint.length) {
    const broken = lint.map((l) => `${l.rule} (line ${l.line}: ${l.message})`).join(', ');
    throw new PaasportError(`the Dockerfile would break ${broken}: check the base image and build settings.`);
  }
  return text;
}

/** Tomcat's own configuration: setenv.sh and JULI logging (a Spring Boot jar has neither), Redisson's client. */
function tomcatFiles(a: Assessment, plan: DeployPlan, cfg: AppSettings): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  if (!plan.springBootJar) {
    files.push({ name: 'setenv.sh', text: renderTemplate('setenv.sh.ejs', { ...setenvView(a, plan, cfg) }) });
    files.push({ name: 'logging.properties', text: renderTemplate('logging.properties.ejs', {}) });
  }
  if (cfg.sessionStore?.type === 'redis')
    files.push({ name: 'redisson.yaml', text: renderTemplate('redisson.yaml.ejs', {}) });
  return files;
}

/** A Redis or Memcached task for test environments, next to the app. */
function storeFiles(plan: DeployPlan, cfg: AppSettings, servicePort: number, opts: GenerateOptions): GeneratedFile[] {
  const store = cfg.sessionStore;
  if (!opts.withStore || !store) return [];
  const kind = store.type === 'memcached' ? 'memcached' : 'redis';
  const base = kind === 'redis' ? 'redis:7.2-alpine' : 'memcached:1.6-alpine';
  const image = fromBaseRegistry(cfg, base);
  const app = sessionStoreApp(kind, plan.r.marathonId, image, servicePort + 1, plan.version);
  plan.notes.push(
    `${kind}-app.json runs one ${kind} task for test environments (marathon-lb service port ${servicePort + 1}); ` +
      `production uses a managed ${kind} outside the platform`,
  );
  return [{ name: `${kind}-app.json`, text: json(checked(plan.version, `the ${kind} app definition`, app)) }];
}

/**
 * The variables DEPLOY.md lists, once each: a data volume's variable is its container path, whatever default the
 * sources had; a default that names the local machine is not shipped, so the row says to set it.
 */
function runbookEnv(plan: DeployPlan, cfg: AppSettings, servicePort: number) {
  type Row = { name: string; secret: boolean; value?: string; local?: string; store?: boolean; secretKey: string };
  const rows = new Map<string, Row>();
  const store = storeAddress(cfg, servicePort);
  for (const e of cfg.env ?? []) {
    const local = e.default !== undefined && pointsAtLocalhost(e.default) ? e.default : undefined;
    const fromStore = e.default === undefined && !e.secret ? store[e.name] : undefined;
    const value = local ? undefined : (e.default ?? fromStore);
    rows.set(e.name, { name: e.name, secret: !!e.secret, value, local, store: !!fromStore, secretKey: envKey(e.name) });
  }
  for (const v of plan.dataVolumes)
    rows.set(v.env, { name: v.env, secret: false, value: v.containerPath, secretKey: '' });
  return [...rows.values()];
}

/** How DEPLOY.md runs the log shipper on each agent: its file, where it goes, a Marathon app checked by the schema. */
function shipperRunbook(plan: DeployPlan, cfg: AppSettings) {
  const shipper = cfg.logs?.shipper;
  if (!shipper) return undefined;
  const app = checked(plan.version, `the ${shipper} app definition`, shipperApp(plan, shipper));
  return {
    name: shipper === 'filebeat' ? 'Filebeat' : 'Logstash',
    file: SHIPPER_FILE[shipper],
    agent: agentPaths(plan, shipper),
    app: json(app).trimEnd(),
  };
}

function runbook(a: Assessment, plan: DeployPlan, cfg: AppSettings, view: ReturnType<typeof imageView>): string {
  const s = marathonSettings(plan, cfg);
  const env = runbookEnv(plan, cfg, s.servicePort);
  return renderTemplate('DEPLOY.md.ejs', {
    ...view,
    verdict: VERDICT_LABEL.en[a.verdict.class],
    baseReason: a.baseImage.reason.en,
    stateful: plan.r.stateful,
    buildNote: plan.build.note,
    registry: cfg.image?.registry,
    registryCredentials: plan.registryCredentials,
    env,
    marathonVersion: plan.version,
    secretsFile: plan.secretsFile,
    marathonId: plan.r.marathonId,
    vhost: cfg.marathon?.vhost,
    servicePort: s.servicePort,
    haproxyGroup: s.haproxyGroup,
    healthPath: s.healthCheck.path,
    appLogs: a.config.fileAppenders.length > 0,
    logHostPath: plan.logHostPath,
    shipper: shipperRunbook(plan, cfg),
    volumes: plan.dataVolumes,
    notes: plan.notes,
    sessionJars: cfg.build?.jarsDir
      ? []
      : (cfg.sessionStore?.jars ?? []).map((c) => ({ coords: c, file: jarFileName(c) })),
    setenv: plan.springBootJar ? undefined : setenvView(a, plan, cfg),
  });
}

/** Every artifact for one application: Dockerfile, setenv.sh, logging, session store config, Marathon JSON, runbook. */
export function generateArtifacts(a: Assessment, cfg: AppSettings, opts: GenerateOptions): Generated {
  const plan = deployPlan(a, cfg, opts);
  const settings = marathonSettings(plan, cfg);
  const app = checked(plan.version, `the generated Marathon ${plan.version} definition`, marathonApp(settings));
  const view = imageView(plan, cfg, opts);
  const dockerignore = renderTemplate('dockerignore.ejs', { envFile: ENV_FILE });
  const files: GeneratedFile[] = [
    { name: 'Dockerfile', text: dockerfile(view) },
    { name: 'Dockerfile.dockerignore', text: dockerignore },
    { name: 'marathon-app.json', text: json(app) },
    ...tomcatFiles(a, plan, cfg),
    ...(plan.healthPage ? [{ name: plan.healthPage, text: HEALTH_PAGE_TEXT }] : []),
    ...storeFiles(plan, cfg, settings.servicePort, opts),
    ...logShipperFiles(a, plan, cfg.logs?.shipper),
  ];
  if (cfg.sessionStore?.type === 'memcached') {
    plan.notes.push(
      'memcached-session-manager reads its nodes from MEMCACHED_NODES, e.g. n1:memcached-1:11211,n2:memcached-2:11211',
    );
  }
  const jars = cfg.sessionStore?.jars ?? [];
  if (jars.length && !cfg.build?.jarsDir) {
    // the jars the Dockerfile copies from lib/, as group:artifact:version lines: what `paasport build` fetches
    files.push({ name: 'tomcat-lib.txt', text: jars.map((j) => `${j}\n`).join('') });
  }
  if (opts.catalinaSh) files.push({ name: 'catalina.sh', text: opts.catalinaSh.patched });
  files.push({ name: 'DEPLOY.md', text: runbook(a, plan, cfg, view) });
  return { files, marathon: app, notes: plan.notes };
}
