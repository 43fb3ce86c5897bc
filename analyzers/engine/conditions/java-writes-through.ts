import { writeFlow, type WriteFlow, type WriteSite } from '../../java/write-flow.js';
import type { JavaCall, JavaFacts, JavaNew, PropertiesFacts, XmlElement, XmlFacts } from '../../types.js';
import type { Condition, ConditionModule, EvalContext, Evaluator, Match } from '../types.js';
import { matchAt, NONE, scopeOf } from './matches.js';
import { condition, objectOf, regex } from './schema-parts.js';
import { writeTarget } from './temporary-files.js';

export interface JavaWritesThroughCond {
  writes: Condition;
  direct?: boolean; // also the writes themselves, but not those of a generic helper whose callers all supply the path
  argNotFrom?: string; // not the calls whose path argument is worked out from an expression matching this
  settings?: boolean; // instead: the entries of configuration files setting a key whose value names the folder
}

/** The site of a match, and the expressions naming where it writes and what (a receiver with arguments: an upload). */
const siteAt = (f: JavaFacts, m: Match): JavaCall | JavaNew | undefined =>
  f.calls.find((c) => c.line === m.line && c.column === m.column) ??
  f.news.find((n) => n.line === m.line && n.column === m.column);

function writeSite(f: JavaFacts, m: Match): WriteSite | undefined {
  const site = siteAt(f, m);
  if (!site) return undefined;
  const to = writeTarget(site);
  const call = 'name' in site;
  const targets = [to, call && site.args.length ? site.receiver : undefined].filter((x): x is string => !!x);
  const what = call ? `${site.receiver ? `${site.receiver}.` : ''}${site.name}` : `new ${site.type}`;
  return { site, targets, what };
}

/** The entries of a configuration file (properties or YAML) that set a key whose value names a write's folder. */
function settingsIn(f: PropertiesFacts, found: WriteFlow): readonly Match[] {
  const out = f.entries
    .filter((e) => found.settings().has(e.key) && e.value.trim())
    .map((e) => ({ file: f.file, line: e.line, column: e.column, value: e.key }));
  return out.length ? out : NONE;
}

/**
 * The elements of an XML file that set such a key: one named after it (`<DataPath>../../files</DataPath>`), or the
 * `<param-value>` beside a `<param-name>` holding it (a context or init parameter).
 */
function xmlSettingsIn(f: XmlFacts, found: WriteFlow): readonly Match[] {
  const out: Match[] = [];
  f.elements.forEach((e, i) => {
    const at = (x: XmlElement, key: string) => ({ file: f.file, line: x.line, column: x.column, value: key });
    if (found.settings().has(e.name) && e.text.trim()) out.push(at(e, e.name));
    if (e.name !== 'param-name' || !found.settings().has(e.text.trim())) return;
    const parent = e.path.slice(0, e.path.lastIndexOf('/'));
    const value = f.elements.slice(i + 1).find((x) => x.path === `${parent}/param-value`);
    if (value?.text.trim()) out.push(at(value, e.text.trim()));
  });
  return out.length ? out : NONE;
}

const memo = new WeakMap<EvalContext, Map<JavaWritesThroughCond, WriteFlow>>();

function flowOf(c: JavaWritesThroughCond, writes: Evaluator, ctx: EvalContext): WriteFlow {
  let byCond = memo.get(ctx);
  if (!byCond) memo.set(ctx, (byCond = new Map()));
  let found = byCond.get(c);
  if (!found) {
    const sites = new Map<JavaFacts, WriteSite[]>();
    for (const f of ctx.project.files) {
      if (f.kind !== 'java') continue;
      const list = writes(f, ctx)
        .map((m) => writeSite(f, m))
        .filter((w): w is WriteSite => !!w);
      if (list.length) sites.set(f, list);
    }
    byCond.set(c, (found = writeFlow(ctx.project, ctx.flow(), ctx.methodTexts(), sites)));
  }
  return found;
}

