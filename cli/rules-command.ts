import { Command, Option } from 'commander';
import { loadRules } from '../analyzers/engine/rule-load.js';
import type { Lang } from '../analyzers/types.js';
import { CATEGORY_LABEL, CONCERN_LABEL, concernOf, REFACTOR_LABEL, words } from '../generators/reports/i18n.js';
import { padDisplay } from '../generators/reports/summary.js';
import { PaasportError } from '../analyzers/errors.js';

const generic = (s: string) => s.replace(/\{value\}|\{detail\}/g, '…');

export function rulesCommand(): Command {
  const langOption = () => new Option('--lang <lang>', 'language').choices(['en', 'zh-CN']).default('en');
  const rulesOption = () =>
    new Option('--rules <dir>', 'also load the YAML rules of this folder (repeatable)').argParser(
      (v: string, prev: string[] = []) => [...prev, v],
    );
  const cmd = new Command('rules').description('The rule catalogue: what paasport looks for and why.');
  cmd
    .command('list')
    .description('list every rule: id, category, concern and title')
    .addOption(langOption())
    .addOption(rulesOption())
    .action((opts) => {
      const lang = opts.lang as Lang;
      const rules = loadRules(opts.rules ?? []);
      const width = Math.max(...rules.map((r) => r.id.length));
      for (const r of rules) {
        const cat = padDisplay(CATEGORY_LABEL[lang][r.category], 9);
        const concern = padDisplay(CONCERN_LABEL[lang][concernOf(r.tags)], 22);
        process.stdout.write(`${r.id.padEnd(width)}  ${cat}  ${concern}  ${r.title[lang]}\n`);
      }
      process.stdout.write(`\n${rules.length} ${words(lang).rulesCatalogue.toLowerCase()}. paasport rules show ID\n`);
    });
  cmd
    .command('show')
    .description("print one rule's explanation")
    .argument('<id>', 'rule id, as in `paasport rules list`')
    .addOption(langOption())
    .addOption(rulesOption())
    .action((id: string, opts) => {
      const lang = opts.lang as Lang;
      const w = words(lang);
      const rules = loadRules(opts.rules ?? []);
      const r = rules.find((x) => x.id === id);
      if (!r) {
        const close = rules.filter((x) => x.id.includes(id) || id.includes(x.id.split('-')[0])).map((x) => x.id);
        throw new PaasportError(
          `no rule ${id}.${close.length ? ` Did you mean: ${close.slice(0, 5).join(', ')}?` : ''} See paasport rules list.`,
        );
      }
      const lines = [
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
      process.stdout.write(lines.join('\n') + '\n');
    });
  return cmd;
}
