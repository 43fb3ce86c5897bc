import path from 'node:path';
import type { FileFacts, ModuleInfo, XmlFacts } from '../types.js';
import { childrenOf } from '../config/xml.js';
import { antProperties } from './build.js';

// folder names that say a webapp is the project's web site, not the app
const SITE_FOLDER = /^(www|website|web-site|site|homepage|home-page)$/i;

const inside = (file: string, dir: string) => dir === '' || file.startsWith(`${dir}/`);
const label = (dir: string) => `${dir || '.'}/`;

/** The folders holding a WEB-INF/web.xml of their own (not a copy under classes/). */
function webappRoots(files: FileFacts[]): string[] {
  return files
    .filter((f) => f.kind === 'xml' && /(^|\/)WEB-INF\/web\.xml$/.test(f.file) && !/(^|\/)classes\//.test(f.file))
    .map((f) => f.file.replace(/\/?WEB-INF\/web\.xml$/, ''));
}

/** An Ant pattern as a regular expression: `**` crosses folders, `*` and `?` do not; a trailing `/` means `/**`. */
function antPattern(pattern: string): RegExp {
  const p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const full = p.endsWith('/') ? `${p}**` : p;
  let re = '';
  for (let i = 0; i < full.length; i++) {
    const c = full[i];
    if (full.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (full.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface FileSet {
  dir: string; // relative to the project root; '' for the root
  includes: RegExp[];
  excludes: RegExp[];
}

const patternList = (v: string | undefined) =>
  (v ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(antPattern);

/**
 * The file sets build.xml's `<war>` tasks take their pages from (`basedir`, `<fileset>`, `<zipfileset>`), or
 * undefined when there is no `<war>` or a folder cannot be resolved.
 */
function warFileSets(build: XmlFacts): FileSet[] | undefined {
  const resolve = antProperties(build);
  const base = path.posix.dirname(build.file);
  const at = (dir: string) => {
    const d = path.posix.normalize(path.posix.join(base, dir)).replace(/\/$/, '');
    return d === '.' ? '' : d;
  };
  const sets: FileSet[] = [];
  let wars = 0;
  for (let i = 0; i < build.elements.length; i++) {
    const war = build.elements[i];
    if (war.name !== 'war') continue;
    wars++;
    const dirs: { dir?: string; i?: number; attrs: Record<string, string> }[] = [];
    if (war.attributes.basedir) dirs.push({ dir: war.attributes.basedir, attrs: war.attributes });
    childrenOf(build, i).forEach((e) => {
      if (e.path === `${war.path}/fileset` || e.path === `${war.path}/zipfileset`)
        dirs.push({ dir: e.attributes.dir, i: build.elements.indexOf(e), attrs: e.attributes });
    });
    for (const d of dirs) {
      const dir = resolve(d.dir);
      if (!dir || dir.includes('${')) return undefined;
      const kids = d.i === undefined ? [] : childrenOf(build, d.i);
      const named = (n: string) => kids.filter((k) => k.name === n && k.attributes.name).map((k) => k.attributes.name);
      sets.push({
        dir: at(dir),
        includes: [...patternList(d.attrs.includes), ...named('include').map(antPattern)],
        excludes: [...patternList(d.attrs.excludes), ...named('exclude').map(antPattern)],
      });
    }
  }
  return wars ? sets : undefined;
}

/** Whether any file of the folder goes into the WAR by one of the file sets. */
function packaged(dir: string, sets: FileSet[], files: FileFacts[]): boolean {
  return files.some(
    (f) =>
      inside(f.file, dir) &&
      sets.some((s) => {
        if (!inside(f.file, s.dir)) return false;
        const rel = s.dir ? f.file.slice(s.dir.length + 1) : f.file;
        return (!s.includes.length || s.includes.some((re) => re.test(rel))) && !s.excludes.some((re) => re.test(rel));
      }),
  );
}

/** The first folder of `dir` below `outer` named like a web site. */
function siteFolder(dir: string, outer = ''): string | undefined {
  const below = outer ? dir.slice(outer.length + 1) : dir;
  return below.split('/').find((part) => SITE_FOLDER.test(part));
}

/**
 * Webapps of the tree that are not the app: a webapp of its own (its own WEB-INF/web.xml) inside the app's webapp
 * that build.xml's WAR leaves out, or, without an Ant WAR to tell, one in a folder named like a web site (`www`,
 * `website`, `site`, `homepage`) while another webapp is the app. A lone webapp is the app wherever it is.
 */
export function separateWebapps(files: FileFacts[]): ModuleInfo[] {
  const roots = webappRoots(files);
  if (roots.length < 2) return [];
  const ant = files
    .filter(
      (f): f is XmlFacts => f.kind === 'xml' && path.posix.basename(f.file) === 'build.xml' && f.root === 'project',
    )
    .sort((a, b) => a.file.split('/').length - b.file.split('/').length)[0];
  // build.xml makes the WAR only when no Maven or Gradle build is there
  const antBuild = files.some((f) => f.file === 'pom.xml' || /^build\.gradle/.test(f.file)) ? undefined : ant;
  const warSets = antBuild ? warFileSets(antBuild) : undefined;
  const out: ModuleInfo[] = [];
  for (const dir of roots) {
    const name = path.posix.basename(dir) || '.';
    const descriptor = `${dir ? `${dir}/` : ''}WEB-INF/web.xml`;
    const outer = roots.find((o) => o !== dir && inside(dir, o) && !inside(dir, `${o ? `${o}/` : ''}WEB-INF`));
    if (outer !== undefined && warSets) {
      if (!packaged(dir, warSets, files))
        out.push({
          dir,
          name,
          scope: 'docs',
          why: `a webapp of its own (${descriptor}) inside the webapp at ${label(outer)} that ${antBuild!.file}'s WAR leaves out`,
        });
      continue;
    }
    const site = siteFolder(dir, outer);
    const others = roots.filter((o) => o !== dir && !siteFolder(o) && (outer === undefined || o === outer));
    if (site && others.length)
      out.push({
        dir,
        name,
        scope: 'docs',
        why: `a webapp of its own (${descriptor}) in the folder ${site}/: a web site beside the app at ${label(others[0])}`,
      });
  }
  return out;
}
