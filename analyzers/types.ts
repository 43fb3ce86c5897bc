// Types shared by the analyzers and everything downstream (generators, refactors, cli).
import type { ConfigFacts } from './config/config-facts.js';
import type { Condition } from './engine/conditions/index.js';

export type Encoding = 'utf-8' | 'gbk' | 'iso-8859-1' | 'utf-16le' | 'utf-16be';

export interface CommentSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number; // exclusive
}

export interface Location {
  line: number; // 1-based
  column: number; // 1-based, UTF-16 code units
}

export type NoticeKind =
  | 'parse-error'
  | 'binary-skipped'
  | 'too-large'
  | 'symlink-loop'
  | 'symlink-outside'
  | 'unreadable'
  | 'encoding'
  | 'excluded-tree'
  | 'several-webapps'
  | 'rules'
  | 'limit';

export interface Notice {
  kind: NoticeKind;
  file?: string; // relative, forward slashes
  line?: number;
  detail?: string; // technical detail (an OS error, a parser message, sizes); reports word the notice by its kind
}

export type FileKind =
  | 'java'
  | 'xml'
  | 'properties'
  | 'gradle'
  | 'jsp'
  | 'js'
  | 'jar' // listed, never read
  | 'other';

export interface ScannedFile {
  rel: string; // relative to the app root, forward slashes
  abs: string;
  size: number;
  kind: FileKind;
}

// ---- Java facts ----

export interface JavaImport extends Location {
  name: string; // e.g. javax.servlet.http.HttpSession or javax.servlet.http (wildcard)
  wildcard: boolean;
  isStatic: boolean;
}

export interface JavaMethodDecl extends Location {
  name: string;
  returnType?: string;
  isStatic: boolean;
  params: string[]; // parameter names, in order
  paramTypes?: string[]; // their declared types as written, in the same order
  annotations: string[]; // simple or qualified names as written
}

export interface JavaTypeDecl extends Location {
  name: string; // simple name
  qualifiedName: string;
  kind: 'class' | 'interface' | 'enum' | 'record' | 'annotation';
  extends?: string;
  implements: string[]; // for interfaces: extended interfaces
  annotations: string[];
  methods: JavaMethodDecl[];
}

export interface JavaField extends Location {
  owner: string; // simple name of the declaring type
  name: string;
  type: string;
  isStatic: boolean;
  isFinal: boolean;
  initializer?: string;
}

/**
 * Calls whose type the file alone cannot tell: `Helper.get().session()` is `{ base: 'Helper', calls: ['get',
 * 'session'] }`; without a base, the first call is a method of the enclosing type. The project's type index
 * finishes them (resolveExprType).
 */
export interface CallChain {
  base?: string;
  calls: string[];
}

/** The type of an expression as the file states it: a type name as written, or a call chain. */
export type ExprType = string | CallChain;

export interface JavaCall extends Location {
  name: string;
  receiver?: string; // source text of the receiver expression
  receiverType?: ExprType; // type of the receiver where a declaration gives it
  args: string[];
  argTypes: (ExprType | undefined)[];
  enclosingType?: string;
  enclosingMethod?: string; // <clinit>, <init>, <field> or the method name
  argOf?: string; // the call this call is an argument of, as `receiver.method`
  lazy?: true; // inside an `if` that tests a name as unset (`x == null`, `!x`): done once, when a value is missing
  receiverLocal?: true; // the receiver is a parameter or a local variable of the method, not a field
  localArgs?: number[]; // the indexes of the arguments that are a parameter or a local variable of the method
}

export interface JavaNew extends Location {
  type: string;
  args: string[];
  enclosingType?: string;
  enclosingMethod?: string;
  localArgs?: number[]; // the indexes of the arguments that are a parameter or a local variable of the method
}

export interface JavaString extends Location {
  value: string; // contents without quotes, escapes left as written
  argOf?: string; // the call this literal is an argument of, as `receiver.method`; `@Name` in an annotation
}

export interface JavaAnnotation extends Location {
  name: string;
  args?: string;
}

/** A method reference (`Foo::bar`, `this::bar`, `Foo::new`): a call the code makes later, from where it is. */
export interface JavaMethodRef extends Location {
  name: string; // `new` for a constructor reference
  receiver: string;
  receiverType?: ExprType;
  enclosingType?: string;
  enclosingMethod?: string;
}

/** A method of an anonymous class, which the method creating the class may have run (a callback, a `run()`). */
export interface JavaAnonymousMethod extends Location {
  name: string;
  enclosingType?: string; // the named type the anonymous class is written in
  enclosingMethod?: string; // the method that creates it
}

export interface JavaWrite extends Location {
  target: string; // the assigned or incremented expression's text
  enclosingType?: string;
  enclosingMethod?: string;
  unsetTested?: string[]; // names the `if`s around the write test against null (`x`), or negate (`!x`): lazy set-up
  local?: true; // the target is a parameter or a local variable of the method, not a field
}

