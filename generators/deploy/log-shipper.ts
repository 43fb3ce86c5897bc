import path from 'node:path';
import picomatch from 'picomatch';
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { LogShipper } from '../../analyzers/settings/types.js';
import type { DeployPlan } from './deploy-plan.js';
import { renderTemplate } from './templates.js';

/** The file each shipper reads its configuration from, as generate names it. */
export const SHIPPER_FILE: Record<LogShipper, string> = { filebeat: 'filebeat.yml', logstash: 'logstash.conf' };

/**
 * A line that continues the Java stack trace above it: `at ...` and `... 12 more` frames, `Caused by:` and
 * `Suppressed:`, and the exception's own line (`java.io.IOException: ...`) under the record's line, each indented or
 * not (Tomcat's OneLineFormatter indents the exception with a tab, its frames with two; log4j does not indent the
 * exception). Written in the syntax Go (Filebeat), Oniguruma (Logstash) and JavaScript read alike.
 */
export const STACK_TRACE_CONTINUATION =
  '^(\\s+(at|\\.{3})\\s|\\s*(Caused by|Suppressed):\\s|\\s*([a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*(Exception|Error|Throwable)(:|\\s*$))';

/** The files Tomcat writes in each host's folder: JULI's daily logs, catalina.out, the access log valve's files. */
const TOMCAT_FILES = ['*.log', 'catalina.out', 'localhost_access_log*.txt'];

/**
 * The name pattern of each file the application's own appenders write on the log volume (their path names LOG_DIR)
 * that the Tomcat patterns miss: `audit.txt` needs a glob of its own, `crm.log` does not.
 */
function appFilePatterns(a: Assessment): string[] {
  const tomcat = picomatch(TOMCAT_FILES);
  const names = a.config.fileAppenders
    .filter((f) => f.referenced && f.path?.includes('LOG_DIR'))
    .map((f) => {
      const name = path.posix.basename(f.path!.replace(/\$\{[^}]*\}|%[a-z]/g, '*'));
      // a JULI handler's path is its directory and prefix: it writes <prefix><date>.log
      return f.framework === 'jul' && !f.path!.endsWith('.log') ? `${name}*.log` : name;
    })
    .filter((name) => name && !/^\*+$/.test(name) && !tomcat(name));
  return [...new Set(names)];
}

/** The view both templates share: where the folders are on the agent, which files, and the app's name. */
function shipperView(a: Assessment, plan: DeployPlan) {
  const root = plan.logHostPath.replace(/\/+$/, '');
  return {
    appName: plan.r.appName,
    logHostPath: root,
    paths: [...TOMCAT_FILES, ...appFilePatterns(a)].map((f) => `${root}/*/${f}`),
    stackTrace: STACK_TRACE_CONTINUATION,
  };
}

/** filebeat.yml or logstash.conf for the per-host folders of the log volume, when settings name a shipper. */
export function logShipperFiles(a: Assessment, plan: DeployPlan, shipper: LogShipper | undefined) {
  if (!shipper) return [];
  const name = SHIPPER_FILE[shipper];
  return [{ name, text: renderTemplate(`${name}.ejs`, shipperView(a, plan)) }];
}

interface ShipperImage {
  image: string; // Elastic's image (or its copy in a registry of yours)
  config: string; // where the image reads the generated file
  state: string; // what the shipper has read so far: on the agent, so a restart ships nothing twice
  outputEnv: string; // the variable the generated file takes the output's address from
  uid: number; // the image's user, who must own the state folder on the agent
  cpus: number;
  mem: number;
}

const IMAGES: Record<LogShipper, ShipperImage> = {
  filebeat: {
    image: 'docker.elastic.co/beats/filebeat:8.15.3',
    config: '/usr/share/filebeat/filebeat.yml',
    state: '/usr/share/filebeat/data',
    outputEnv: 'LOGSTASH_HOSTS',
    uid: 1000,
    cpus: 0.1,
    mem: 128,
  },
  logstash: {
    image: 'docker.elastic.co/logstash/logstash:8.15.3',
    config: '/usr/share/logstash/pipeline/logstash.conf',
    state: '/usr/share/logstash/data',
    outputEnv: 'ELASTICSEARCH_HOSTS',
    uid: 1000,
    cpus: 0.5,
    mem: 1024,
  },
};

/** Where DEPLOY.md asks to put the generated file on every agent, and the shipper's state folder there. */
export const agentPaths = (plan: DeployPlan, shipper: LogShipper) => ({
  config: `/etc/paasport/${plan.r.appName}-${SHIPPER_FILE[shipper]}`,
  state: `/var/lib/paasport/${plan.r.appName}-${shipper}`,
  uid: IMAGES[shipper].uid,
  outputEnv: IMAGES[shipper].outputEnv,
});

/**
 * A Marathon app running the shipper once on each agent (`hostname UNIQUE`): the log volume's host folder mounted
 * read-only at the same path, so the globs of the generated file hold inside the container.
 */
export function shipperApp(plan: DeployPlan, shipper: LogShipper): Record<string, unknown> {
  const s = IMAGES[shipper];
  const logs = plan.logHostPath.replace(/\/+$/, '');
  const agent = agentPaths(plan, shipper);
  return {
    id: `${plan.r.marathonId}-${shipper}`,
    instances: 1,
    cpus: s.cpus,
    mem: s.mem,
    constraints: [['hostname', 'UNIQUE']],
    env: {
      [s.outputEnv]: shipper === 'filebeat' ? '<host:port of the Beats input of Logstash>' : '<http://host:port>',
    },
    container: {
      type: 'DOCKER',
      docker: { image: s.image },
      volumes: [
        { containerPath: logs, hostPath: logs, mode: 'RO' },
        { containerPath: s.config, hostPath: agent.config, mode: 'RO' },
        { containerPath: s.state, hostPath: agent.state, mode: 'RW' },
      ],
    },
  };
}
