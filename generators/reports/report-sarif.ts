import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../analyzers/read/package-files.js';
import type { Assessment } from '../../analyzers/assess/assess.js';
import type { Category, Lang, Rule } from '../../analyzers/types.js';
import { CATEGORY_LABEL } from './i18n.js';

// Where a reader learns about the tool: the README of this installation.
function readmeUri(): string | undefined {
  const readme = path.join(packageRoot(), 'README.md');
  return existsSync(readme) ? pathToFileURL(readme).href : undefined;
}

const LEVEL: Record<Category, 'error' | 'warning' | 'note'> = {
  mandatory: 'error',
  optional: 'warning',
  potential: 'note',
};

// SARIF wants a PascalCase name per rule: session-attribute-write → SessionAttributeWrite
const ruleName = (id: string) =>
  id
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

function ruleDescriptor(r: Rule, lang: Lang) {
  // {value}/{detail} are filled per finding; the rule's own help reads them as "…"
  const generic = (s: string) => s.replace(/\{value\}|\{detail\}/g, '…');
  const help = generic(r.message[lang]);
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.title[lang] },
    fullDescription: { text: help },
    help: {
      text: `${help}${r.links?.length ? `\n${r.links.join('\n')}` : ''}`,
      markdown: `**${r.title[lang]}** (${CATEGORY_LABEL[lang][r.category]})\n\n${help}${r.links?.length ? `\n\n${r.links.map((l) => `- <${l}>`).join('\n')}` : ''}`,
    },
    ...(r.links?.[0] ? { helpUri: r.links[0] } : {}),
    defaultConfiguration: { level: LEVEL[r.category] },
    properties: {
      tags: ['containerization', ...r.tags],
      category: r.category,
      effort: r.effort,
      ...(r.fix ? { fix: r.fix } : {}),
    },
  };
}

/** A fingerprint that survives edits elsewhere in the file: rule, file, the line's text, and which occurrence it is. */
function fingerprints(a: Assessment) {
  const seen = new Map<string, number>();
  return a.findings.map((f) => {
    const base = `${f.ruleId}|${f.file}|${f.snippet.replace(/\s+/g, ' ').trim()}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${createHash('sha256').update(base).digest('hex').slice(0, 32)}:${n}`;
  });
}

/** SARIF 2.1.0 as GitHub code scanning reads it: one run per application. */
export function sarifReport(apps: Assessment[], rules: Rule[], lang: Lang = 'en', version = '0.0.0'): string {
  const descriptors = rules.map((r) => ruleDescriptor(r, lang));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const info = readmeUri();
  const runs = apps.map((a) => {
    const prints = fingerprints(a);
    return {
      tool: {
        driver: {
          name: 'paasport',
          version,
          semanticVersion: version,
          ...(info ? { informationUri: info } : {}),
          rules: descriptors,
        },
      },
      automationDetails: { id: `paasport/${a.app.name}/` },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(a.root).href.replace(/\/?$/, '/') } },
      columnKind: 'utf16CodeUnits',
      results: a.findings.map((f, i) => ({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? -1,
        // outside the deployed app (a test, a tool): listed as a note, with its scope
        level: f.scope ? 'note' : LEVEL[f.category],
        message: { text: f.message[lang] },
        ...(f.scope ? { properties: { scope: f.scope } } : {}),
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'SRCROOT' },
              region: {
                startLine: f.line,
                startColumn: f.column,
                ...(f.snippet ? { snippet: { text: f.snippet } } : {}),
              },
            },
          },
        ],
        partialFingerprints: { primaryLocationLineHash: prints[i] },
      })),
    };
  });
  return (
    JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2) + '\n'
  );
}
