import type { XmlElement, XmlFacts } from '../../types.js';
import type { ConditionModule, EvalContext, Match, Patterns } from '../types.js';
import { inFiles } from './file-filter.js';
import { NONE } from './matches.js';
import { names, objectOf, patterns, regex } from './schema-parts.js';

export interface XmlElementCond {
  files?: Patterns;
  notFiles?: Patterns;
  root?: string;
  path: string; // '*' for any element
  name?: string; // regex on the element name
  notName?: string;
  attributes?: Record<string, string>; // attribute name → regex its value must match
  absent?: string[];
  text?: string;
  sibling?: Record<string, string>; // element name → regex the text of an element beside it must match
  value?: string; // regex tried on every attribute value and on the text
  notValue?: string;
}

const NOT_VALUES = /^(xmlns|xsi:|schemaLocation)/;

/** The first attribute value or the text that matches value and not notValue. */
function valueHit(el: XmlElement, c: XmlElementCond, ctx: EvalContext): string | undefined {
  const r = ctx.regex(c.value!);
  const not = c.notValue ? ctx.regex(c.notValue) : undefined;
  const hit = (v: string) => !!v && r.test(v) && !not?.test(v);
  // every element of every XML file goes by here, once per rule: no arrays made on the way
  for (const k in el.attributes) if (!NOT_VALUES.test(k) && hit(el.attributes[k])) return el.attributes[k];
  return hit(el.text) ? el.text : undefined;
}

const byNameOf = new WeakMap<XmlFacts, Map<string, XmlElement[]>>();

/**
 * The elements of a file named so, in document order. A path ends with the name of its last element, so a condition
 * on a path looks only at those (a Liquibase changelog has tens of thousands of elements, and most rules look for a
 * few names).
 */
function elementsNamed(f: XmlFacts, name: string): readonly XmlElement[] {
  let byName = byNameOf.get(f);
  if (!byName) {
    byNameOf.set(f, (byName = new Map()));
    for (const el of f.elements) {
      const list = byName.get(el.name);
      if (list) list.push(el);
      else byName.set(el.name, [el]);
    }
  }
  return byName.get(name) ?? NONE_ELEMENTS;
}
const NONE_ELEMENTS: readonly XmlElement[] = [];

/** The parent's index of each element, when the facts keep it (the elements of one file, in document order). */
const parentOf = (el: XmlElement): number | undefined => (el as XmlElement & { parent?: number }).parent;

/** Whether, for each name given, an element of that name beside this one (same parent) has text the regex matches. */
function siblingsMatch(el: XmlElement, f: XmlFacts, c: XmlElementCond, ctx: EvalContext): boolean {
  const parent = parentOf(el);
  if (parent === undefined || parent < 0) return false;
  return Object.entries(c.sibling!).every(([name, src]) => {
    const r = ctx.regex(src);
    return f.elements.some((s) => s !== el && parentOf(s) === parent && s.name === name && r.test(s.text));
  });
}

/** false when the element does not match; else the value the match carries. */
function elementMatches(el: XmlElement, c: Compiled, ctx: EvalContext): string | undefined | false {
  if (c.path !== '*' && el.path !== c.path && !el.path.endsWith('/' + c.path)) return false;
  if (c.name !== undefined && !ctx.regex(c.name).test(el.name)) return false;
  if (c.notName !== undefined && ctx.regex(c.notName).test(el.name)) return false;
  let value: string | undefined;
  for (const [k, src] of c.attributeList) {
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
    const hit = valueHit(el, c, ctx);
    if (hit === undefined) return false;
    value = hit;
  }
  return value;
}

/** A condition with its attributes listed once, not at each of the elements it is tried on. */
type Compiled = XmlElementCond & { attributeList: [string, string][] };

function elementsOf(c: Compiled, f: XmlFacts, ctx: EvalContext): readonly Match[] {
  if (!inFiles(c, f.file, ctx) || (c.root && f.root !== c.root)) return NONE;
  const out: Match[] = [];
  const candidates = c.path === '*' ? f.elements : elementsNamed(f, c.path.slice(c.path.lastIndexOf('/') + 1));
  for (const el of candidates) {
    const v = elementMatches(el, c, ctx);
    if (v !== false && c.sibling && !siblingsMatch(el, f, c, ctx)) continue;
    if (v !== false) out.push({ file: f.file, line: el.line, column: el.column, value: v });
  }
  return out;
}

