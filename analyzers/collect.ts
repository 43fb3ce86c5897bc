import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFacts } from './build/build.js';
import { moduleModel } from './build/modules.js';
import { readSpringJarVersions } from './build/jar-versions.js';
import { eclipseSettings } from './build/eclipse.js';
import { configFacts } from './config/config-facts.js';
import { commentSpans, type CommentStyle } from './read/comments.js';
import { decode, looksBinary, normalizeEncoding } from './read/encoding.js';
import { sourceRoots } from './build/source-roots.js';
import { javaPool, type JavaPool } from './java/pool.js';
import { extractPropertiesFacts } from './config/properties.js';
import { scanTree, type ScanOutput } from './read/scan.js';
import type { Encoding, FileFacts, Notice, ProjectFacts, ScannedFile, TextFacts, XmlFacts } from './types.js';
import { extractXmlFacts } from './config/xml.js';
import { extractYamlFacts } from './config/yaml.js';
import { noteWorkerThreads, timeStage, timeStageAsync } from './stage-times.js';

export interface CollectOptions {
  encoding?: Encoding; // overrides detection for every file
  maxFileSize?: number;
  threads?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  pool?: JavaPool; // workers shared by the apps of a portfolio (left open); else one made and closed for this tree
}

const COMMENT_STYLE: Record<string, CommentStyle> = { jsp: 'jsp', gradle: 'c', other: 'hash' };

async function readConfigFile(f: ScannedFile, opts: CollectOptions, notices: Notice[]): Promise<FileFacts | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(f.abs);
  } catch (e) {
    notices.push({
      kind: 'unreadable',
      file: f.rel,
      detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
    return undefined;
  }
  if (looksBinary(bytes)) {
    notices.push({ kind: 'binary-skipped', file: f.rel });
    return undefined;
  }
  const d = decode(bytes, { override: opts.encoding });
  if (d.badBytes) notices.push({ kind: 'encoding', file: f.rel, detail: String(d.badBytes) });
  if (f.kind === 'xml') {
    const r = extractXmlFacts(f.rel, d.text);
    notices.push(...r.notices);
    return r.facts;
  }
  if (f.kind === 'properties') return extractPropertiesFacts(f.rel, d.text);
  const ext = path.extname(f.rel).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') {
    const r = extractYamlFacts(f.rel, d.text);
    notices.push(...r.notices);
    return r.facts;
  }
  if (f.kind === 'js') return { kind: 'text', file: f.rel, fileKind: f.kind, encoding: d.encoding };
  const lines = d.text.split(/\r?\n/);
  const style = f.kind === 'other' && ['.json', '.kts'].includes(ext) ? 'c' : (COMMENT_STYLE[f.kind] ?? 'hash');
  const facts: TextFacts = {
    kind: 'text',
    file: f.rel,
    fileKind: f.kind,
    lines,
    comments: commentSpans(d.text, style),
  };
  return facts;
}

// The files the build is read from: the build decides the encoding of the Java files, so these are read first.
const BUILD_FILES = new Set(['pom.xml', 'build.gradle', 'build.xml']);
const isBuildFile = (f: ScannedFile) => BUILD_FILES.has(path.posix.basename(f.rel));

/** The facts of the configuration files (into files). */
async function readConfigFiles(list: ScannedFile[], opts: CollectOptions, files: FileFacts[], notices: Notice[]) {
  for (const f of list) {
    const facts = await readConfigFile(f, opts, notices);
    if (facts) files.push(facts);
  }
}

/** The build's facts: tool, dependencies, Java level, encoding, from the build files read into files. */
async function buildOf(scan: ScanOutput, files: FileFacts[]) {
  const build = buildFacts(
    {
      xml: files.filter((f): f is XmlFacts => f.kind === 'xml'),
      gradle: files.filter((f): f is TextFacts => f.kind === 'text' && f.fileKind === 'gradle'),
    },
    scan.jars,
  );
  await readSpringJarVersions(scan.root, build.dependencies);
  if (build.tool === 'none') {
    // an IDE project: its .settings/ (not scanned as application files) still say the Java level and the encoding
    const eclipse = eclipseSettings(scan.root);
    build.javaSource ??= eclipse.javaSource;
    build.javaTarget ??= eclipse.javaTarget;
    build.sourceEncoding ??= eclipse.encoding;
  }
  return build;
}

/** Scans a tree and extracts the facts of every file: Java on worker threads (a large app's), configuration here. */
export async function collectFacts(root: string, opts: CollectOptions = {}): Promise<ProjectFacts> {
  const scan = timeStage('scan', () => scanTree(root, { maxFileSize: opts.maxFileSize }));
  // JSP pages too: their Java (scriptlets, expressions, declarations) is read like a servlet's
  const javaFiles = scan.files.filter((f) => f.kind === 'java' || f.kind === 'jsp');
  if (opts.pool) return collectWith(opts.pool, scan, javaFiles, opts);
  // the workers load their parser while the configuration is read
  const pool = javaPool(javaFiles, opts.threads);
  try {
    return await collectWith(pool, scan, javaFiles, opts);
  } finally {
    await pool.close();
  }
}

async function collectWith(
  pool: JavaPool,
  scan: ScanOutput,
  javaFiles: ScannedFile[],
  opts: CollectOptions,
): Promise<ProjectFacts> {
  const notices: Notice[] = [...scan.notices];
  const files: FileFacts[] = [];

  const others = scan.files.filter((f) => f.kind !== 'java');
  const build = await timeStageAsync('config', async () => {
    await readConfigFiles(others.filter(isBuildFile), opts, files, notices);
    return buildOf(scan, files);
  });
  const fallback = build.sourceEncoding ? normalizeEncoding(build.sourceEncoding) : undefined;
  // the other configuration files are read here while the workers parse the Java
  const results = await timeStageAsync('parse+extract', async () => {
    const java = pool.analyze(
      javaFiles.map((f) => ({
        abs: f.abs,
        rel: f.rel,
        size: f.size,
        override: opts.encoding,
        fallback,
        jsp: f.kind === 'jsp',
      })),
      (d, t) => opts.onProgress?.('java', d, t),
    );
    java.catch(() => undefined); // a failure is the caller's, through the return below, not an unhandled rejection
    try {
      await readConfigFiles(
        others.filter((f) => !isBuildFile(f)),
        opts,
        files,
        notices,
      );
    } finally {
      opts.onProgress?.('config', others.length, others.length);
    }
    return java;
  });
  noteWorkerThreads(pool.workersStarted());
  for (const r of results) {
    notices.push(...r.notices);
    if (r.facts) files.push(r.facts);
  }
  for (const jar of scan.jars) files.push({ kind: 'text', file: jar, fileKind: 'jar', lines: [], comments: [] });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const modules = moduleModel(files);
  if (modules.length) build.modules = modules;
  const roots = sourceRoots(files);
  if (roots.length) build.sourceRoots = roots;
  notices.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
  const config = configFacts(files);
  if (config.webXml.length > 1) {
    notices.push({
      kind: 'several-webapps',
      detail: config.webXml.map((w) => w.file.replace(/\/?WEB-INF\/web\.xml$/, '') || '.').join(', '),
    });
  }
  return { root: scan.root, files, build, config, bundledTomcats: scan.tomcats, notices };
}
