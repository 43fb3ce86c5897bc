import path from 'node:path';
import type { Finding, JavaFacts } from '../../analyzers/types.js';
import { appEnvClass, appEnvLocation } from '../edit/app-env.js';
import { applyEdits, type TextEdit } from '../edit/java-source.js';
import { envName, replaceJavaLiterals } from '../edit/java-literals.js';
import { addEnv } from '../record.js';
import type { Fix, FixContext } from '../types.js';
import { findElements, xmlAttr } from '../edit/xml-edit.js';

const SECRET_RULES = new Set(['hardcoded-credential']);

/** Spring resolves ${NAME:default} against the environment; a secret gets no default. */
const springPlaceholder = (name: string, value: string, secret: boolean) =>
  secret ? `\${${name}}` : `\${${name}:${value}}`;

function byFile(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) m.set(f.file, [...(m.get(f.file) ?? []), f]);
  return m;
}

/** .properties read by Spring (a property-placeholder location, or Spring Boot's application*.properties). */
function springReads(ctx: FixContext, file: string): boolean {
  const base = path.posix.basename(file);
  if (ctx.assessment.profile.springBoot && /^application(-\w+)?\.properties$/.test(base)) return true;
  return ctx.project.files.some(
    (f) =>
      f.kind === 'xml' &&
      f.root === 'beans' &&
      f.elements.some(
        (e) =>
          (e.name === 'property-placeholder' && (e.attributes.location ?? '').includes(base)) ||
          (e.name === 'value' && e.text.includes(base)) ||
          (e.name === 'property' && e.attributes.name === 'location' && (e.attributes.value ?? '').includes(base)),
      ),
  );
}

function fixProperties(ctx: FixContext, file: string, findings: Finding[], left: string[]): void {
  if (!springReads(ctx, file)) {
    left.push(
      `${file}: read by the application's own code, not by Spring: read ${[...new Set(findings.map((f) => f.snippet.split(/[=:]/)[0].trim()))].join(', ')} from the environment by hand`,
    );
    return;
  }
  const current = ctx.ws.read(file)!;
  const facts = ctx.project.files.find((f) => f.file === file);
  if (facts?.kind !== 'properties') return;
  const lines = current.text.split('\n');
  for (const finding of findings) {
    const entry = facts.entries.find((e) => e.line === finding.line);
    if (!entry || entry.value.startsWith('${')) continue;
    const secret = SECRET_RULES.has(finding.ruleId);
    const name = envName(entry.key);
    const i = lines.findIndex((l) =>
      new RegExp(`^\\s*${entry.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]`).test(l),
    );
    if (i < 0 || /\\\r?$/.test(lines[i])) {
      left.push(`${file}:${finding.line}: ${entry.key} spans several lines: move it to \${${name}} by hand`);
      continue;
    }
    const m = /^(\s*[^=:]+?\s*[=:]\s*)(.*?)(\r?)$/.exec(lines[i])!;
    lines[i] = `${m[1]}${springPlaceholder(name, entry.value, secret)}${m[3]}`;
    addEnv(ctx.record, { name, value: entry.value, secret, usedBy: [file] });
  }
  ctx.ws.write(file, current, lines.join('\n'));
}

function fixSpringXml(ctx: FixContext, file: string, findings: Finding[], left: string[]): void {
  const current = ctx.ws.read(file)!;
  let text = current.text;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const value = finding.matched.value;
    const prop = findElements(text, 'property').find(
      (p) => p.attrs.value !== undefined && value !== undefined && p.attrs.value.includes(value),
    );
    if (!prop) {
      left.push(`${file}:${finding.line}: ${finding.title.en.toLowerCase()}: move it to the environment by hand`);
      continue;
    }
    const bean = findElements(text, 'bean')
      .filter((b) => b.start < prop.start && b.end > prop.end)
      .pop();
    const secret = SECRET_RULES.has(finding.ruleId);
    const name = envName(bean?.attrs.id ?? bean?.attrs.name ?? 'app', prop.attrs.name ?? 'value');
    if (edits.some((e) => e.start === prop.attrSpans.value.start)) continue;
    edits.push({ ...prop.attrSpans.value, text: xmlAttr(springPlaceholder(name, prop.attrs.value, secret)) });
    addEnv(ctx.record, { name, value: prop.attrs.value, secret, usedBy: [file] });
  }
  if (!edits.length) return;
  text = applyEdits(text, edits);
  if (!/property-placeholder|PlaceholderConfigurer/.test(text)) {
    const [beans] = findElements(text, 'beans');
    const at = text.lastIndexOf('</', beans.end);
    text = `${text.slice(0, at)}  <bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>${current.eol}${text.slice(at)}`;
  }
  ctx.ws.write(file, current, text);
}

