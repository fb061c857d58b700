import { UsageError } from '../../core/errors.js';
import { allRules } from '../../../rules/index.js';
import type { AnyRule } from '../../lint/rule.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

/** One rule in `iamcheck rules --format json` (a stable contract). */
export interface RuleListing {
  id: string;
  severity: string;
  recommended: boolean;
  type: string;
  kinds: string[];
  resourceTypes?: string[];
  description: string;
  sources: { tool: string; id: string }[];
}

/** The listing of a rule, from its meta. */
export function describeRule(rule: AnyRule): RuleListing {
  const listing: RuleListing = {
    id: rule.name,
    severity: rule.meta.severity,
    recommended: rule.meta.recommended,
    type: rule.meta.type,
    kinds: [...rule.meta.appliesTo],
    description: rule.meta.docs.description,
    sources: rule.meta.sources.map((s) => ({ tool: s.tool, id: s.id })),
  };
  if (rule.meta.resourceTypes) listing.resourceTypes = [...rule.meta.resourceTypes];
  return listing;
}

function renderText(rules: readonly AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.name.length));
  const lines: string[] = [];
  for (const rule of rules) {
    const off = rule.meta.recommended ? '' : ' (off by default)';
    lines.push(`${rule.name.padEnd(width)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.docs.description}${off}`);
    lines.push(`${''.padEnd(width)}  ${''.padEnd(7)}  kinds: ${rule.meta.appliesTo.join(', ')}${rule.meta.resourceTypes ? ` (${rule.meta.resourceTypes.join(', ')})` : ''}`);
    const sources = rule.meta.sources.filter((s) => s.tool !== 'iamcheck-catalog').map((s) => `${s.tool} ${s.id}`);
    if (sources.length) lines.push(`${''.padEnd(width)}  ${''.padEnd(7)}  covers: ${sources.join(', ')}`);
  }
  lines.push('', `${rules.length} rules. Docs: rules/<id>.md. Configure them in iamcheck.config.json.`);
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'rules',
  summary: 'List the lint rules',
  usage: `Usage: iamcheck rules [--format text|json]

Lists every lint rule: its id, default severity, the policy kinds it checks, what it checks, and the checks of
other tools (Access Analyzer, parliament, cloudsplaining, checkov, …) it covers.

Options:
  --format text|json  Output format (default text). JSON: {"rules": [{id, severity, recommended, type, kinds,
                      resourceTypes?, description, sources: [{tool, id}]}]}
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs('rules', args, { format: { type: 'string' } });
    if (positionals.length) throw new UsageError(`rules: unexpected argument \`${positionals[0]}\`. Run \`iamcheck rules --help\`.`);
    const format = values.format ?? 'text';
    if (format === 'json') io.stdout(`${JSON.stringify({ rules: allRules.map(describeRule) }, null, 2)}\n`);
    else if (format === 'text') io.stdout(renderText(allRules));
    else throw new UsageError(`rules: unknown format \`${format}\`; use \`text\` or \`json\`.`);
    return EXIT.ok;
  },
};
