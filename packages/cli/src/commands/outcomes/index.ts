// engraft outcomes km|cif|cox: survival and competing-risks statistics on a CSV file (issue 5 contract).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { runCif, runCox, runKm } from './run';

function confLevel(v: string): number {
  const x = Number(v);
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError('must be a number between 0 and 1, e.g. 0.95');
  return x;
}

function timeList(v: string): number[] {
  const xs = v.split(',').map((s) => Number(s.trim()));
  if (xs.some((x) => !Number.isFinite(x))) {
    throw new InvalidArgumentError('must be comma-separated numbers, e.g. 0,100,365');
  }
  return xs;
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** JSON on stdout (warnings to stderr, so stdout stays parseable), or the readable text with its warnings. */
function emit(
  result: {
    json: unknown;
    text: string;
    warnings: string[];
    writeJson?: (sink: (chunk: Uint8Array) => boolean | void) => void;
    writeText?: (sink: (chunk: Uint8Array) => boolean | void) => void;
  },
  asJson: boolean | undefined
): void {
  // A write that returns with nothing queued (a file, or a pipe on Linux: synchronous) is done with the
  // chunk, whose buffer is then filled again; otherwise the stream keeps it and a new one is taken.
  const stdout = process.stdout;
  const sink = (chunk: Uint8Array): boolean => (stdout.write(chunk), stdout.writableLength === 0);
  if (!asJson) {
    if (result.writeText) result.writeText(sink);
    else stdout.write(result.text);
    return;
  }
  if (result.writeJson) result.writeJson(sink);
  else stdout.write(`${JSON.stringify(result.json)}\n`);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
}

export function registerOutcomesCommands(program: Command): void {
  const outcomes = program
    .command('outcomes')
    .description('Survival and competing-risks statistics (Kaplan–Meier, cumulative incidence, Cox)');

  outcomes
    .command('km')
    .description(
      'Kaplan–Meier curves with Greenwood SE, confidence limits, medians, and the log-rank test between groups'
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--time <col>', 'column with the follow-up time')
    .requiredOption('--event <col>', 'column with 1 = event, 0 = censored')
    .option('--group <col>', 'column with the group label')
    .option('--conf-level <p>', 'confidence level', confLevel, 0.95)
    .addOption(
      new Option('--conf-type <type>', 'confidence interval type').choices(['log', 'log-log', 'plain']).default('log')
    )
    .option('--at <times>', 'numbers at risk at these times, e.g. 0,100,365', timeList)
    .option('--json', 'print JSON')
    .action(
      (o: {
        csv: string;
        time: string;
        event: string;
        group?: string;
        confLevel: number;
        confType: 'log' | 'log-log' | 'plain';
        at?: number[];
        json?: boolean;
      }) => {
        emit(runKm(read(o.csv), o), o.json);
      }
    );

  outcomes
    .command('cif')
    .description(
      "Cumulative incidence of competing causes (Aalen–Johansen, cmprsk variance) and Gray's test between groups"
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--time <col>', 'column with the follow-up time')
    .requiredOption('--cause <col>', 'column with 0 = censored, 1..k = cause of the event')
    .option('--group <col>', 'column with the group label')
    .option('--json', 'print JSON')
    .action((o: { csv: string; time: string; cause: string; group?: string; json?: boolean }) => {
      emit(runCif(read(o.csv), o), o.json);
    });

  outcomes
    .command('cox')
    .description(
      'Cox proportional hazards model: hazard ratios with confidence limits, Wald, likelihood-ratio and score tests'
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--time <col>', 'column with the follow-up time')
    .requiredOption('--event <col>', 'column with 1 = event, 0 = censored')
    .requiredOption('--covariates <cols>', 'comma-separated numeric covariate columns, e.g. age,donor_mud')
    .addOption(
      new Option('--ties <method>', 'handling of tied event times').choices(['efron', 'breslow']).default('efron')
    )
    .option('--start <col>', 'interval start column: rows are (start, time] for time-dependent covariates')
    .option('--strata <col>', 'stratify the baseline hazard by this column')
    .option('--conf-level <p>', 'confidence level', confLevel, 0.95)
    .option('--json', 'print JSON')
    .action(
      (o: {
        csv: string;
        time: string;
        event: string;
        covariates: string;
        ties: 'efron' | 'breslow';
        start?: string;
        strata?: string;
        confLevel: number;
        json?: boolean;
      }) => {
        const covariates = o.covariates
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        emit(runCox(read(o.csv), { ...o, covariates }), o.json);
      }
    );
}
