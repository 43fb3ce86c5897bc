import type { Node, Query, Tree } from 'web-tree-sitter';
import type {
  Encoding,
  ExprType,
  JavaCall,
  JavaFacts,
  JavaField,
  JavaMethodDecl,
  JavaNew,
  JavaTypeDecl,
  Notice,
} from '../types.js';
import {
  declare,
  enclosing,
  enterAnonymous,
  enterMethod,
  enterType,
  exprType,
  inAnonymousBody,
  isLocalVar,
  leaveEnded,
  newScope,
  textType,
  type Capture,
  type Scope,
} from './scope.js';
import { argsIn, argsOf, at, fieldNode, leadingModifiers, rawType, stringValue, textOf, type Arg } from './syntax.js';

// The nodes every fact is made from, by node type, with the name their handler goes by. The tree is walked once, in C
// (descendantsOfType, in document order), which costs less than half of the same walk by a query of these patterns.
const FACT_NODES: Record<string, string> = {
  package_declaration: 'package',
  import_declaration: 'import',
  class_declaration: 'type.class',
  interface_declaration: 'type.interface',
  enum_declaration: 'type.enum',
  record_declaration: 'type.record',
  annotation_type_declaration: 'type.annotation',
  method_declaration: 'method',
  constructor_declaration: 'init',
  compact_constructor_declaration: 'init',
  static_initializer: 'clinit',
  field_declaration: 'field',
  local_variable_declaration: 'local',
  formal_parameter: 'param',
  spread_parameter: 'spread',
  catch_formal_parameter: 'catch',
  enhanced_for_statement: 'param',
  resource: 'param',
  method_invocation: 'call',
  object_creation_expression: 'new',
  string_literal: 'string',
  annotation: 'annotation',
  marker_annotation: 'annotation',
  assignment_expression: 'assign',
  update_expression: 'update',
  method_reference: 'ref',
  if_statement: 'if',
};
const FACT_NODE_TYPES = Object.keys(FACT_NODES);

// Only for a file that does not parse cleanly: where its first error is.
export const ERROR_QUERY = '(ERROR) @error (MISSING) @missing';

/** What one extraction builds while the fact nodes go by in document order. */
interface Extraction {
  facts: JavaFacts;
  scope: Scope;
  argOf: Map<string, string>; // "start:end" of each call argument → the call it is passed to, as `receiver.method`
  annotations: { end: number; name: string }[]; // the annotations around the current capture, innermost last
  unsetTests: { end: number; names: string[] }[]; // the `if (x == null)`, `if (!x)` around the current capture
  firstLongChain?: Node;
  src: string; // the text the tree was parsed from
  // the method whose parameter list the parameters captured next are in, while they come
  params?: { method: JavaMethodDecl; start: number; end: number };
}

/** The type of an expression: from its text where its shape tells, else from the tree. */
function typeOf(x: Extraction, node: Node, text: string): ExprType | undefined {
  const t = textType(x.scope, text);
  return t === null ? exprType(x.scope, node) : t;
}

function onPackage(x: Extraction, node: Node): void {
  const m = /package\s+([\w.$\s]+?)\s*;/.exec(node.text);
  if (m) x.facts.package = m[1].replace(/\s+/g, '');
}

function onImport(x: Extraction, node: Node): void {
  const m = /import\s+(static\s+)?([\w.$\s]+?)(\s*\.\s*\*)?\s*;/.exec(node.text);
  if (m) x.facts.imports.push({ name: m[2].replace(/\s+/g, ''), wildcard: !!m[3], isStatic: !!m[1], ...at(node) });
}

/** Interfaces a class implements, or an interface extends. */
function superInterfaces(node: Node): string[] {
  const names: string[] = [];
  for (const c of node.children) {
    if (c && (c.type === 'super_interfaces' || c.type === 'extends_interfaces')) {
      const list = c.namedChildren.find((t) => t?.type === 'type_list');
      for (const t of list?.namedChildren ?? []) if (t) names.push(rawType(t.text));
    }
  }
  return names;
}

