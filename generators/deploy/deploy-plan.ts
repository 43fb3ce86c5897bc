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
  secretsFile?: string; // Marathon 1.1: an env file of secrets the agent fetches
  registryCredentials?: string;
  notes: string[];
}

export const envKey = (name: string) => name.toLowerCase().replace(/_/g, '-');

const mavenUrl = (coords: string) => {
  const [g, a, v] = coords.split(':');
  return `https://repo1.maven.org/maven2/${g.replace(/\./g, '/')}/${a}/${v}/${a}-${v}.jar`;
};

function sessionJarLines(cfg: AppSettings): string[] {
  const jars = cfg.sessionStore?.jars ?? [];
  if (!jars.length) return [];
  if (cfg.build?.jarsDir) return [`COPY ${cfg.build.jarsDir}/*.jar lib/`];
  return jars.map((j) => `ADD ${mavenUrl(j)} lib/`);
}

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
    sessionJars: sessionJarLines(cfg),
    logDir: cfg.logs?.dir ?? '/logs',
    logHostPath: cfg.logs?.hostPath ?? '/data/logs',
    dataVolumes: dataVolumes(cfg, r.appName),
    secrets,
    secretsFile: version === '1.1' && secrets.length ? `${r.appName}.secrets.env` : undefined,
    registryCredentials:
      cfg.marathon?.registryCredentials ?? (cfg.image?.registry ? 'file:///etc/docker.tar.gz' : undefined),
    notes,
  };
}
