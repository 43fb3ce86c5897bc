import { Command, Option } from 'commander';
import type { Lang, Rule } from '../analyzers/types.js';
import { CATEGORY_LABEL, CONCERN_LABEL, concernOf, REFACTOR_LABEL, words } from '../generators/reports/i18n.js';
import { padDisplay } from '../generators/reports/summary.js';
import { PaasportError } from '../analyzers/errors.js';
import { writeOutput } from './write-output.js';

const generic = (s: string) => s.replace(/\{value\}|\{detail\}/g, '…');

const EXAMPLE: Record<Lang, string> = { en: 'Example, the lines it flags', 'zh-CN': '示例（被标记的行）' };

const langOption = () => new Option('--lang <lang>', 'language').choices(['en', 'zh-CN']).default('en');
const rulesOption = () =>
  new Option('--rules <dir>', 'also load the YAML rules of this folder (repeatable)').argParser(
    (v: string, prev: string[] = []) => [...prev, v],
  );

// the rule loader (and the regex engines it checks a user's rules with) is loaded when a command runs
const loadRules = async (dirs: string[]) => (await import('../analyzers/engine/rule-load.js')).loadRules(dirs);

function findRule(rules: Rule[], id: string): Rule {
  const r = rules.find((x) => x.id === id);
  if (r) return r;
  const close = rules.filter((x) => x.id.includes(id) || id.includes(x.id.split('-')[0])).map((x) => x.id);
  throw new PaasportError(
    `no rule ${id}.${close.length ? ` Did you mean: ${close.slice(0, 5).join(', ')}?` : ''} See paasport rules list.`,
  );
}

function explanation(r: Rule, lang: Lang): string[] {
  const w = words(lang);
  return [
    `${r.id}: ${r.title[lang]}`,
    '',
    generic(r.message[lang]),
    '',
    `${w.category}: ${CATEGORY_LABEL[lang][r.category]}`,
    `${w.concern}: ${CONCERN_LABEL[lang][concernOf(r.tags)]}`,
    `${w.effort}: ${r.effort} ${w.points}`,
    `${w.tags}: ${r.tags.join(', ')}`,
    ...(r.fix ? [`${w.fix}: ${REFACTOR_LABEL[lang][r.fix] ?? r.fix} (${r.fix})`] : []),
    ...(r.links?.length ? [`${w.links}:`, ...r.links.map((l) => `  ${l}`)] : []),
  ];
}

/** The lines of the rule's invalid case that it flags, from the cases beside its pack. */
async function example(r: Rule, lang: Lang): Promise<string[]> {
  const { flaggedLines, loadCases } = await import('../analyzers/engine/rule-cases.js');
  const c = r.source ? loadCases(r.source)[r.id] : undefined;
  if (!c) return [];
  const lines = flaggedLines(c);
  const width = Math.max(...lines.map((l) => `${l.file}:${l.line}`.length));
  return ['', `${EXAMPLE[lang]}:`, ...lines.map((l) => `  ${`${l.file}:${l.line}`.padEnd(width)}  ${l.text}`)];
}

function listCommand(): Command {
  return new Command('list')
    .description('list every rule: id, category, concern and title')
    .addOption(langOption())
    .addOption(rulesOption())
    .action(async (opts) => {
      const lang = opts.lang as Lang;
      const rules = await loadRules(opts.rules ?? []);
      const width = Math.max(...rules.map((r) => r.id.length));
      for (const r of rules) {
        const cat = padDisplay(CATEGORY_LABEL[lang][r.category], 9);
        const concern = padDisplay(CONCERN_LABEL[lang][concernOf(r.tags)], 22);
        process.stdout.write(`${r.id.padEnd(width)}  ${cat}  ${concern}  ${r.title[lang]}\n`);
      }
      process.stdout.write(`\n${rules.length} ${words(lang).rulesCatalogue.toLowerCase()}. paasport rules show ID\n`);
    });
}

function showCommand(): Command {
  return new Command('show')
    .description("print one rule's explanation, with an example from its cases")
    .argument('<id>', 'rule id, as in `paasport rules list`')
    .addOption(langOption())
    .addOption(rulesOption())
    .action(async (id: string, opts) => {
      const lang = opts.lang as Lang;
      const r = findRule(await loadRules(opts.rules ?? []), id);
      process.stdout.write([...explanation(r, lang), ...(await example(r, lang))].join('\n') + '\n');
    });
}

function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON schema of rule packs, for editors (the bundled rules/rules.schema.json is this)')
    .argument('[file]', 'write it to this file instead')
    .action(async (file?: string) => {
      // the schema is made from the condition modules: loaded only here
      const { ruleSchema } = await import('../analyzers/engine/rule-schema.js');
      const text = JSON.stringify(ruleSchema(), null, 2) + '\n';
      if (file) await writeOutput(file, text, 'the rule schema');
      else process.stdout.write(text);
    });
}

export function rulesCommand(): Command {
  return new Command('rules')
    .description('The rule catalogue: what paasport looks for and why.')
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(schemaCommand());
}