export interface JavaFacts {
  kind: 'java';
  file: string;
  page?: boolean; // the Java of a JSP page (scriptlets, expressions, declarations), not a source file
  package?: string;
  imports: JavaImport[];
  types: JavaTypeDecl[];
  fields: JavaField[];
  calls: JavaCall[];
  news: JavaNew[];
  strings: JavaString[];
  annotations: JavaAnnotation[];
  writes: JavaWrite[];
  methodRefs: JavaMethodRef[];
  anonymousMethods: JavaAnonymousMethod[];
  // No text: snippets and the few rules that read Java as text get the lines on demand (source-lines.ts),
  // which keeps a large tree's facts small on their way back from the worker threads.
  lineCount: number;
  encoding: Encoding;
}

// ---- config facts ----

export interface XmlElement extends Location {
  name: string;
  path: string; // slash-separated names from the root element, e.g. web-app/session-config
  attributes: Record<string, string>;
  text: string;
}

export interface XmlFacts {
  kind: 'xml';
  file: string;
  root?: string;
  doctype?: string;
  namespace?: string;
  elements: XmlElement[];
  comments: CommentSpan[];
  lines: string[];
}

export interface PropertyEntry extends Location {
  key: string;
  value: string;
}

export interface PropertiesFacts {
  kind: 'properties';
  format?: 'yaml'; // a YAML file's values under their flattened keys (read by the same rules, not edited by fixes)
  file: string;
  entries: PropertyEntry[];
  comments: CommentSpan[];
  lines: string[];
}

/**
 * A text file. A script's text (.js, often large, read by few rules) is not kept: its lines and comments are absent,
 * and `EvalContext.lines` reads it again, in the encoding it was read in, when a rule needs it.
 */
export interface TextFacts {
  kind: 'text';
  file: string;
  fileKind: FileKind;
  lines?: string[];
  comments?: CommentSpan[];
  encoding?: Encoding; // a script's, to read it again
}

export type FileFacts = JavaFacts | XmlFacts | PropertiesFacts | TextFacts;

export interface Dependency {
  group?: string;
  artifact: string;
  version?: string;
  scope?: string;
  file: string;
  line: number;
}

export interface BuildFacts {
  tool: 'maven' | 'gradle' | 'ant' | 'none';
  file?: string;
  packaging?: string;
  javaSource?: string; // as the build file says it: 1.6, 8, 17
  javaTarget?: string;
  sourceEncoding?: string;
  dependencies: Dependency[];
  plugins: { group?: string; artifact: string; version?: string }[];
  warFile?: string; // where an Ant build writes its WAR, when build.xml says it plainly
  antTarget?: string; // the Ant target that builds the WAR: the one holding <war>, else the project's default
  sourceRoots?: string[]; // the folders the Java sources are compiled from, the most used first
  version?: string; // the project's version (Maven)
  modules?: ModuleInfo[]; // the Maven reactor or Gradle subprojects, each in or out of the deployed app
}

/** Where a file belongs: the deployed app, or code and files that never run in it. */
export type Scope = 'app' | 'build' | 'test' | 'docs' | 'tool';

export interface ModuleInfo {
  dir: string; // relative to the project root, '' for the root
  name: string;
  packaging?: string;
  scope: Scope;
  why: string;
}

export interface ProjectFacts {
  root: string;
  files: FileFacts[];
  build: BuildFacts;
  config: ConfigFacts;
  bundledTomcats: { dir: string; version?: string }[];
  notices: Notice[];
}

// ---- findings ----

export type Category = 'mandatory' | 'optional' | 'potential';
export type Lang = 'en' | 'zh-CN';
export type Localized = Record<Lang, string>;

export interface Finding {
  ruleId: string;
  category: Category;
  effort: number;
  tags: string[];
  file: string;
  line: number;
  column: number;
  title: Localized;
  message: Localized;
  snippet: string;
  fix?: string;
  // outside the deployed app (build, test, docs, tool): listed, never counted in the verdict, score or effort
  scope?: Exclude<Scope, 'app'>;
  // what the rule matched, unmasked, for the fixes: never printed by a report
  matched: { value?: string; detail?: string };
}

// ---- rules ----

// A condition's keys and their values are declared by the condition modules (analyzers/engine/conditions/).
export type { Condition } from './engine/conditions/index.js';

export interface Rule {
  id: string;
  category: Category;
  effort: number;
  tags: string[];
  title: Localized;
  message: Localized;
  links?: string[];
  fix?: string;
  mask?: boolean; // the matched value is a secret: masked in every output
  when: Condition;
  source?: string; // the YAML file it came from
  linearRegex?: boolean; // a user's rule: its regexes run on a linear-time engine
}