export const javaWritesThrough: ConditionModule<'java.writesThrough', JavaWritesThroughCond> = {
  key: 'java.writesThrough',
  schema: objectOf<JavaWritesThroughCond>()(
    "the calls of the project's own methods whose parameter ends up in the path or the upload of a write (a match of " +
      'writes), through variables and any number of such methods, and the assignments of a field the writes of its ' +
      'class take their folder from; the value is the argument or the field, the message ends with the way to the write',
    {
      writes: condition(),
      direct: {
        type: 'boolean',
        description:
          'also the matches of writes themselves, except those of a helper every caller of which supplies the path ' +
          '(a generic save method: its callers are the places)',
      },
      settings: {
        type: 'boolean',
        description:
          'instead of code: the entries of .properties and YAML files, the elements of XML files named after it and ' +
          'the <param-value> of a <param-name> holding it, that set a key the code reads (by its name, a constant ' +
          'holding it, or an XPath) into the path of a write; the value is the key',
      },
      argNotFrom: regex(
        'leaves out the calls whose path argument is worked out, through the variables of the calling method, from ' +
          'an expression this matches (a folder another rule reports where it is made, such as getRealPath), unless ' +
          "the write is a generic helper's, reported only at those calls",
      ),
    },
    ['writes'],
  ),
  evaluator(c, compile) {
    const writes = compile(c.writes);
    return (f, ctx) => {
      if (c.settings) {
        if (f.kind === 'properties') return settingsIn(f, flowOf(c, writes, ctx));
        return f.kind === 'xml' ? xmlSettingsIn(f, flowOf(c, writes, ctx)) : NONE;
      }
      if (f.kind !== 'java') return c.direct ? writes(f, ctx) : NONE;
      const found = flowOf(c, writes, ctx);
      const supplied = (found.calls.get(f.file) ?? []).filter(
        (h) => !c.argNotFrom || h.toGeneric || !h.sources.some((s) => ctx.regex(c.argNotFrom!).test(s)),
      );
      const calls = [
        ...supplied.map((h) => ({
          ...matchAt(f.file, h.call, h.arg, scopeOf(h.call)),
          via: h.chain,
        })),
        ...(found.fields.get(f.file) ?? []).map((a) => ({
          ...matchAt(f.file, a, a.field, `${a.enclosingType}#`),
          via: a.chain,
        })),
      ];
      if (!c.direct) return calls.length ? calls : NONE;
      const own = writes(f, ctx).filter((m) => {
        const site = siteAt(f, m);
        return !site || !found.genericWrites.has(site);
      });
      return own.length || calls.length ? [...own, ...calls] : NONE;
    };
  },
  cases: [
    {
      name: 'the call supplying the path to a helper that writes there, through a variable and a helper passing it on',
      when: { 'java.writesThrough': { writes: { 'java.new': { type: 'java.io.FileOutputStream' } } } },
      files: {
        'Tool.java': `package a;
import java.io.*;
class Tool {
  void addFile(byte[] data, String spath) throws IOException {
    FileOutputStream out = new FileOutputStream(spath);
    out.write(data);
  }
}
`,
        'Doc.java': `package a;
class Doc {
  void save(byte[] data, String dir) throws java.io.IOException {
    String url = dir.replace('\\\\', '/') + System.currentTimeMillis();
    new Tool().addFile(data, url);
  }
}
`,
        'DocAction.java': `package a;
class DocAction {
  void add(javax.servlet.http.HttpServletRequest req, byte[] data) throws java.io.IOException {
    String dir = req.getServletContext().getRealPath("upload") + "/";
    new Doc().save(data, dir);
  }
}
`,
      },
      expect: ['DocAction.java:5'],
      lookAlike: {
        'Tool.java': `package a;
import java.io.*;
class Tool {
  private final String dir = "/data/";
  void addFile(byte[] data, String name) throws IOException {
    System.out.println(name);
    new FileOutputStream(dir + "tool.bin").write(data);
  }
}
`,
        'Doc.java': `package a;
class Doc {
  void save(byte[] data, String name) throws java.io.IOException {
    new Tool().addFile(data, name);
  }
}
`,
      },
    },
    {
      name: 'where a field holding the folder of the writes of its class gets its value worked out',
      when: { 'java.writesThrough': { writes: { 'java.new': { type: 'java.io.FileOutputStream' } } } },
      files: {
        'Media.java': `package a;
import java.io.*;
class Media {
  private final String storageDir;
  Media(String configured) {
    String dir = configured;
    if (dir == null) {
      dir = System.getProperty("user.home") + "/media";
    }
    this.storageDir = dir.replace('/', File.separatorChar);
  }
  void save(String name, byte[] data) throws IOException {
    File target = new File(storageDir, name);
    new FileOutputStream(target).write(data);
  }
}
`,
      },
      expect: ['Media.java:8'],
      lookAlike: {
        'Media.java': `package a;
import java.io.*;
class Media {
  private final String storageDir;
  private String title = "media";
  Media(String storageDir) { this.storageDir = storageDir; }
  void rename(String t) { this.title = t.trim(); }
  void save(String name, byte[] data) throws IOException {
    new FileOutputStream(new File(storageDir, name + title)).write(data);
  }
}
`,
      },
    },
    {
      name: 'argNotFrom: a folder from getRealPath handed to a helper whose own write is reported',
      when: {
        'java.writesThrough': {
          direct: true,
          argNotFrom: '\\.getRealPath\\s*\\(',
          writes: { 'java.new': { type: 'java.io.FileOutputStream' } },
        },
      },
      files: {
        'Tool.java': `package a;
import java.io.*;
public class Tool {
  public void addFile(byte[] data, String spath) throws IOException { new FileOutputStream(spath).write(data); }
  void keep(byte[] data, String name) throws IOException { addFile(data, "/data/" + name); }
}
`,
        'ToolAction.java': `package a;
class ToolAction {
  void add(javax.servlet.http.HttpServletRequest req, byte[] data) throws java.io.IOException {
    String dir = req.getServletContext().getRealPath("upload/tool") + "/";
    String path = dir + System.currentTimeMillis();
    new Tool().addFile(data, path);
  }
}
`,
      },
      expect: ['Tool.java:4', 'Tool.java:5'],
      lookAlike: {
        'Tool.java': `package a;
import java.io.*;
public class Tool {
  public void addFile(byte[] data, String spath) throws IOException { new FileInputStream(spath).close(); }
}
`,
      },
    },
    {
      name: 'a configuration value read by its key is decided where the key is set, or by the fallback it gives',
      when: { 'java.writesThrough': { writes: { 'java.new': { type: 'java.io.FileOutputStream' } } } },
      files: {
        'Users.java': `package a;
import java.io.*;
import java.util.Properties;
class Users {
  private File db;
  private File index;
  void initialize(Properties props) {
    String fallback = System.getProperty("user.home") + "/users.xml";
    String file = props.getProperty(PROP_DATABASE, fallback);
    this.db = new File(file);
    String dir = Config.getProperty("search.index.dir");
    this.index = new File(dir.replace('/', File.separatorChar));
  }
  void save(byte[] data) throws IOException {
    new FileOutputStream(db).write(data);
    new FileOutputStream(new File(index, "segments")).close();
  }
}
`,
      },
      expect: ['Users.java:8'],
      lookAlike: {
        'Users.java': `package a;
import java.io.*;
import java.util.Properties;
class Users {
  private File db;
  void initialize(Properties props) {
    String file = props.getProperty(PROP_DATABASE);
    this.db = new File(file);
  }
  void save(byte[] data) throws IOException { new FileOutputStream(db).write(data); }
}
`,
      },
    },
    {
      name: "direct: the writes too, except a shared helper's whose callers in other classes all supply the path",
      when: {
        'java.writesThrough': { direct: true, writes: { 'java.new': { type: 'java.io.FileOutputStream' } } },
      },
      files: {
        'Files2.java': `package a;
import java.io.*;
public class Files2 {
  public static void save(byte[] data, File to) throws IOException { new FileOutputStream(to).write(data); }
}
`,
        'Dwr.java': `package a;
import java.io.File;
class Dwr {
  void write(javax.servlet.ServletContext ctx, byte[] xml) throws java.io.IOException {
    File f = new File(ctx.getRealPath("/WEB-INF/dwr-modules.xml"));
    Files2.save(xml, f);
  }
  void log(String line) throws java.io.IOException { new java.io.FileOutputStream("/var/log/dwr.log").close(); }
}
`,
      },
      expect: ['Dwr.java:6', 'Dwr.java:8'],
      lookAlike: {
        'Files2.java': `package a;
import java.io.*;
public class Files2 {
  public static void save(byte[] data, String name) throws IOException { new FileInputStream(name).close(); }
}
`,
        'Dwr.java': `package a;
class Dwr {
  void write(byte[] xml) throws java.io.IOException { Files2.save(xml, "/WEB-INF/dwr-modules.xml"); }
}
`,
      },
    },
  ],
};