export const xmlElement: ConditionModule<'xml.element', XmlElementCond> = {
  key: 'xml.element',
  schema: objectOf<XmlElementCond>()(
    'an element of an XML file (comments are not elements); the value is the last attribute matched, the text, ' +
      'or the value matched',
    {
      files: patterns(),
      notFiles: patterns(),
      root: { type: 'string', description: 'the name of the root element' },
      path: {
        type: 'string',
        minLength: 1,
        description:
          "element names from the root, slash-separated; matches the end of an element's path; * is any element",
      },
      name: regex('on the element name'),
      notName: regex(),
      attributes: {
        type: 'object',
        additionalProperties: regex(),
        description: 'attribute name → a regex its value must match',
      },
      absent: names('attributes the element must not have'),
      text: regex(),
      sibling: {
        type: 'object',
        additionalProperties: regex(),
        description: 'element name → a regex the text of an element of that name beside this one must match',
      },
      value: regex('tried on every attribute value (not namespaces) and on the text'),
      notValue: regex(),
    },
    ['path'],
  ),
  evaluator: (cond) => {
    const c = { ...cond, attributeList: Object.entries(cond.attributes ?? {}) };
    return (f, ctx) => (f.kind === 'xml' ? elementsOf(c, f, ctx) : NONE);
  },
  cases: [
    {
      name: 'a path matches the end of the path from the root, whole names only, namespace prefixes left out',
      when: { 'xml.element': { path: 'session-config/session-timeout' } },
      files: {
        'WEB-INF/web.xml':
          '<web-app>\n<session-config>\n  <session-timeout>30</session-timeout>\n</session-config>\n</web-app>\n',
        'conf/app.xml':
          '<j:app xmlns:j="urn:a">\n<j:session-config><j:session-timeout>5</j:session-timeout></j:session-config>\n' +
          '</j:app>\n',
      },
      expect: ['WEB-INF/web.xml:3', 'conf/app.xml:2'],
      lookAlike: {
        'WEB-INF/web.xml':
          '<web-app>\n<my-session-config>\n  <session-timeout>30</session-timeout>\n</my-session-config>\n' +
          '<session-config><timeout>30</timeout></session-config>\n<session-timeout>9</session-timeout>\n</web-app>\n',
      },
    },
    {
      name: 'an element whose sibling has a text: a context-param named as a password',
      when: { 'xml.element': { path: 'context-param/param-value', sibling: { 'param-name': '(?i)password' } } },
      files: {
        'WEB-INF/web.xml':
          '<web-app>\n<context-param>\n  <param-name>mailPassword</param-name>\n  <param-value>x</param-value>\n' +
          '</context-param>\n</web-app>\n',
      },
      expect: ['WEB-INF/web.xml:4'],
      lookAlike: {
        'WEB-INF/web.xml':
          '<web-app>\n<context-param>\n  <param-name>mailHost</param-name>\n  <param-value>x</param-value>\n' +
          '</context-param>\n<context-param>\n  <param-name>password</param-name>\n</context-param>\n' +
          '<param-value>y</param-value>\n</web-app>\n',
      },
    },
    {
      name: 'attributes and absent attributes, in the files given',
      when: {
        'xml.element': {
          files: '**/struts-config*.xml',
          path: 'action',
          attributes: { name: '.+' },
          absent: ['scope'],
        },
      },
      files: {
        'WEB-INF/struts-config.xml':
          '<struts-config><action-mappings>\n<action path="/a" name="f"/>\n<action path="/b" name="g" scope="request"/>\n' +
          '</action-mappings></struts-config>\n',
      },
      expect: ['WEB-INF/struts-config.xml:2'],
      lookAlike: {
        'WEB-INF/struts-config.xml':
          '<struts-config><action-mappings>\n<!-- <action path="/a" name="f"/> -->\n<action path="/b"/>\n' +
          '</action-mappings></struts-config>\n',
        'other.xml':
          '<struts-config><action-mappings>\n<action path="/a" name="f"/>\n</action-mappings></struts-config>\n',
      },
    },
    {
      name: 'a value in any attribute or text, namespaces left out',
      when: { 'xml.element': { path: '*', value: '^jdbc:mysql:', notValue: 'localhost' } },
      files: {
        'ctx.xml':
          '<beans>\n  <bean><property name="url" value="jdbc:mysql://db/a"/></bean>\n  <url>jdbc:mysql://db2/b</url>\n</beans>\n',
      },
      expect: ['ctx.xml:2', 'ctx.xml:3'],
      lookAlike: {
        'ctx.xml':
          '<beans xmlns="jdbc:mysql:ns">\n  <bean><property name="url" value="jdbc:mysql://localhost/a"/></bean>\n' +
          '  <!-- <url>jdbc:mysql://db2/b</url> -->\n</beans>\n',
      },
    },
  ],
};
