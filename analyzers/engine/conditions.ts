import picomatch from 'picomatch';
import { commentSpans, maskComments } from '../read/comments.js';
import {
  isSerializable,
  resolveExprType,
  resolveTypeName,
  typeHierarchy,
  type ProjectIndex,
} from '../java/type-index.js';
import { externalSessionStore } from '../config/session-store.js';
import { staticState, type MutationIndex } from '../java/static-state.js';
import type { Condition, FileFacts, JavaFacts, Patterns, ProjectFacts, XmlElement } from '../types.js';

export interface Match {
  file: string;
  line: number;
  column: number;
  value?: string; // what matched: masked when the rule says it is a secret
  scope?: string; // enclosing Type#method, for `within: method`
  detail?: string; // extra words for the message
}

export interface EvalContext {
  project: ProjectFacts;
  index: ProjectIndex;
  mutations: () => MutationIndex;
  regex: (src: string) => RegExp;
  glob: (p: Patterns) => (file: string) => boolean;
  sessionStore: () => string | undefined; // the external session store the app is configured with, if any
  lines: (f: FileFacts) => string[]; // a file's text, read on demand for Java
}

/** Compiles a rule regex; a leading (?i) makes it case-insensitive. */
export function compileRegex(src: string): RegExp {
  return src.startsWith('(?i)') ? new RegExp(src.slice(4), 'i') : new RegExp(src);
}

export function createContext(
  project: ProjectFacts,
  index: ProjectIndex,
  mutations: () => MutationIndex,
  lines: (f: FileFacts) => string[],
): EvalContext {
  const regexes = new Map<string, RegExp>();
  let store: string | undefined | null = null;
  const globs = new Map<string, (f: string) => boolean>();
  return {
    project,
    index,
    mutations,
    lines,
    regex: (src) => {
      let r = regexes.get(src);
      if (!r) regexes.set(src, (r = compileRegex(src)));
      return r;
    },
    sessionStore: () => (store === null ? (store = externalSessionStore(project)) : store),
    glob: (p) => {
      const key = JSON.stringify(p);
      let g = globs.get(key);
      if (!g) globs.set(key, (g = picomatch(p, { dot: true, nocase: true })));
      return g;
    },
  };
}

const list = (p: Patterns | undefined): string[] => (p === undefined ? [] : Array.isArray(p) ? p : [p]);
const scopeOf = (x: { enclosingType?: string; enclosingMethod?: string }) =>
  `${x.enclosingType ?? ''}#${x.enclosingMethod ?? ''}`;

const simpleName = (t: string) => t.slice(t.lastIndexOf('.') + 1);

// A type written in the source can only be one of the wanted types if its simple name is one of theirs:
// checked first, since resolving names through imports is the costly part.
function typeMatcher(wanted: string[], file: JavaFacts, ctx: EvalContext): (name: string) => boolean {
  const simple = new Set(wanted.map(simpleName));
  return (name) =>
    simple.has(simpleName(name)) && resolveTypeName(name, file, ctx.index).some((q) => wanted.includes(q));
}

