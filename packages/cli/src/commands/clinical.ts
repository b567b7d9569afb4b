// `engraft clinical <rule>`: reads JSON objects one per line on stdin and writes one JSON result per line.
// An invalid line yields {"error": "...", "path": "..."} on its line and the batch continues (issue 4 contract).
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Command } from 'commander';
import { clinicalRuleNames, describeShape, getClinicalRule, runRule, type AnyClinicalRule } from '@engraft/clinical';

export interface ClinicalStreamOptions {
  /** Include the full result (explanation, ruleId, details) instead of the contract keys only. */
  explain?: boolean;
  /** Rule options (the named [VERIFY] choices) applied to every line. */
  options?: unknown;
}

/** Grades one input line; returns the JSON text of the result line. Never throws. */
export function processClinicalLine(rule: AnyClinicalRule, line: string, opts: ClinicalStreamOptions = {}): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return JSON.stringify({ error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}`, path: '' });
  }
  const r = runRule(rule, input, opts.options);
  if (!r.ok) return JSON.stringify({ error: r.error, path: r.path });
  if (!opts.explain && rule.contractOutputSchema) {
    // The contract shape (zod objects strip unknown keys): exactly the keys other tools rely on.
    return JSON.stringify(rule.contractOutputSchema.parse(r.output));
  }
  return JSON.stringify(r.output);
}

/** Streams stdin lines through a rule; blank lines are skipped. */
export async function runClinicalStream(
  rule: AnyClinicalRule,
  input: Readable,
  output: Writable,
  opts: ClinicalStreamOptions = {}
): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const text = processClinicalLine(rule, line, opts) + '\n';
    if (!output.write(text)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
}

function parseOptionsFlag(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new Error(`--options must be a JSON object, got: ${value}`);
  }
}

/** Help text listing every rule with its input shape. */
export function clinicalRulesHelp(): string {
  const lines = ['', 'Rules (input: one JSON object per line on stdin):'];
  for (const name of clinicalRuleNames) {
    const rule = getClinicalRule(name);
    if (!rule) continue;
    lines.push(``, `  ${name}: ${rule.title}`, `    input: ${describeShape(rule.inputSchema)}`);
    const opts = describeShape(rule.optionsSchema);
    if (opts !== '{}') lines.push(`    options (--options): ${opts}`);
    if (rule.contractOutputSchema) lines.push(`    output: ${describeShape(rule.contractOutputSchema)}`);
  }
  lines.push(
    '',
    'Invalid lines produce {"error":"...","path":"..."} and the batch continues.',
    'Use --explain for the full result (explanation, ruleId and details).'
  );
  return lines.join('\n');
}

/** Registers `engraft clinical` and one subcommand per rule. */
export function registerClinicalCommands(program: Command): void {
  const clinical = new Command('clinical')
    .description('Clinical rules (CRS, ICANS, GVHD, engraftment, ISBT 128, dosing, risk scores) over JSON lines')
    .addHelpText('after', clinicalRulesHelp);
  for (const name of clinicalRuleNames) {
    const rule = getClinicalRule(name);
    if (!rule) continue;
    clinical
      .command(name)
      .description(`${rule.title}: ${rule.description}`)
      .option('--explain', 'print the full result with explanation and rule id')
      .option('--options <json>', 'rule options as a JSON object (named choices where sources disagree)')
      .addHelpText(
        'after',
        `\nInput: ${describeShape(rule.inputSchema)}\nOptions: ${describeShape(rule.optionsSchema)}\nSource: ${rule.source}`
      )
      .action(async (flags: { explain?: boolean; options?: string }) => {
        const options = flags.options == null ? undefined : parseOptionsFlag(flags.options);
        await runClinicalStream(rule, process.stdin, process.stdout, { explain: flags.explain ?? false, options });
      });
  }
  program.addCommand(clinical);
}
