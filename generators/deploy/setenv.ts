import type { Assessment } from '../../analyzers/assess/assess.js';
import { SECRET_NAME } from '../../analyzers/engine/mask.js';
import type { AppSettings } from '../../analyzers/settings/types.js';
import type { DeployPlan } from './deploy-plan.js';

/** One Java system property setenv.sh passes: its name and the shell expression of its value (`${JDBC_URL}`). */
export interface SystemProperty {
  name: string;
  value: string;
}

/** What setenv.sh needs: options for the command line, secrets kept off it, the JVM's flags and charset. */
export interface SetenvView {
  logDir: string;
  properties: SystemProperty[];
  secretProperties: SystemProperty[];
  secretsFile?: string;
  fileEncoding: string;
  java7: boolean; // a Java 7 runtime: no container-aware heap flags, the heap is sized from the cgroup limit
}

// setenv.sh sets these two itself, before any other option
const OWN = new Set(['LOG_DIR', 'HOST']);

/** Escapes text for the inside of a double-quoted shell word, keeping `$` so `${VAR}` still expands. */
export const inDoubleQuotes = (text: string) => text.replace(/["\\`]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

const readsSecret = (value: string, secrets: string[]) => secrets.some((s) => new RegExp(`\\$\\{?${s}\\b`).test(value));

/** The properties of the settings, split into those the command line may show and the secrets. */
export function systemProperties(cfg: AppSettings): { plain: SystemProperty[]; secret: SystemProperty[] } {
  const secrets = (cfg.env ?? []).filter((e) => e.secret).map((e) => e.name);
  const all = Object.entries(cfg.javaSystemProperties ?? {})
    .filter(([name]) => !OWN.has(name))
    .map(([name, value]) => ({ name: inDoubleQuotes(name), value: inDoubleQuotes(String(value)) }));
  const isSecret = (p: SystemProperty) => SECRET_NAME.test(p.name) || readsSecret(p.value, secrets);
  return { plain: all.filter((p) => !isSecret(p)), secret: all.filter(isSecret) };
}

/** Whether the image runs Java 7 (the official tomcat:7.0-jre7 and 8.0-jre7 lines), from its tag. */
export const isJava7Image = (image: string) => /:[^/]*\b(jre|jdk)-?7\b/.test(image);

/** The view of setenv.sh.ejs. */
export function setenvView(a: Assessment, plan: DeployPlan, cfg: AppSettings): SetenvView {
  const { plain, secret } = systemProperties(cfg);
  return {
    logDir: plan.logDir,
    properties: plain,
    secretProperties: secret,
    secretsFile: plan.secretsFile,
    // a GBK app ran on servers whose default was GBK: UTF-8 would garble what it reads and writes without a charset
    fileEncoding: a.baseImage.fileEncoding ?? 'UTF-8',
    java7: isJava7Image(plan.r.baseImage),
  };
}