function javaConditions(cond: Condition, f: JavaFacts, ctx: EvalContext): Match[] | undefined {
  const at = (x: { line: number; column: number }, value?: string, scope?: string, detail?: string): Match => ({
    file: f.file,
    line: x.line,
    column: x.column,
    value,
    scope,
    detail,
  });

  if (cond['java.call']) {
    const c = cond['java.call'];
    const types = list(c.type);
    const out: Match[] = [];
    for (const call of f.calls) {
      if (!c.methods.includes(call.name)) continue;
      if (c.argCount !== undefined && call.args.length !== c.argCount) continue;
      if (c.inMethods && !c.inMethods.includes(call.enclosingMethod ?? '')) continue;
      if (c.notInMethods?.includes(call.enclosingMethod ?? '')) continue;
      if (c.notArgOf && call.argOf && ctx.regex(c.notArgOf).test(call.argOf)) continue;
      if (types.length) {
        const resolved = resolveExprType(
          call.receiverType ?? (call.receiver ? undefined : ''),
          f,
          call.enclosingType,
          ctx.index,
        );
        if (!resolved.some((q) => typeHierarchy(q, ctx.index).some((t) => types.includes(t)))) continue;
      }
      let value = call.args[0];
      if (c.argRegex) {
        value = call.args[c.argRegex.index];
        if (value === undefined || !ctx.regex(c.argRegex.regex).test(value)) continue;
      }
      let detail: string | undefined;
      if (c.argNotSerializable !== undefined) {
        const argType = call.argTypes[c.argNotSerializable];
        if (!argType || argType.includes('#')) continue;
        const q = resolveTypeName(argType, f, ctx.index).find((t) => ctx.index.byQualified.has(t));
        if (!q || isSerializable(q, ctx.index) !== false) continue;
        detail = q;
      }
      out.push(at(call, value, scopeOf(call), detail));
    }
    return out;
  }
  if (cond['java.new']) {
    const c = cond['java.new'];
    const isType = typeMatcher(list(c.type), f, ctx);
    return f.news
      .filter((n) => isType(n.type))
      .filter((n) => !c.argRegex || ctx.regex(c.argRegex.regex).test(n.args[c.argRegex.index] ?? ''))
      .map((n) => at(n, n.type, scopeOf(n)));
  }
  if (cond['java.import']) {
    // the first import is enough: a file that imports a library uses it, however many of its types it names
    const r = ctx.regex(cond['java.import'].regex);
    const first = f.imports.find((i) => r.test(i.name));
    return first ? [at(first, first.name)] : [];
  }
  if (cond['java.annotation']) {
    const c = cond['java.annotation'];
    const isType = typeMatcher(list(c.type), f, ctx);
    return f.annotations
      .filter((a) => isType(a.name))
      .filter((a) => !c.argsRegex || ctx.regex(c.argsRegex).test(a.args ?? ''))
      .map((a) => at(a, a.name));
  }
  if (cond['java.extends'] || cond['java.implements']) {
    const types = list((cond['java.extends'] ?? cond['java.implements'])!.type);
    return f.types
      .filter(
        (t) =>
          t.qualifiedName &&
          typeHierarchy(t.qualifiedName, ctx.index)
            .slice(1)
            .some((s) => types.includes(s)),
      )
      .map((t) => at(t, t.name));
  }
  if (cond['java.staticState']) {
    return staticState(f, ctx.mutations()).map((s) => at(s.field, s.field.name, undefined, s.how));
  }
  if (cond['java.string']) {
    const r = ctx.regex(cond['java.string'].regex);
    const not = cond['java.string'].notRegex ? ctx.regex(cond['java.string'].notRegex) : undefined;
    const notArgOf = cond['java.string'].notArgOf ? ctx.regex(cond['java.string'].notArgOf) : undefined;
    return f.strings
      .filter((s) => r.test(s.value) && !not?.test(s.value) && !(notArgOf && s.argOf && notArgOf.test(s.argOf)))
      .map((s) => at(s, s.value));
  }
  if (cond['java.field']) {
    const c = cond['java.field'];
    const r = ctx.regex(c.nameRegex);
    const init = c.initializerRegex ? ctx.regex(c.initializerRegex) : undefined;
    return f.fields
      .filter((x) => r.test(x.name) && (c.isStatic === undefined || x.isStatic === c.isStatic))
      .filter((x) => !init || (x.initializer !== undefined && init.test(x.initializer)))
      .map((x) => at(x, x.initializer?.replace(/^"|"$/g, '')));
  }
  return undefined;
}

function elementMatches(
  el: XmlElement,
  c: NonNullable<Condition['xml.element']>,
  ctx: EvalContext,
): string | undefined | false {
  if (c.path !== '*' && el.path !== c.path && !el.path.endsWith('/' + c.path)) return false;
  if (c.name !== undefined && !ctx.regex(c.name).test(el.name)) return false;
  if (c.notName !== undefined && ctx.regex(c.notName).test(el.name)) return false;
  let value: string | undefined;
  for (const [k, src] of Object.entries(c.attributes ?? {})) {
    const v = el.attributes[k];
    if (v === undefined || !ctx.regex(src).test(v)) return false;
    value = v;
  }
  if (c.absent?.some((k) => el.attributes[k] !== undefined)) return false;
  if (c.text !== undefined) {
    if (!ctx.regex(c.text).test(el.text)) return false;
    value = el.text;
  }
  if (c.value !== undefined) {
    const r = ctx.regex(c.value);
    const not = c.notValue ? ctx.regex(c.notValue) : undefined;
    const candidates = [
      ...Object.entries(el.attributes)
        .filter(([k]) => !/^(xmlns|xsi:|schemaLocation)/.test(k))
        .map(([, v]) => v),
      el.text,
    ];
    const hit = candidates.find((v) => v && r.test(v) && !not?.test(v));
    if (hit === undefined) return false;
    value = hit;
  }
  return value;
}