// context.xml and server.xml: Tomcat resolves ${name} from Java system properties, which setenv.sh sets from the environment
function fixTomcatXml(ctx: FixContext, file: string, findings: Finding[], left: string[]): void {
  const current = ctx.ws.read(file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const value = finding.matched.value;
    const el = ['Resource', 'Environment', 'Parameter', 'Realm', 'Connector']
      .flatMap((n) => findElements(current.text, n))
      .find((e) => Object.values(e.attrs).some((v) => value !== undefined && v.includes(value)));
    const attr = el && Object.keys(el.attrs).find((k) => value !== undefined && el.attrs[k].includes(value));
    if (!el || !attr) {
      left.push(`${file}:${finding.line}: move this value to a \${property} by hand`);
      continue;
    }
    if (edits.some((e) => e.start === el.attrSpans[attr].start)) continue;
    const name = envName(el.attrs.name ?? el.name, attr);
    const prop = name.toLowerCase().replace(/_/g, '.');
    edits.push({ ...el.attrSpans[attr], text: `\${${prop}}` });
    ctx.record.javaSystemProperties[prop] = `\${${name}}`;
    addEnv(ctx.record, {
      name,
      value: el.attrs[attr],
      secret: SECRET_RULES.has(finding.ruleId) || /password/i.test(attr),
      usedBy: [file],
    });
  }
  if (edits.length) ctx.ws.write(file, current, applyEdits(current.text, edits));
}

function fixJava(ctx: FixContext, facts: JavaFacts, findings: Finding[], helper: string): boolean {
  const targets = findings
    .filter((f) => f.matched.value)
    .map((f) => ({
      raw: f.matched.value!.replace(/^"|"$/g, ''),
      exact: f.ruleId === 'hardcoded-credential',
      secret: SECRET_RULES.has(f.ruleId),
      kind:
        f.ruleId === 'hardcoded-jdbc-url'
          ? 'JDBC_URL'
          : SECRET_RULES.has(f.ruleId)
            ? 'PASSWORD'
            : f.ruleId === 'hardcoded-port'
              ? 'PORT'
              : 'URL',
    }));
  const replaced = replaceJavaLiterals(ctx, facts, targets, helper);
  for (const r of replaced)
    addEnv(ctx.record, { name: r.name, value: r.value, secret: r.secret, usedBy: [facts.file] });
  return replaced.length > 0;
}

export const configFix: Fix = {
  kind: 'externalize-config',
  run(ctx) {
    const left: string[] = [];
    const findings = ctx.assessment.findings.filter((f) => f.fix === 'externalize-config');
    const helper = appEnvLocation(ctx);
    let usesHelper = false;
    for (const [file, group] of byFile(findings)) {
      const facts = ctx.project.files.find((f) => f.file === file);
      if (!facts) continue;
      if (facts.kind === 'properties') fixProperties(ctx, file, group, left);
      else if (facts.kind === 'xml' && facts.root === 'beans') fixSpringXml(ctx, file, group, left);
      else if (facts.kind === 'xml' && (facts.root === 'Context' || facts.root === 'Server'))
        fixTomcatXml(ctx, file, group, left);
      else if (facts.kind === 'java' && helper) usesHelper = fixJava(ctx, facts, group, helper.className) || usesHelper;
      else
        left.push(
          `${file}: ${group.length} hard-coded value(s) (${[...new Set(group.map((g) => g.ruleId))].join(', ')}) that paasport does not rewrite in this kind of file`,
        );
    }
    if (usesHelper && helper && !ctx.ws.exists(helper.file)) ctx.ws.create(helper.file, appEnvClass(helper.pkg));
    const names = ctx.record.env
      .filter((e) => e.usedBy.some((u) => !u.includes('META-INF/context.xml')))
      .map((e) => e.name);
    return {
      kind: 'externalize-config',
      message: `Read configuration from the environment\n\nHard-coded addresses, JDBC URLs, ports and credentials become placeholders read at run time (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}), so one image runs in every environment. Non-secret values stay as defaults; secrets have none in the code and their values are in the git-ignored .paasport.env.`,
      left,
    };
  },
};
