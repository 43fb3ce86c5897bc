import path from 'node:path';
import type { Finding, JavaFacts } from '../../analyzers/types.js';
import { appEnvLocation, appEnvText } from '../edit/app-env.js';
import { chooseEnvName } from '../edit/env-names.js';
import { replaceJavaLiterals } from '../edit/java-literals.js';
import { indentUnit } from '../edit/lines.js';
import { entryAt, readProperties, valueEdit, writtenValue } from '../edit/properties-doc.js';
import { resolvesPlaceholders } from '../edit/spring-beans.js';
import type { TextEdit } from '../edit/text-edit.js';
import { ancestorsOf, attributeEdit, elementAt, elementsNamed, readXml, xmlAttr } from '../edit/xml-doc.js';
import { addEnv } from '../record.js';
import type { XmlNode } from '../../analyzers/config/xml.js';
import type { Fix, FixContext } from '../types.js';
import { byFile } from './by-file.js';
import { holdsCredential, SECRET_NAME } from '../../analyzers/engine/mask.js';
import { fixLogProperties, fixLogXml, isLog4jProperties, isLogXml } from './config-log-files.js';
import { fixSpringYaml, isSpringBootYaml } from './config-spring-yaml.js';
import { placeholderBean, placeholdersResolvedElsewhere, springPlaceholder } from './spring-placeholders.js';

/** What the value a rule finds is: the suffix of a variable named after its class, and whether it is a secret. */
interface ValueKind {
  suffix: string;
  secret?: boolean;
}

// The rules this fix resolves, and what each one's values are.
const VALUES: Record<string, ValueKind> = {
  'hardcoded-ip': { suffix: 'URL' },
  'hardcoded-jdbc-url': { suffix: 'JDBC_URL' },
  'hardcoded-host': { suffix: 'URL' },
  'hardcoded-credential': { suffix: 'PASSWORD', secret: true },
  'hardcoded-port': { suffix: 'PORT' },
  'loopback-endpoint': { suffix: 'URL' },
};

const valueKind = (f: Finding): ValueKind =>
  // a server on localhost is named by what it is: a JDBC URL, a URL, or a bare host name
  f.ruleId === 'loopback-endpoint' && !/:\/\/|^\s*jdbc:/.test(f.matched.value ?? '')
    ? { suffix: 'HOST' }
    : f.ruleId === 'loopback-endpoint' && /^\s*jdbc:/.test(f.matched.value ?? '')
      ? { suffix: 'JDBC_URL' }
      : (VALUES[f.ruleId] ?? { suffix: 'URL' });
// a JDBC URL with its password in it is a secret as a whole: no default in the sources, nor in paasport.yaml
const isSecret = (f: Finding, value = f.matched.value) => valueKind(f).secret === true || holdsCredential(value ?? '');

/** A variable for a value of a configuration file: see chooseEnvName; qualified by the file's name when needed. */
const valueName = (ctx: FixContext, parts: string[], file: string, value: string) =>
  chooseEnvName(ctx.record, [], { parts, qualifiers: [[path.posix.basename(file).replace(/\.\w+$/, '')]], value })!;

// context.xml and server.xml elements whose attributes hold addresses and credentials
const TOMCAT_ELEMENTS = ['Resource', 'Environment', 'Parameter', 'Realm', 'Connector'];

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
    const keys = [...new Set(findings.map((f) => f.snippet.split(/[=:]/)[0].trim()))];
    left.push(
      `${file}: read by the application's own code, not by Spring: read ${keys.join(', ')} from the environment by hand`,
    );
    return;
  }
  const p = readProperties(ctx.ws, file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const entry = entryAt(ctx.ws, p, finding);
    if (!entry || entry.value.startsWith('${') || edits.some((e) => e.start === entry.spans.value.start)) continue;
    const name = valueName(ctx, [entry.key], file, entry.value);
    if (writtenValue(p, entry).includes('\n')) {
      left.push(`${file}:${finding.line}: ${entry.key} spans several lines: move it to \${${name}} by hand`);
      continue;
    }
    const value = { name, value: entry.value, secret: isSecret(finding, entry.value) };
    edits.push(valueEdit(entry, springPlaceholder(ctx, value, left, `${file}:${finding.line}`)));
    addEnv(ctx.record, { name, value: entry.value, secret: value.secret, usedBy: [file] });
  }
  ctx.ws.edit(file, p.file, edits);
}

function fixSpringXml(ctx: FixContext, file: string, findings: Finding[], left: string[]): void {
  const x = readXml(ctx.ws, file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const value = finding.matched.value;
    const el = elementAt(ctx.ws, x, finding);
    const prop =
      el?.name === 'property' && value !== undefined && el.attributes.value?.includes(value) ? el : undefined;
    const edit = prop && attributeEdit(prop, 'value', '');
    if (!prop || !edit) {
      left.push(`${file}:${finding.line}: ${finding.title.en.toLowerCase()}: move it to the environment by hand`);
      continue;
    }
    if (edits.some((e) => e.start === edit.start)) continue;
    const bean = ancestorsOf(x, prop).find((a) => a.name === 'bean');
    const beanName = bean?.attributes.id ?? bean?.attributes.name ?? 'app';
    const name = valueName(ctx, [beanName, prop.attributes.name ?? 'value'], file, prop.attributes.value);
    const secret = isSecret(finding, prop.attributes.value);
    const placeholder = springPlaceholder(
      ctx,
      { name, value: prop.attributes.value, secret },
      left,
      `${file}:${finding.line}`,
    );
    edits.push({ ...edit, text: xmlAttr(placeholder) });
    addEnv(ctx.record, { name, value: prop.attributes.value, secret, usedBy: [file] });
  }
  const [beans] = elementsNamed(x, 'beans');
  if (edits.length && beans?.spans.text && !resolvesPlaceholders(x) && !placeholdersResolvedElsewhere(ctx, file)) {
    const at = beans.spans.text.end;
    edits.push({
      start: at,
      end: at,
      text: `${indentUnit(x.file.text)}${placeholderBean(ctx.assessment)}${x.file.eol}`,
    });
  }
  ctx.ws.edit(file, x.file, edits);
}