function inFiles(c: { files?: Patterns; notFiles?: Patterns }, file: string, ctx: EvalContext): boolean {
  return (!c.files || ctx.glob(c.files)(file)) && !(c.notFiles && ctx.glob(c.notFiles)(file));
}

/** The matches of a condition in one file. */
export function evaluate(cond: Condition, f: FileFacts, ctx: EvalContext): Match[] {
  if (cond.and) {
    // every part must match in this file; the first positive part gives the locations
    const positive: Match[][] = [];
    for (const c of cond.and) {
      const m = evaluate(c, f, ctx);
      if (!m.length) return [];
      if (!c.not) positive.push(m);
    }
    if (cond.within === 'method') {
      const scopes = positive.slice(1).map((ms) => new Set(ms.map((m) => m.scope)));
      return positive[0].filter((m) => m.scope !== undefined && scopes.every((s) => s.has(m.scope)));
    }
    return positive[0] ?? [];
  }
  if (cond.or) return cond.or.flatMap((c) => evaluate(c, f, ctx));
  if (cond.not) {
    // inside `and`: a non-empty list means "this file passes the not"
    return evaluate(cond.not, f, ctx).length ? [] : [{ file: f.file, line: 1, column: 1 }];
  }
  if (cond['project.sessionStore'])
    return ctx.sessionStore() ? [{ file: f.file, line: 1, column: 1, value: ctx.sessionStore() }] : [];
  if (cond.file) return ctx.glob(cond.file.glob)(f.file) ? [{ file: f.file, line: 1, column: 1, value: f.file }] : [];
  if (cond.text) {
    if (!inFiles(cond.text, f.file, ctx)) return [];
    const text = ctx.lines(f);
    const spans = f.kind === 'java' ? commentSpans(text.join('\n'), 'c') : f.comments;
    const lines = cond.text.comments ? text : maskComments(text, spans);
    const r = ctx.regex(cond.text.regex);
    const out: Match[] = [];
    lines.forEach((line, i) => {
      const m = r.exec(line);
      if (m) out.push({ file: f.file, line: i + 1, column: m.index + 1, value: m[0] });
    });
    return out;
  }
  if (cond.dependency) {
    const g = cond.dependency.group ? ctx.regex(cond.dependency.group) : undefined;
    const a = ctx.regex(cond.dependency.artifact);
    return ctx.project.build.dependencies
      .filter((d) => d.file === f.file && a.test(d.artifact) && (!g || g.test(d.group ?? '')))
      .map((d) => ({
        file: f.file,
        line: Math.max(1, d.line),
        column: 1,
        value: [d.group, d.artifact, d.version].filter(Boolean).join(':'),
      }));
  }
  if (cond['logging.fileAppender']) {
    const c = cond['logging.fileAppender'];
    // the appenders were found once, with the other configuration facts
    return ctx.project.config.fileAppenders
      .filter((a) => a.file === f.file)
      .filter((a) => !c.frameworks || c.frameworks.includes(a.framework))
      .filter((a) => c.referenced === undefined || a.referenced === c.referenced)
      .filter((a) => !c.notPath || !ctx.regex(c.notPath).test(a.path ?? ''))
      .map((a) => ({
        file: f.file,
        line: a.line,
        column: a.column,
        value: a.path ?? a.className ?? a.name,
        detail: `${a.framework} ${a.name}`,
      }));
  }
  if (cond['xml.element']) {
    const c = cond['xml.element'];
    if (f.kind !== 'xml' || !inFiles(c, f.file, ctx) || (c.root && f.root !== c.root)) return [];
    const out: Match[] = [];
    for (const el of f.elements) {
      const v = elementMatches(el, c, ctx);
      if (v !== false) out.push({ file: f.file, line: el.line, column: el.column, value: v });
    }
    return out;
  }
  if (cond.properties) {
    const c = cond.properties;
    if (f.kind !== 'properties' || !inFiles(c, f.file, ctx)) return [];
    const k = c.key ? ctx.regex(c.key) : undefined;
    const v = c.value ? ctx.regex(c.value) : undefined;
    const nv = c.notValue ? ctx.regex(c.notValue) : undefined;
    return f.entries
      .filter((e) => (!k || k.test(e.key)) && (!v || v.test(e.value)) && !nv?.test(e.value))
      .map((e) => ({
        file: f.file,
        line: e.line,
        column: e.column,
        value: v ? (e.value.match(v)?.[0] ?? e.value) : e.value,
      }));
  }
  if (f.kind === 'java') return javaConditions(cond, f, ctx) ?? [];
  return [];
}
