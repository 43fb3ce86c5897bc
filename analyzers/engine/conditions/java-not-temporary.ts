import type { JavaCall, JavaNew } from '../../types.js';
import type { ConditionModule, NestedCondition } from '../types.js';
import { NONE } from './matches.js';
import { condition } from './schema-parts.js';
import { writesTemporaryFile } from './temporary-files.js';

export const javaNotTemporary: ConditionModule<'java.notTemporary', NestedCondition> = {
  key: 'java.notTemporary',
  schema: {
    ...condition(),
    description:
      'the matches of the condition (file writes) that do not write a temporary file: one the method made with ' +
      'createTempFile, deleted later in the same method (delete(), Files.delete, FileUtils.deleteQuietly), marked ' +
      'deleteOnExit, or a parameter of a private helper that every caller in the file fills with such a file',
  },
  evaluator(part, compile) {
    const evaluate = compile(part);
    return (f, ctx) => {
      const found = evaluate(f, ctx);
      if (f.kind !== 'java' || !found.length) return found;
      const text = ctx.lines(f);
      const sites = new Map<string, JavaCall | JavaNew>();
      for (const x of [...f.news, ...f.calls])
        if (!sites.has(`${x.line}:${x.column}`)) sites.set(`${x.line}:${x.column}`, x);
      const kept = found.filter((m) => {
        const site = sites.get(`${m.line}:${m.column}`);
        return !site || !writesTemporaryFile(f, site, text);
      });
      return kept.length ? kept : NONE;
    };
  },
  cases: [
    {
      name: 'a write to a file kept; not one to a temporary file or to a file deleted after it is read',
      when: { 'java.notTemporary': { 'java.new': { type: 'java.io.FileOutputStream' } } },
      files: {
        'A.java': `package a;
import java.io.*;
class A {
  void save(String dir, File old) throws IOException {
    old.delete();
    File f = new File(dir);
    new FileOutputStream(f).close();
  }
  void failed(File f) throws IOException {
    try {
      new FileOutputStream(f).close();
    } catch (IOException e) {
      f.delete();
    }
  }
}
`,
      },
      expect: ['A.java:7', 'A.java:11'],
      lookAlike: {
        'A.java': `package a;
import java.io.*;
import java.nio.file.*;
class A {
  void scratch(String dir, String name) throws IOException {
    String path = dir + name;
    new FileOutputStream(path).close();
    File copy = new File(path);
    copy.delete();
  }
  File temp() throws IOException {
    File t = File.createTempFile("x", ".tmp");
    new FileOutputStream(t.getPath()).close();
    return t;
  }
  void onExit(File f) throws IOException {
    f.deleteOnExit();
    new FileOutputStream(f).close();
  }
  void parse(InputStream in) throws IOException {
    File m = File.createTempFile("m", ".zip");
    copy(in, m);
  }
  private void copy(InputStream in, File target) throws IOException {
    new FileOutputStream(target).close();
  }
}
`,
      },
    },
  ],
};
