import type { Assessment } from '../../analyzers/assess/assess.js';
import type { AppSettings, MarathonVersion } from '../../analyzers/settings/types.js';
import { buildPlan, type BuildPlan } from './build-plan.js';
import { resolveDefaults, type Resolved } from './defaults.js';

export interface GenerateOptions {
  outRel: string; // the output folder relative to the app folder (the docker build context)
  marathonVersion?: MarathonVersion;
  baseImage?: string;
  version?: string; // the image tag when the settings have none
  catalinaSh?: { original: string; patched: string }; // when the Tomcat's own catalina.sh was given
  withStore?: boolean; // also a Redis/Memcached app definition, for test environments
}

export interface DataVolume {
  env: string;
  containerPath: string;
  hostPath: string;
}

/** Every decision the artifacts share, taken once from the assessment, the settings and the options. */
export interface DeployPlan {
  r: Resolved;
  version: MarathonVersion;
  deployName: string; // the webapp's folder under webapps/: ROOT or the context path
  springBootJar: boolean;
  build: BuildPlan;
  sessionJars: string[]; // Dockerfile lines that put the session manager's jars in Tomcat's lib/
  logDir: string;
  logHostPath: string;
  dataVolumes: DataVolume[];
  secrets: string[];
  secretsFile?: string; // an env file of secrets the agent fetches (every Marathon; 1.1 has nothing else)
  registryCredentials?: string;
  healthPage?: string; // the page the image adds to the webapp for the health check
  notes: string[];
}

export const HEALTH_PAGE = 'paasport-health.jsp';

/**
 * Whether the image can add the health page: to an exploded webapp (not into a WAR) whose servlets leave JSPs to
 * Tomcat (a servlet mapped to /* would take the request).
 */
function addsHealthPage(a: Assessment, build: BuildPlan, deployName: string, springBootJar: boolean): boolean {
  if (springBootJar || !build.copy.trimEnd().endsWith(`webapps/${deployName}/`)) return false;
  return !a.config.webXml.some((w) => w.servletUrlPatterns.includes('/*'));
}

export const envKey = (name: string) => name.toLowerCase().replace(/_/g, '-');

/** The user the image runs as: a fixed uid, so the platform team can give it the host folders of the volumes. */
export const IMAGE_UID = 10001;

/** The file name of a jar from its Maven coordinates (group:artifact:version). */
export const jarFileName = (coords: string) => {
  const [, artifact, version] = coords.split(':');
  return `${artifact}-${version}.jar`;
};

/**
 * The session manager's jars come from the build context, never from the internet at build time: from
 * build.jarsDir, or from <out>/lib/, which `paasport build --jars-from` fills. Owned by the image's user, as a jar
 * copied with mode 0600 would be unreadable to Tomcat otherwise.
 */
function sessionJarLines(cfg: AppSettings, outRel: string): string[] {
  const jars = cfg.sessionStore?.jars ?? [];
  if (!jars.length) return [];
  if (cfg.build?.jarsDir) return [`COPY --chown=tomcat:tomcat ${cfg.build.jarsDir}/*.jar lib/`];
  return jars.map((j) => `COPY --chown=tomcat:tomcat ${outRel}/lib/${jarFileName(j)} lib/`);
}

/**
 * Secrets go in an env file the agents fetch unless paasport.yaml asks for the secret store: stock Marathon
 * rejects secret references unless started with `--enable_features secrets` and a secrets plugin; 1.1 has none.
 */
const secretsInFile = (cfg: AppSettings, version: MarathonVersion) =>
  version === '1.1' || cfg.marathon?.secrets !== 'store';

function dataVolumes(cfg: AppSettings, appName: string): DataVolume[] {
  const root = cfg.volumesRoot ?? '/data/paasport';
  return (cfg.volumes ?? []).map((v) => ({
    env: v.env,
    containerPath: `/data/${envKey(v.env)}`,
    hostPath: `${root}/${appName}/${envKey(v.env)}`,
  }));
}

function verdictNotes(a: Assessment): string[] {
  if (a.verdict.class !== 'not-recommended') return [];
  const blockers = a.verdict.blockers.map((b) => b.ruleId).join(', ');
  return [
    `the assessment does not recommend this app for containers (${blockers}): it is, or embeds, stateful middleware; ` +
      'these artifacts are for a trial only',
  ];
}

export function deployPlan(a: Assessment, cfg: AppSettings, opts: GenerateOptions): DeployPlan {
  const r = resolveDefaults({ ...cfg, ...(opts.baseImage ? { baseImage: opts.baseImage } : {}) }, a, opts.version);
  const version = opts.marathonVersion ?? r.marathonVersion;
  const deployName = r.contextPath === '/' ? 'ROOT' : r.contextPath.slice(1);
  const springBootJar = a.profile.springBoot && a.profile.packaging === 'jar';
  const build = buildPlan(a, cfg, deployName, springBootJar, r.baseImage);
  const notes = [...verdictNotes(a), ...(build.note ? [build.note] : [])];
  if (r.stateful) {
    notes.push(
      'sessions still live in memory: 1 instance with sticky sessions until `paasport fix` moves them to a store',
    );
  }
  const secrets = (cfg.env ?? []).filter((e) => e.secret).map((e) => e.name);
  return {
    r,
    version,
    deployName,
    springBootJar,
    build,
    sessionJars: sessionJarLines(cfg, opts.outRel.replace(/\/$/, '') || '.'),
    logDir: cfg.logs?.dir ?? '/logs',
    logHostPath: cfg.logs?.hostPath ?? '/data/logs',
    dataVolumes: dataVolumes(cfg, r.appName),
    secrets,
    secretsFile: secrets.length && secretsInFile(cfg, version) ? `${r.appName}.secrets.env` : undefined,
    registryCredentials:
      cfg.marathon?.registryCredentials ?? (cfg.image?.registry ? 'file:///etc/docker.tar.gz' : undefined),
    healthPage: addsHealthPage(a, build, deployName, springBootJar) ? HEALTH_PAGE : undefined,
    notes,
  };
}
