import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { HlaEngine } from '@engraft/hla';
import { isHlaError } from '@engraft/hla';
import { ImputationError, Imputer, loadFrequencySet } from '@engraft/donors';
import { readStdinLines } from './batch';

export interface ImputeOptions {
  freqs: string;
  population?: string;
  top?: number;
  imgtDir?: string;
  macFile?: string;
  nonStrict?: boolean;
}

/** The JSON line written for one `ID%GL` input (issue 16 contract). */
export type ImputeLine =
  | {
      id: string;
      genotypes: readonly { readonly haplotypes: readonly [string, string]; readonly probability: number }[];
      unrepresented: readonly string[];
      truncatedMass: number;
    }
  | { id: string; error: string };

/**
 * `engraft hla impute --freqs F [--population P] [--top K]`: one JSON line per `ID%GL` input line, in order.
 * `withDataOptions` and `openEngine` are those of the other `hla` commands (release, MAC file, strictness).
 */
export function registerImputeCommand(
  hla: Command,
  withDataOptions: (c: Command) => Command,
  openEngine: (opts: ImputeOptions) => HlaEngine
): void {
  withDataOptions(
    hla
      .command('impute')
      .description(
        'impute genotypes (haplotype pairs with posterior probabilities) of ID%GL lines: writes one JSON line each'
      )
      .requiredOption('--freqs <file>', 'haplotype frequency set: hap,pop,freq lines (gzip or plain)')
      .option(
        '--population <label>',
        "population of the set to use (default: the set's only one), or a mixture: LABEL=WEIGHT,LABEL=WEIGHT"
      )
      .option('--top <k>', 'keep the K most probable genotypes; the rest is reported as truncatedMass', positiveInt)
  ).action(async (opts: ImputeOptions) => {
    const set = loadFrequencySet(opts.freqs);
    const population = opts.population === undefined ? undefined : parsePopulation(opts.population);
    const labels = set.populations.map((p) => p.label);
    for (const label of typeof population === 'string' ? [population] : Object.keys(population ?? {})) {
      if (!labels.includes(label)) {
        throw new Error(`population '${label}' is not in the frequency set (it has ${labels.join(', ')})`);
      }
    }
    const imputer = new Imputer({
      set,
      engine: openEngine(opts),
      ...(population !== undefined ? { population } : {}),
    });
    const quoted = new Map<string, string>();
    let out: string[] = [];
    for (const line of await readStdinLines()) {
      if (line.trim() === '') continue;
      out.push(jsonLine(imputeLine(imputer, line, opts.top), quoted));
      if (out.length === 500) {
        await write(out.join('\n') + '\n');
        out = [];
      }
    }
    if (out.length > 0) await write(out.join('\n') + '\n');
  });
}

export function imputeLine(imputer: Imputer, line: string, top: number | undefined): ImputeLine {
  const cut = line.indexOf('%');
  if (cut < 0) return { id: line.trim(), error: 'expected ID%GL (no % in the line)' };
  const id = line.slice(0, cut).trim();
  try {
    const r = imputer.impute(line.slice(cut + 1).trim(), top === undefined ? {} : { top });
    return {
      id,
      genotypes: r.genotypes.map((g) => ({
        haplotypes: [g.haplotypes[0], g.haplotypes[1]],
        probability: g.probability,
      })),
      unrepresented: [...r.unrepresented],
      truncatedMass: r.truncatedMass,
    };
  } catch (err) {
    if (err instanceof ImputationError || isHlaError(err)) return { id, error: err.message };
    throw err;
  }
}

/** `--population`: one label, or mixture weights `LABEL=WEIGHT,LABEL=WEIGHT` (normalised by the imputer). */
export function parsePopulation(text: string): string | Record<string, number> {
  if (!text.includes('=')) return text;
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [label = '', weight = ''] = part.split('=');
    const w = Number(weight);
    if (label === '' || weight.trim() === '' || !Number.isFinite(w) || w < 0) {
      throw new InvalidArgumentError(`--population: '${part}' is not LABEL=WEIGHT with a weight ≥ 0`);
    }
    if (label in weights) throw new InvalidArgumentError(`--population: '${label}' is given twice`);
    weights[label] = w;
  }
  return weights;
}

/**
 * The JSON text of one answer, as JSON.stringify would write it (same key order, numbers as JavaScript prints
 * them), built from cached quoted haplotype names: WMDA-scale batches write hundreds of megabytes.
 */
export function jsonLine(answer: ImputeLine, quoted: Map<string, string>): string {
  if ('error' in answer) return JSON.stringify(answer);
  const q = (s: string) => {
    let v = quoted.get(s);
    if (v === undefined) {
      v = JSON.stringify(s);
      quoted.set(s, v);
    }
    return v;
  };
  const genotypes = answer.genotypes
    .map(
      (g) =>
        `{"haplotypes":[${q(g.haplotypes[0])},${q(g.haplotypes[1])}],"probability":${JSON.stringify(g.probability)}}`
    )
    .join(',');
  return `{"id":${JSON.stringify(answer.id)},"genotypes":[${genotypes}],"unrepresented":${JSON.stringify(answer.unrepresented)},"truncatedMass":${JSON.stringify(answer.truncatedMass)}}`;
}

/** Writes to stdout, waiting for the pipe to drain when it is full (a slow reader must not fill memory). */
function write(text: string): Promise<void> {
  if (process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

function positiveInt(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return Number(value);
}