function onType(x: Extraction, node: Node, kind: JavaTypeDecl['kind']): void {
  const simple = fieldNode(node, 'name')?.text ?? '';
  const superNode = fieldNode(node, 'superclass');
  x.facts.types.push({
    name: simple,
    qualifiedName: [x.facts.package, x.scope.typeNames.join('.'), simple].filter(Boolean).join('.'),
    kind,
    extends: superNode ? rawType(superNode.text.replace(/^extends\s+/, '')) : undefined,
    implements: superInterfaces(node),
    annotations: leadingModifiers(x.src, node.startIndex).annotations,
    methods: [],
    ...at(node),
  });
  enterType(x.scope, node, simple);
}

/**
 * Methods (not constructors or initializers) are declared on the type whose body holds them directly: the latest
 * type of that name, since types come in document order; their parameters are the parameter captures that follow,
 * inside the method's parameter list. A method of an anonymous class is recorded apart, with the method that creates
 * the class.
 */
function onMethod(x: Extraction, node: Node, name: string): void {
  const { typeNames } = x.scope;
  const innermost = typeNames[typeNames.length - 1];
  const anonymous = inAnonymousBody(x.scope);
  if (anonymous) {
    x.facts.anonymousMethods.push({ name, ...enclosing(x.scope), ...at(node) });
  } else if (name !== '<init>' && name !== '<clinit>' && innermost !== undefined) {
    let i = x.facts.types.length - 1;
    while (i >= 0 && x.facts.types[i].name !== innermost) i--;
    const { words, annotations } = leadingModifiers(x.src, node.startIndex);
    const method: JavaMethodDecl = {
      name,
      returnType: fieldNode(node, 'type')?.text,
      isStatic: words.has('static'),
      params: [],
      paramTypes: [],
      annotations,
      ...at(node),
    };
    const list = fieldNode(node, 'parameters');
    if (i >= 0) {
      x.facts.types[i].methods.push(method);
      if (list) x.params = { method, start: list.startIndex, end: list.endIndex };
    }
  }
  enterMethod(x.scope, node, name);
}

/** The method whose parameter list holds a parameter starting here, if one is being read. */
function paramsAt(x: Extraction, start: number): JavaMethodDecl | undefined {
  const p = x.params;
  if (p && start >= p.end) x.params = undefined;
  return p && start >= p.start && start < p.end ? p.method : undefined;
}

function onField(x: Extraction, node: Node): void {
  const type = fieldNode(node, 'type')?.text ?? '';
  const { words } = leadingModifiers(x.src, node.startIndex);
  const isStatic = words.has('static');
  const isFinal = words.has('final');
  const owner = x.scope.typeNames[x.scope.typeNames.length - 1] ?? '';
  for (const d of node.childrenForFieldName('declarator')) {
    if (!d) continue;
    const name = fieldNode(d, 'name')?.text ?? '';
    const field: JavaField = { owner, name, type, isStatic, isFinal, ...at(d) };
    const value = fieldNode(d, 'value');
    if (value) field.initializer = value.text;
    x.facts.fields.push(field);
  }
}

/** Local variables; `var` takes the type of its initializer where the file says it. */
function onLocal(x: Extraction, node: Node): void {
  const type = fieldNode(node, 'type')?.text;
  for (const d of node.childrenForFieldName('declarator')) {
    const n = fieldNode(d, 'name')?.text;
    if (type === 'var') declare(x.scope, n, exprType(x.scope, fieldNode(d, 'value')));
    else declare(x.scope, n, type);
  }
}

/** Parameters belong to the method frame pushed just before them. */
/** A parameter, a for-each variable or a resource: a variable of the innermost body, and a method's parameter. */
function onParam(x: Extraction, node: Node): void {
  const nameNode = fieldNode(node, 'name');
  const typeNode = fieldNode(node, 'type');
  const name = nameNode ? textOf(x.src, nameNode) : undefined;
  const type = typeNode ? textOf(x.src, typeNode) : undefined;
  declare(x.scope, name, type);
  const method = paramsAt(x, node.startIndex);
  if (!method || !nameNode) return;
  // a parameter whose name is missing (a file that does not parse) has a type and no name
  if (name) method.params.push(name);
  method.paramTypes?.push(type ?? '');
}

/** A varargs parameter (`String... names`): a method's parameter, with no declared type recorded. */
function onSpread(x: Extraction, node: Node): void {
  const method = paramsAt(x, node.startIndex);
  const named = method && node.namedChildren.find((c) => c?.type === 'variable_declarator');
  if (!method || !named) return;
  const name = textOf(x.src, named);
  if (name) method.params.push(name);
  method.paramTypes?.push('');
}

