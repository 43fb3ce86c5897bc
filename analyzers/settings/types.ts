// paasport.yaml: the deployment settings of one application, kept in its repository. A person writes some of them;
// `paasport fix` records the rest (env, volumes, javaSystemProperties, logs, sessionStore); `generate` reads all.

export type MarathonVersion = '1.1' | '1.4' | '1.5';
export type SessionStoreKind = 'redis' | 'memcached' | 'spring-session';
export type LogMode = 'volume' | 'stdout';
/** The agent that ships the per-host log folders to ELK: generate writes its configuration. */
export type LogShipper = 'filebeat' | 'logstash';

/** An environment variable the application reads; a secret never has a default here, its value stays out of git. */
export interface EnvSetting {
  name: string;
  secret?: boolean;
  default?: string;
  usedBy?: string[]; // files that read it
}

/** A directory the application writes to, which the deployment mounts as a volume. */
export interface VolumeSetting {
  env: string; // the variable that holds the directory
  defaultPath?: string;
  usedBy?: string[];
}

export interface SessionStoreSetting {
  type: SessionStoreKind;
  manager?: string;
  jars?: string[]; // Maven coordinates of the jars Tomcat's lib/ needs
  env?: string[];
}

export interface HealthCheckSetting {
  path?: string;
  gracePeriodSeconds?: number;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  maxConsecutiveFailures?: number;
}

export interface MarathonSetting {
  version?: MarathonVersion;
  id?: string;
  cpus?: number;
  mem?: number;
  disk?: number;
  instances?: number;
  servicePort?: number;
  vhost?: string;
  haproxyGroup?: string;
  healthCheck?: HealthCheckSetting;
  isolation?: { cpusetCpus?: string; blkioWeight?: number };
  registryCredentials?: string;
  lbHost?: string; // marathon-lb's host name inside the cluster (default marathon-lb.marathon.mesos)
  secrets?: 'env-file' | 'store'; // how secrets reach the task (default env-file: works on stock Marathon)
}

export interface AppSettings {
  image?: { registry?: string; baseRegistry?: string; name?: string; tag?: string };
  baseImage?: string;
  contextPath?: string;
  timezone?: string;
  build?: {
    mode?: 'auto' | 'war' | 'exploded' | 'source';
    war?: string;
    jarsDir?: string;
    mavenSettings?: string;
    image?: string; // the build stage's image (a JDK, Maven or Gradle image of your registry)
    module?: string; // the folder of the Maven or Gradle module the image deploys, in a multi-module build
  };
  marathon?: MarathonSetting;
  logs?: { mode?: LogMode; dir?: string; hostPath?: string; shipper?: LogShipper };
  volumesRoot?: string;
  env?: EnvSetting[];
  volumes?: VolumeSetting[];
  javaSystemProperties?: Record<string, string>;
  sessionStore?: SessionStoreSetting;
}
