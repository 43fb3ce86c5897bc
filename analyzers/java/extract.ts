import type { Node, Query, Tree } from 'web-tree-sitter';
import type {
  Encoding,
  JavaAnnotation,
  JavaCall,
  JavaFacts,
  JavaField,
  JavaNew,
  JavaString,
  JavaTypeDecl,
  JavaWrite,
  Notice,
} from '../types.js';

// One query finds every node a fact is made from; the tree is walked by the query engine, not in JavaScript.
export const FACT_QUERY = `
(package_declaration) @package
(import_declaration) @import
[(class_declaration) (interface_declaration) (enum_declaration) (record_declaration) (annotation_type_declaration)] @type
[(method_declaration) (constructor_declaration) (compact_constructor_declaration) (static_initializer)] @method
(field_declaration) @field
(local_variable_declaration) @local
[(formal_parameter) (catch_formal_parameter) (enhanced_for_statement) (resource)] @param
(method_invocation) @call
(object_creation_expression) @new
(string_literal) @string
[(annotation) (marker_annotation)] @annotation
(assignment_expression) @assign
(update_expression) @update
(ERROR) @error
(MISSING) @missing
`;

const TYPE_KIND: Record<string, JavaTypeDecl['kind']> = {
  class_declaration: 'class',
  interface_declaration: 'interface',
  enum_declaration: 'enum',
  record_declaration: 'record',
  annotation_type_declaration: 'annotation',
};

interface Frame {
  end: number;
  kind: 'type' | 'method';
  name: string;
  vars: Map<string, string>;
}

const at = (n: Node) => ({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 });

function modifiersOf(n: Node): Node | undefined {
  for (const c of n.children) if (c?.type === 'modifiers') return c;
  return undefined;
}

function hasModifier(n: Node, word: string): boolean {
  const m = modifiersOf(n);
  if (!m) return false;
  for (const c of m.children) if (c?.type === word) return true;
  return false;
}

function annotationNames(n: Node): string[] {
  const m = modifiersOf(n);
  if (!m) return [];
  const names: string[] = [];
  for (const c of m.namedChildren) {
    if (c && (c.type === 'annotation' || c.type === 'marker_annotation')) {
      const name = c.childForFieldName('name')?.text;
      if (name) names.push(name);
    }
  }
  return names;
}

function argNodes(n: Node): Node[] {
  const args = n.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment');
}

/** Strips generics and array brackets: `Map<String, User>[]` → `Map`. */
export function rawType(t: string): string {
  const lt = t.indexOf('<');
  return (lt >= 0 ? t.slice(0, lt) : t)
    .replace(/\[\s*\]/g, '')
    .replace(/^@\S+\s+/, '')
    .trim();
}

function stringValue(text: string): string {
  if (text.startsWith('"""')) return text.slice(3, -3);
  return text.slice(1, -1);
}

