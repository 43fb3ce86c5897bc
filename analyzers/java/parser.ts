import { createRequire } from 'node:module';
import { Language, Parser, Query } from 'web-tree-sitter';
import { FACT_QUERY } from './extract.js';

export interface JavaParser {
  parser: Parser;
  query: Query;
}

const require = createRequire(import.meta.url);

/** Loads tree-sitter-java (WASM) and compiles the fact query. One per thread. */
export async function createJavaParser(): Promise<JavaParser> {
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-java/tree-sitter-java.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, query: new Query(language, FACT_QUERY) };
}
