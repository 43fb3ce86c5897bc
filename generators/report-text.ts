import type { Assessment } from '../analyzers/assess.js';
import type { Finding, Lang } from '../analyzers/types.js';

const CONCERNS: { tag: string; title: Record<Lang, string> }[] = [
  { tag: 'session', title: { en: 'Session state', 'zh-CN': '会话状态' } },
  { tag: 'state', title: { en: 'In-memory state', 'zh-CN': '内存状态' } },
  { tag: 'local-files', title: { en: 'Local files', 'zh-CN': '本地文件' } },
  { tag: 'config', title: { en: 'Embedded configuration', 'zh-CN': '内嵌配置' } },
  { tag: 'logging', title: { en: 'File logging', 'zh-CN': '文件日志' } },
];
const OTHER = { en: 'Other', 'zh-CN': '其他' };

const WORDS = {
  en: { findings: 'findings', none: 'No findings: nothing in this tree keeps state in the container.', notices: 'Notices', app: 'Application', files: 'files', javaLines: 'Java lines' },
  'zh-CN': { findings: '项发现', none: '没有发现：该代码树中没有在容器内保存状态的内容。', notices: '提示', app: '应用', files: '个文件', javaLines: '行 Java 代码' },
};

export function concernOf(f: Finding): string {
  return CONCERNS.find((c) => f.tags.includes(c.tag))?.tag ?? 'other';
}

/** The human report: findings grouped by concern, each with file:line and its source line. */
export function textReport(a: Assessment, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  out.push(`${w.app}: ${a.root}`);
  out.push(`  ${a.build.tool}${a.build.packaging ? ` ${a.build.packaging}` : ''}${a.build.javaVersion ? `, Java ${a.build.javaVersion}` : ''}; ${a.stats.files} ${w.files}, ${a.stats.javaLines} ${w.javaLines}`);
  out.push('');
  if (!a.findings.length) out.push(w.none);
  for (const concern of [...CONCERNS.map((c) => c.tag), 'other']) {
    const group = a.findings.filter((f) => concernOf(f) === concern);
    if (!group.length) continue;
    const title = CONCERNS.find((c) => c.tag === concern)?.title[lang] ?? OTHER[lang];
    out.push(`== ${title} (${group.length}) ==`);
    for (const f of group) {
      out.push(`  [${f.category}] ${f.ruleId}  ${f.file}:${f.line}:${f.column}`);
      out.push(`      ${f.title[lang]}: ${f.message[lang]}`);
      if (f.snippet) out.push(`      | ${f.snippet}`);
    }
    out.push('');
  }
  const count = (c: string) => a.findings.filter((f) => f.category === c).length;
  out.push(`${a.findings.length} ${w.findings}: ${count('mandatory')} mandatory, ${count('optional')} optional, ${count('potential')} potential`);
  if (a.notices.length) {
    out.push('');
    out.push(`${w.notices} (${a.notices.length}):`);
    for (const n of a.notices) out.push(`  ${n.kind}: ${n.file ?? ''}${n.line ? `:${n.line}` : ''} ${n.message}`);
  }
  return out.join('\n') + '\n';
}