function onCatch(x: Extraction, node: Node): void {
  const typeNode = node.namedChildren.find((c) => c?.type === 'catch_type');
  declare(x.scope, fieldNode(node, 'name')?.text, typeNode?.text);
}

// Every call of a chain types its receiver by walking the chain below it and copies its text: quadratic on generated
// runs of `sb.append("x").append("x")...` (10,000 calls took minutes). Past this many calls, neither.
export const MAX_CALL_CHAIN = 64;
const CUT_RECEIVER = 120;

/** Whether more than MAX_CALL_CHAIN calls are chained below a receiver: a walk that stops there. */
function isLongChain(receiver: Node): boolean {
  let calls = 0;
  for (let at: Node | null = receiver; at && calls <= MAX_CALL_CHAIN;) {
    if (at.type === 'parenthesized_expression') at = at.namedChild(0);
    else if (at.type !== 'method_invocation') break;
    else {
      calls++;
      at = fieldNode(at, 'object');
    }
  }
  return calls > MAX_CALL_CHAIN;
}

/** A receiver as written and its type; the start of it, cut and untyped, when it is a long chain. */
function receiverOf(x: Extraction, obj: Node): { text: string; type?: ExprType } {
  const start = obj.startIndex;
  const end = obj.endIndex;
  if (end - start <= CUT_RECEIVER) {
    const text = x.src.slice(start, end);
    const type = textType(x.scope, text);
    if (type !== null) return { text, type };
  }
  if (!isLongChain(obj)) return { text: x.src.slice(start, end), type: exprType(x.scope, obj) };
  x.firstLongChain ??= obj;
  return { text: `${x.src.slice(start, start + CUT_RECEIVER)}…` };
}

/**
 * A call's receiver, name and argument list from one read of its children (`[object, ...] name arguments`), not
 * three reads by field; by field when a comment sits among them.
 */
function callParts(x: Extraction, node: Node): { obj: Node | null; nameNode: Node | null; args: Arg[] } {
  const kids = node.namedChildren;
  const n = kids.length;
  const list = kids[n - 1];
  const name = kids[n - 2];
  const obj = n >= 3 ? kids[0] : null;
  if (
    list &&
    name &&
    x.src[list.startIndex] === '(' &&
    x.src[name.startIndex] !== '/' &&
    x.src[obj?.startIndex ?? 0] !== '/'
  )
    return { obj, nameNode: name, args: argsIn(x.src, list) };
  return { obj: fieldNode(node, 'object'), nameNode: fieldNode(node, 'name'), args: argsOf(x.src, node) };
}

function onCall(x: Extraction, node: Node): void {
  const { obj, nameNode, args } = callParts(x, node);
  const name = nameNode ? textOf(x.src, nameNode) : '';
  const receiver = obj ? receiverOf(x, obj) : undefined;
  const label = `${receiver !== undefined ? `${receiver.text}.` : ''}${name}`;
  const texts: string[] = [];
  const types: (ExprType | undefined)[] = [];
  for (const a of args) {
    const start = a.node.startIndex;
    x.argOf.set(`${start}:${start + a.text.length}`, label);
    texts.push(a.text);
    types.push(typeOf(x, a.node, a.text));
  }
  const call: JavaCall = {
    name,
    receiver: receiver?.text,
    receiverType: receiver?.type,
    args: texts,
    argTypes: types,
    ...enclosing(x.scope),
    ...at(nameNode ?? node),
  };
  if (receiver && isLocalVar(x.scope, receiver.text)) call.receiverLocal = true;
  const localArgs = localsAmong(x, texts);
  if (localArgs) call.localArgs = localArgs;
  const outer = x.argOf.get(`${node.startIndex}:${node.endIndex}`);
  if (outer) call.argOf = outer;
  if (unsetTestedAround(x, node)) call.lazy = true;
  x.facts.calls.push(call);
}

function onMethodRef(x: Extraction, node: Node): void {
  const receiver = node.namedChild(0);
  const last = node.child(node.childCount - 1);
  if (!receiver || !last) return;
  x.facts.methodRefs.push({
    name: last.type === 'new' ? 'new' : last.text,
    receiver: receiver.text,
    receiverType: exprType(x.scope, receiver),
    ...enclosing(x.scope),
    ...at(node),
  });
}

