import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment } from '../../analyzers/assess/assess.js';
import { pathHeads } from '../../analyzers/java/path-heads.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';

describe('path heads: the name a path takes its folder from', () => {
  const cases: [string, string[]][] = [
    ['dir', ['dir']],
    ['this.dir', ['dir']],
    ['dir + "/" + name', ['dir']],
    ['new File(dir, name)', ['dir']],
    ['new java.io.File(base + "/x")', ['base']],
    ['Paths.get(root, "a", name)', ['root']],
    ["dir.replace('\\\\', '/')", ['dir']],
    ['getAbsoluteFile(baseDir, fileName).getAbsolutePath()', ['baseDir']],
    ['this.resolve(root, key).toFile()', ['root']],
    ['blank ? home + "/media" : configured', ['home', 'configured']],
    ['(String) value', ['value']],
    ['"/var/app/" + name', []],
    ['Config.getUploadPath()', []],
    ['findOldPageDir(page)', []],
    ['new File(findPageDir(page), name)', []],
    ['SystemGlobals.getValue(ConfigKeys.STORE_DIR) + "/" + name', []],
  ];
  for (const [expr, heads] of cases)
    it(expr, () => {
      expect(pathHeads(expr)).toEqual(heads);
    });
});

// A document system: actions supply the upload folder (from getRealPath, from the configuration) to a service that
// passes it on to a shared helper writing the file; a generic save helper of a utility class called only with paths
// its callers work out; a store whose field holds the folder; a startup-only cache; a method nothing calls.
const DOCS: Record<string, string> = {
  'src/docs/web/DocAction.java': `package docs.web;
import javax.servlet.http.*;
import docs.service.*;
public class DocAction extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
    String dir = req.getSession().getServletContext().getRealPath("upload/doc") + "/";
    new DocService().add(new byte[0], dir);
    DocService.saveIndex();
    new Media(null).save("a.png", new byte[0]);
    new DocService().add(new byte[0], System.getenv("UPLOAD_DIR"));
  }
}
`,
  'src/docs/service/DocService.java': `package docs.service;
public class DocService {
  public void add(byte[] data, String folder) throws java.io.IOException {
    String url = folder.replace('\\\\', '/') + System.currentTimeMillis();
    new Tool().addFile(data, url);
  }
  public static void saveIndex() throws java.io.IOException {
    XmlFiles.save("<index/>", new java.io.File(System.getenv("DATA_DIR"), "index.xml"));
  }
}
`,
  'src/docs/service/Tool.java': `package docs.service;
import java.io.*;
public class Tool {
  public void addFile(byte[] data, String spath) throws IOException {
    FileOutputStream out = new FileOutputStream(spath);
    out.write(data);
  }
}
`,
  'src/docs/service/XmlFiles.java': `package docs.service;
import java.io.*;
public class XmlFiles {
  public static void save(String xml, File to) throws IOException {
    new FileWriter(to).write(xml);
  }
}
`,
  'src/docs/service/Media.java': `package docs.service;
import java.io.*;
public class Media {
  private final String storageDir;
  public Media(String configured) {
    String dir = configured;
    if (dir == null) dir = System.getProperty("user.home") + "/media";
    this.storageDir = dir;
  }
  public void save(String name, byte[] data) throws IOException {
    new FileOutputStream(new File(storageDir, name)).write(data);
  }
}
`,
  'src/docs/web/Startup.java': `package docs.web;
public class Startup implements javax.servlet.ServletContextListener {
  public void contextInitialized(javax.servlet.ServletContextEvent e) { Cache.rebuild(); }
  public void contextDestroyed(javax.servlet.ServletContextEvent e) {}
}
`,
  'src/docs/web/Cache.java': `package docs.web;
class Cache {
  static void rebuild() {
    try { new java.io.FileOutputStream("/var/cache/docs/index").close(); } catch (java.io.IOException x) {}
  }
}
`,
  'src/docs/service/Unused.java': `package docs.service;
public class Unused {
  public static void copy(String to) throws java.io.IOException { new java.io.FileOutputStream(to).close(); }
}
`,
};

describe('writes through the project helpers', () => {
  let dir: string;
  let a: Assessment;
  beforeAll(async () => {
    dir = makeTree(DOCS);
    a = await assess(dir, bundledRules(), { threads: 0 });
  });
  afterAll(() => removeTree(dir));
  const at = (rule: string) =>
    a.findings
      .filter((f) => f.ruleId === rule)
      .map((f) => `${f.file.replace(/^src\/docs\//, '')}:${f.line}`)
      .sort();

  // the folder from getRealPath on line 6 is reported there (real-path-write), not again at the call on line 7
  it('reports the helper write, the calls that supply a folder (not the shared helper they call), where a field gets its folder; not start-up or unused code', () => {
    expect(at('local-file-write')).toEqual([
      'service/DocService.java:8',
      'service/Media.java:11',
      'service/Media.java:7',
      'service/Tool.java:5',
      'web/DocAction.java:10',
    ]);
  });

  it('says which helpers a supplied path goes through', () => {
    const call = a.findings.find((f) => f.ruleId === 'local-file-write' && f.line === 10 && f.file.endsWith('n.java'));
    expect(call?.message.en).toContain('DocService.add → Tool.addFile → new FileOutputStream');
  });

  it('reports getRealPath handed to a helper that writes under it', () => {
    expect(at('real-path-write')).toEqual(['web/DocAction.java:6']);
  });
});

describe('places that only pass a folder on', () => {
  const TREE = {
    'src/wiki/PageViewPlugin.java': `package wiki;
import java.io.*;
public class PageViewPlugin extends javax.servlet.http.HttpServlet {
  private String workDir;
  private String root;
  public void init() {
    workDir = Engine.get().getWorkDir();
    root = Engine.get().getRootPath() + "/counts";
  }
  protected void doPost(javax.servlet.http.HttpServletRequest q, javax.servlet.http.HttpServletResponse r)
      throws IOException {
    new FileOutputStream(new File(workDir, "counter.txt")).close();
    new FileOutputStream(new File(root, "total.txt")).close();
    String path = System.getenv("ATTACH_DIR") + "/" + q.getParameter("name");
    save(path);
    saveThumb(path);
  }
  private void save(String to) throws IOException { new FileOutputStream(to).close(); }
  private void saveThumb(String to) throws IOException { new FileOutputStream(to + "_thumb").close(); }
}
`,
    'src/wiki/Engine.java': `package wiki;
public class Engine {
  static Engine get() { return new Engine(); }
  String getWorkDir() { return System.getProperty("java.io.tmpdir"); }
  String getRootPath() { return "/srv/wiki"; }
}
`,
  };
  let dir: string;
  let a: Assessment;
  beforeAll(async () => {
    dir = makeTree(TREE);
    a = await assess(dir, bundledRules(), { threads: 0 });
  });
  afterAll(() => removeTree(dir));

  it('a field copying what another object holds is not where its folder is worked out; a sub-folder of it is', () => {
    const lines = a.findings
      .filter((f) => f.ruleId === 'local-file-write' && f.file.endsWith('PageViewPlugin.java'))
      .map((f) => f.line);
    expect(lines).toContain(8); // root = ... + "/counts"
    expect(lines).not.toContain(7); // workDir = ...getWorkDir()
  });

  it('the same path handed to two helpers in one method is reported at the first call only', () => {
    const lines = a.findings
      .filter((f) => f.ruleId === 'local-file-write' && f.file.endsWith('PageViewPlugin.java'))
      .map((f) => f.line);
    expect(lines).toContain(15);
    expect(lines).not.toContain(16);
  });
});