/**
 * The attribute that holds a value a rule found: one whose name says it is a secret when the rule found a secret,
 * then one equal to the value, then the first that contains it (`maxActive="100" password="100"`: the password).
 */
function attributeHolding(el: XmlNode, value: string, secret: boolean): string | undefined {
  const rank = (k: string) => (secret && SECRET_NAME.test(k) ? 0 : 2) + (el.attributes[k] === value ? 0 : 1);
  const holding = Object.keys(el.attributes).filter((k) => el.attributes[k].includes(value));
  return holding.sort((a, b) => rank(a) - rank(b))[0];
}

// context.xml and server.xml: Tomcat resolves ${name} from Java system properties, which setenv.sh sets from the env
function fixTomcatXml(ctx: FixContext, file: string, findings: Finding[], left: string[]): void {
  const x = readXml(ctx.ws, file)!;
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const value = finding.matched.value;
    const found = elementAt(ctx.ws, x, finding);
    const el = found && TOMCAT_ELEMENTS.includes(found.name) ? found : undefined;
    const attr = el && value !== undefined ? attributeHolding(el, value, isSecret(finding)) : undefined;
    const span = attr && el?.spans.attributes[attr];
    if (!el || !attr || !span) {
      left.push(`${file}:${finding.line}: move this value to a \${property} by hand`);
      continue;
    }
    if (edits.some((e) => e.start === span.start)) continue;
    const name = valueName(ctx, [el.attributes.name ?? el.qname, attr], file, el.attributes[attr]);
    const prop = name.toLowerCase().replace(/_/g, '.');
    edits.push({ ...span, text: `\${${prop}}` });
    ctx.record.javaSystemProperties[prop] = `\${${name}}`;
    const secret = isSecret(finding, el.attributes[attr]) || SECRET_NAME.test(attr);
    addEnv(ctx.record, { name, value: el.attributes[attr], secret, usedBy: [file] });
  }
  ctx.ws.edit(file, x.file, edits);
}

function fixJava(ctx: FixContext, facts: JavaFacts, findings: Finding[], helper: string, left: string[]): boolean {
  const targets = findings
    .filter((f) => f.matched.value)
    .map((f) => ({
      at: f,
      raw: f.matched.value!.replace(/^"|"$/g, ''),
      exact: valueKind(f).secret === true, // a short secret may be part of other literals: only the whole literal is it
      secret: isSecret(f, f.matched.value?.replace(/^"|"$/g, '')),
      kind: valueKind(f).suffix,
    }));
  const replaced = replaceJavaLiterals(ctx, facts, targets, helper, left);
  for (const r of replaced)
    addEnv(ctx.record, { name: r.name, value: r.value, secret: r.secret, usedBy: [facts.file] });
  return replaced.length > 0;
}

/** Rewrites the values in one file, by the kind of file; returns whether Java code now calls the helper. */
function fixFile(ctx: FixContext, file: string, findings: Finding[], left: string[], helper?: string): boolean {
  const facts = ctx.project.files.find((f) => f.file === file);
  if (!facts) return false;
  if (facts.kind === 'properties' && facts.format !== 'yaml' && isLog4jProperties(file))
    fixLogProperties(ctx, file, findings, left, isSecret);
  else if (facts.kind === 'properties' && facts.format !== 'yaml') fixProperties(ctx, file, findings, left);
  else if (facts.kind === 'properties' && isSpringBootYaml(ctx, file))
    fixSpringYaml(ctx, file, findings, left, isSecret);
  else if (facts.kind === 'xml' && isLogXml(file, facts.root, facts.namespace))
    fixLogXml(ctx, file, findings, left, isSecret);
  else if (facts.kind === 'xml' && facts.root === 'beans') fixSpringXml(ctx, file, findings, left);
  else if (facts.kind === 'xml' && (facts.root === 'Context' || facts.root === 'Server'))
    fixTomcatXml(ctx, file, findings, left);
  else if (facts.kind === 'java' && helper) return fixJava(ctx, facts, findings, helper, left);
  else {
    const rules = [...new Set(findings.map((g) => g.ruleId))].join(', ');
    left.push(
      `${file}: ${findings.length} hard-coded value(s) (${rules}) that paasport does not rewrite in this kind of file`,
    );
  }
  return false;
}

export const configFix: Fix = {
  kind: 'externalize-config',
  options: [],
  resolves: Object.keys(VALUES),
  run(ctx) {
    const left: string[] = [];
    const helper = appEnvLocation(ctx);
    let usesHelper = false;
    for (const [file, group] of byFile(ctx.findings))
      usesHelper = fixFile(ctx, file, group, left, helper?.className) || usesHelper;
    if (usesHelper && helper && !ctx.ws.exists(helper.file)) ctx.ws.create(helper.file, appEnvText(helper));
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
