import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Language, Parser, Query } from 'web-tree-sitter';
import { ERROR_QUERY } from './extract.js';

export interface JavaParser {
  parser: Parser;
  // finds where a file that does not parse cleanly goes wrong; compiled on first use, since compiling it walks the
  // grammar's parse states in WebAssembly, which V8 then recompiles with its optimizing compiler: 30-60 ms of CPU that
  // a run whose files all parse never needs
  errors: () => Query;
}

const require = createRequire(import.meta.url);

// V8 runs WebAssembly as baseline code first and recompiles a function with its optimizing compiler once it has run
// for a while (its tiering budget, read when the module is instantiated). For tree-sitter's lexer and parser that
// compile costs more than parsing a few files, and the run waits for it: a parser for a few files gets a budget they
// never use up. Parsers made after it (on worker threads, for large apps) and a parser that serves the apps of a
// portfolio in one thread get V8's default.
const V8_TIERING_BUDGET = 1_800_000;
const FEW_FILES_TIERING_BUDGET = 50_000_000;

/** Loads tree-sitter-java (WASM); the error query is compiled on first use. One per thread. */
export async function createJavaParser(opts: { fewFiles?: boolean } = {}): Promise<JavaParser> {
  if (opts.fewFiles) v8.setFlagsFromString(`--wasm-tiering-budget=${FEW_FILES_TIERING_BUDGET}`);
  try {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-java/tree-sitter-java.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    let errors: Query | undefined;
    return { parser, errors: () => (errors ??= new Query(language, ERROR_QUERY)) };
  } finally {
    if (opts.fewFiles) v8.setFlagsFromString(`--wasm-tiering-budget=${V8_TIERING_BUDGET}`);
  }
}