/** Extracts facts from one parsed Java file. The caller owns and deletes the tree. */
export function extractJavaFacts(
  tree: Tree,
  query: Query,
  file: string,
  encoding: Encoding = 'utf-8',
): { facts: JavaFacts; notices: Notice[] } {
  const facts: JavaFacts = {
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
    lineCount: tree.rootNode.endPosition.row + 1,
    encoding,
  };
  const notices: Notice[] = [];
  const captures = query.captures(tree.rootNode);

  // Pass 1: fields per type body, so a receiver can be resolved to a field declared later in the file.
  const fieldsByTypeStart = new Map<number, Map<string, string>>();
  const typeStarts: { start: number; end: number }[] = [];
  for (const { name, node } of captures) {
    if (name === 'type') typeStarts.push({ start: node.startIndex, end: node.endIndex });
    else if (name === 'field') {
      let owner: { start: number; end: number } | undefined;
      for (const t of typeStarts) if (t.start <= node.startIndex && node.endIndex <= t.end) owner = t;
      if (!owner) continue;
      const map = fieldsByTypeStart.get(owner.start) ?? new Map<string, string>();
      fieldsByTypeStart.set(owner.start, map);
      const type = node.childForFieldName('type')?.text ?? '';
      for (const d of node.childrenForFieldName('declarator')) {
        const n = d?.childForFieldName('name')?.text;
        if (n) map.set(n, type);
      }
    }
  }

  const stack: Frame[] = [];
  // "start:end" of each call argument → the call it is passed to, as `receiver.method`
  const argOf = new Map<string, string>();
  const typeNames: string[] = [];
  let firstError: Node | undefined;

  const enclosing = () => {
    let type: string | undefined;
    let method: string | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.kind === 'method' && method === undefined && type === undefined) method = f.name;
      if (f.kind === 'type') {
        type = f.name;
        break;
      }
    }
    return { enclosingType: type, enclosingMethod: method ?? (type ? '<field>' : undefined) };
  };
  const lookupVar = (v: string): string | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const t = stack[i].vars.get(v);
      if (t !== undefined) return t;
    }
    return undefined;
  };
  const declare = (v: string | undefined, type: string | undefined) => {
    if (v && type && stack.length) stack[stack.length - 1].vars.set(v, type);
  };

  // The declared type of an expression where the file says it; method calls become `Type#method()` chains
  // that the project-wide resolver finishes.
  const exprType = (n: Node | null | undefined): string | undefined => {
    if (!n) return undefined;
    switch (n.type) {
      case 'identifier': {
        const v = lookupVar(n.text);
        if (v) return rawType(v);
        return /^[A-Z]/.test(n.text) ? n.text : undefined; // a type name used as a static receiver
      }
      case 'field_access': {
        const obj = n.childForFieldName('object');
        const fld = n.childForFieldName('field')?.text;
        if (obj?.type === 'this' && fld) return lookupVar(fld) ? rawType(lookupVar(fld)!) : undefined;
        return /^[a-z_$][\w$]*(\.[a-z_$][\w$]*)*\.[A-Z][\w$]*$/.test(n.text) ? n.text : undefined;
      }
      case 'method_invocation': {
        const obj = n.childForFieldName('object');
        const base = obj ? exprType(obj) : '';
        if (base === undefined) return undefined;
        return `${base}#${n.childForFieldName('name')?.text}()`;
      }
      case 'object_creation_expression':
        return rawType(n.childForFieldName('type')?.text ?? '');
      case 'cast_expression':
        return rawType(n.childForFieldName('type')?.text ?? '');
      case 'parenthesized_expression':
        return exprType(n.namedChild(0));
      case 'string_literal':
        return 'String';
      default:
        return undefined;
    }
  };

  for (const { name, node } of captures) {
    const start = node.startIndex;
    while (stack.length && start >= stack[stack.length - 1].end) {
      if (stack.pop()!.kind === 'type') typeNames.pop();
    }
    switch (name) {
      case 'package': {
        const m = /package\s+([\w.$\s]+?)\s*;/.exec(node.text);
        if (m) facts.package = m[1].replace(/\s+/g, '');
        break;
      }
      case 'import': {
        const m = /import\s+(static\s+)?([\w.$\s]+?)(\s*\.\s*\*)?\s*;/.exec(node.text);
        if (m) facts.imports.push({ name: m[2].replace(/\s+/g, ''), wildcard: !!m[3], isStatic: !!m[1], ...at(node) });
        break;
      }
      case 'type': {
        const simple = node.childForFieldName('name')?.text ?? '';
        const superNode = node.childForFieldName('superclass');
        const impl: string[] = [];
        for (const c of node.children) {
          if (c && (c.type === 'super_interfaces' || c.type === 'extends_interfaces')) {
            const list = c.namedChildren.find((x) => x?.type === 'type_list');
            for (const t of list?.namedChildren ?? []) if (t) impl.push(rawType(t.text));
          }
        }
        const outer = typeNames.join('.');
        const qualified = [facts.package, outer, simple].filter(Boolean).join('.');
        facts.types.push({
          name: simple,
          qualifiedName: qualified,
          kind: TYPE_KIND[node.type] ?? 'class',
          extends: superNode ? rawType(superNode.text.replace(/^extends\s+/, '')) : undefined,
          implements: impl,
          annotations: annotationNames(node),
          methods: [],
          ...at(node),
        });
        const vars = new Map(fieldsByTypeStart.get(node.startIndex) ?? []);
        stack.push({ end: node.endIndex, kind: 'type', name: simple, vars });
        typeNames.push(simple);
        break;
      }
      case 'method': {
        const kind = node.type;
        const mname =
          kind === 'static_initializer'
            ? '<clinit>'
            : kind === 'method_declaration'
              ? (node.childForFieldName('name')?.text ?? '?')
              : '<init>';
        const owner = facts.types[facts.types.length - 1];
        if (kind === 'method_declaration' && owner && typeNames[typeNames.length - 1] === owner.name) {
          owner.methods.push({
            name: mname,
            returnType: node.childForFieldName('type')?.text,
            isStatic: hasModifier(node, 'static'),
            ...at(node),
          });
        }
        stack.push({ end: node.endIndex, kind: 'method', name: mname, vars: new Map() });
        break;
      }
      case 'field': {
        const type = node.childForFieldName('type')?.text ?? '';
        const isStatic = hasModifier(node, 'static');
        const isFinal = hasModifier(node, 'final');
        const owner = typeNames[typeNames.length - 1] ?? '';
        for (const d of node.childrenForFieldName('declarator')) {
          if (!d) continue;
          const field: JavaField = {
            owner,
            name: d.childForFieldName('name')?.text ?? '',
            type,
            isStatic,
            isFinal,
            ...at(d),
          };
          const value = d.childForFieldName('value');
          if (value) field.initializer = value.text;
          facts.fields.push(field);
        }
        break;
      }
      case 'local': {
        const type = node.childForFieldName('type')?.text;
        for (const d of node.childrenForFieldName('declarator')) {
          const n = d?.childForFieldName('name')?.text;
          if (type === 'var') declare(n, exprType(d?.childForFieldName('value')));
          else declare(n, type);
        }
        break;
      }
      case 'param': {
        const typeNode =
          node.type === 'catch_formal_parameter'
            ? node.namedChildren.find((c) => c?.type === 'catch_type')
            : node.childForFieldName('type');
        // parameters belong to the method frame pushed just before them
        declare(node.childForFieldName('name')?.text, typeNode?.text);
        break;
      }
      case 'call': {
        const obj = node.childForFieldName('object');
        const args = argNodes(node);
        const label = `${obj ? `${obj.text}.` : ''}${node.childForFieldName('name')?.text ?? ''}`;
        for (const a of args) argOf.set(`${a.startIndex}:${a.endIndex}`, label);
        const call: JavaCall = {
          name: node.childForFieldName('name')?.text ?? '',
          receiver: obj?.text,
          receiverType: obj ? exprType(obj) : undefined,
          args: args.map((a) => a.text),
          argTypes: args.map((a) => exprType(a)),
          ...enclosing(),
          ...at(node.childForFieldName('name') ?? node),
        };
        const outer = argOf.get(`${node.startIndex}:${node.endIndex}`);
        if (outer) call.argOf = outer;
        facts.calls.push(call);
        break;
      }
      case 'new': {
        const n: JavaNew = {
          type: rawType(node.childForFieldName('type')?.text ?? ''),
          args: argNodes(node).map((a) => a.text),
          ...enclosing(),
          ...at(node),
        };
        facts.news.push(n);
        break;
      }
      case 'string': {
        const s: JavaString = { value: stringValue(node.text), ...at(node) };
        const outer = argOf.get(`${node.startIndex}:${node.endIndex}`);
        if (outer) s.argOf = outer;
        facts.strings.push(s);
        break;
      }
      case 'annotation': {
        const a: JavaAnnotation = { name: node.childForFieldName('name')?.text ?? '', ...at(node) };
        const args = node.childForFieldName('arguments');
        if (args) a.args = args.text;
        facts.annotations.push(a);
        break;
      }
      case 'assign':
      case 'update': {
        const target = name === 'assign' ? node.childForFieldName('left') : node.namedChild(0);
        if (target) {
          const w: JavaWrite = { target: target.text, ...enclosing(), ...at(node) };
          facts.writes.push(w);
        }
        break;
      }
      case 'error':
      case 'missing':
        if (!firstError) firstError = node;
        break;
    }
  }

  if (firstError || tree.rootNode.hasError) {
    const where = firstError ? at(firstError) : { line: 1, column: 1 };
    notices.push({
      kind: 'parse-error',
      file,
      line: where.line,
    });
  }
  return { facts, notices };
}