const BRACE = '}'.charCodeAt(0);
const ELEMENT_INDEX = /\s*\[[\s\S]*$/;

/** An object creation; the methods of an anonymous class's body (`new T(...) {...}`, its last child) are its own. */
function onNew(x: Extraction, node: Node): void {
  const end = node.endIndex;
  // the only object creation that ends with a brace is one with a class body
  if (x.src.charCodeAt(end - 1) === BRACE) enterAnonymous(x.scope, end);
  const args = argsOf(x.src, node).map((a) => a.text);
  const created: JavaNew = {
    type: rawType(fieldNode(node, 'type')?.text ?? ''),
    args,
    ...enclosing(x.scope),
    ...at(node),
  };
  const localArgs = localsAmong(x, args);
  if (localArgs) created.localArgs = localArgs;
  x.facts.news.push(created);
}

/** The indexes of the arguments that are a parameter or a local variable of the method, when there are any. */
function localsAmong(x: Extraction, args: string[]): number[] | undefined {
  let out: number[] | undefined;
  for (let i = 0; i < args.length; i++) if (isLocalVar(x.scope, args[i])) (out ??= []).push(i);
  return out;
}

/**
 * The annotation a literal is a value of (`@XmlRootElement(namespace = "...")`), as `@Name`: from the annotations
 * captured before it (captures come in document order), never by walking up the tree, whose parent links cost a
 * walk from the root each (quadratic on generated files of long string concatenations).
 */
function annotationOf(x: Extraction, node: Node): string | undefined {
  const open = x.annotations;
  while (open.length && open[open.length - 1].end <= node.startIndex) open.pop();
  return open.length ? `@${open[open.length - 1].name}` : undefined;
}

function onString(x: Extraction, node: Node): void {
  const start = node.startIndex;
  const end = node.endIndex;
  const outer = x.argOf.get(`${start}:${end}`) ?? annotationOf(x, node);
  x.facts.strings.push({
    value: stringValue(x.src.slice(start, end)),
    ...at(node),
    ...(outer ? { argOf: outer } : {}),
  });
}

function onAnnotation(x: Extraction, node: Node): void {
  const args = fieldNode(node, 'arguments');
  const name = fieldNode(node, 'name')?.text ?? '';
  x.facts.annotations.push({ name, ...at(node), ...(args ? { args: args.text } : {}) });
  annotationOf(x, node); // closes the annotations that ended before this one
  x.annotations.push({ end: node.endIndex, name });
}

// `x == null`, `null == x`, `!x` (not `!x.y()` nor `!x(...)`)
const UNSET_TEST = /([\w$.]+)\s*==\s*null\b|\bnull\s*==\s*([\w$.]+)|!\s*([\w$]+(?:\.[\w$]+)?)\b(?!\s*[.(\w$])/g;

// the `if` statements a capture at this position is no longer inside (they nest, so the ended ones are on top)
function dropEnded(x: Extraction, position: number): void {
  while (x.unsetTests.length && x.unsetTests[x.unsetTests.length - 1].end <= position) x.unsetTests.pop();
}

/** An `if` whose condition tests names as unset (null, false): what runs inside it may be lazy initialization. */
function onIfCondition(x: Extraction, ifNode: Node, condition: Node): void {
  // a lazy initialization tests a name or two; a long condition is something else (and kept off the regex)
  if (condition.endIndex - condition.startIndex > 300) return;
  const text = condition.text;
  if (!/null|!/.test(text)) return;
  dropEnded(x, condition.startIndex);
  const names = [...text.matchAll(UNSET_TEST)]
    .filter((m) => !(m[3] && text[m.index + m[0].length] === '='))
    .map((m) => (m[3] ? `!${m[3]}` : (m[1] ?? m[2])).replace(/^(!?)this\./, '$1'));
  // the branch taken when the names are unset, not an `else`
  const then = fieldNode(ifNode, 'consequence');
  if (names.length && then) x.unsetTests.push({ end: then.endIndex, names });
}

/** The names tested as unset by the `if` statements around the node, in its method. */
function unsetTestedAround(x: Extraction, node: Node): string[] | undefined {
  dropEnded(x, node.startIndex);
  return x.unsetTests.length ? x.unsetTests.flatMap((t) => t.names) : undefined;
}

function onWrite(x: Extraction, target: Node | null, node: Node): void {
  if (!target) return;
  const unsetTested = unsetTestedAround(x, node);
  const text = target.text;
  x.facts.writes.push({
    target: text,
    ...enclosing(x.scope),
    ...at(node),
    ...(unsetTested ? { unsetTested } : {}),
    // `counts[0] = 1` changes the array a local `counts` holds, not a field's
    ...(isLocalVar(x.scope, text.replace(ELEMENT_INDEX, '')) ? { local: true as const } : {}),
  });
}

/** What each fact node adds to the facts. */
const ON_CAPTURE: Record<string, (x: Extraction, node: Node) => void> = {
  package: onPackage,
  import: onImport,
  'type.class': (x, node) => onType(x, node, 'class'),
  'type.interface': (x, node) => onType(x, node, 'interface'),
  'type.enum': (x, node) => onType(x, node, 'enum'),
  'type.record': (x, node) => onType(x, node, 'record'),
  'type.annotation': (x, node) => onType(x, node, 'annotation'),
  method: (x, node) => onMethod(x, node, fieldNode(node, 'name')?.text ?? '?'),
  init: (x, node) => onMethod(x, node, '<init>'),
  clinit: (x, node) => onMethod(x, node, '<clinit>'),
  field: onField,
  local: onLocal,
  param: onParam,
  spread: onSpread,
  catch: onCatch,
  call: onCall,
  new: onNew,
  ref: onMethodRef,
  if: (x, node) => {
    const condition = fieldNode(node, 'condition');
    if (condition) onIfCondition(x, node, condition);
  },
  string: onString,
  annotation: onAnnotation,
  assign: (x, node) => onWrite(x, fieldNode(node, 'left'), node),
  update: (x, node) => onWrite(x, node.namedChild(0), node),
};

function emptyFacts(tree: Tree, file: string, encoding: Encoding): JavaFacts {
  return {
    kind: 'java',
    file,
    imports: [],
    types: [],
    fields: [],
    calls: [],
    news: [],
    strings: [],
    annotations: [],
    writes: [],
    methodRefs: [],
    anonymousMethods: [],
    lineCount: tree.rootNode.endPosition.row + 1,
    encoding,
  };
}

const MATCH_LIMIT = 65536;

/** The fact nodes of a tree, in document order. */
function factNodes(tree: Tree): Capture[] {
  return tree.rootNode.descendantsOfType(FACT_NODE_TYPES).map((node) => ({ name: FACT_NODES[node.type], node }));
}

/** The first ERROR or MISSING node of a tree that has one. */
function firstError(tree: Tree, errors: () => Query): Node | undefined {
  // an explicit bound on in-progress matches: without one, a query runs in quadratic time on generated files of long
  // expression chains (a 10,000-line string table took 90 s, 0.1 s with the bound, with the same captures)
  return errors().captures(tree.rootNode, { matchLimit: MATCH_LIMIT })[0]?.node;
}

/**
 * Extracts facts from one parsed Java file (`parsed`: the text it was parsed from; `errors`: ERROR_QUERY compiled,
 * asked for only when the file does not parse cleanly). The caller deletes the tree.
 */
export function extractJavaFacts(
  tree: Tree,
  errors: () => Query,
  file: string,
  encoding: Encoding,
  parsed: string,
): { facts: JavaFacts; notices: Notice[] } {
  const captures = factNodes(tree);
  const x: Extraction = {
    facts: emptyFacts(tree, file, encoding),
    scope: newScope(captures),
    argOf: new Map(),
    annotations: [],
    unsetTests: [],
    src: parsed,
  };
  for (const { name, node } of captures) {
    leaveEnded(x.scope, node.startIndex);
    ON_CAPTURE[name]?.(x, node);
  }
  const notices: Notice[] = [];
  if (tree.rootNode.hasError) {
    const error = firstError(tree, errors);
    const where = error ? at(error) : { line: 1, column: 1 };
    notices.push({ kind: 'parse-error', file, line: where.line });
  }
  if (x.firstLongChain) {
    const detail = `calls chained more than ${MAX_CALL_CHAIN} deep are not typed past the ${MAX_CALL_CHAIN}th`;
    notices.push({ kind: 'limit', file, line: at(x.firstLongChain).line, detail });
  }
  return { facts: x.facts, notices };
}
