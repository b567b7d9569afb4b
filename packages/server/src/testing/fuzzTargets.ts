import { checkCoi, checkDin, checkProductCode, checkSec } from '@engraft/clinical';
import { labRowsFromCsv, labRowsFromFhirBundle, parseTypedNumber } from '@engraft/domain';
import { checkTypingSyntax, HeaderError, RowParser, TypingError } from '@engraft/donors';
import { isHlaError, parseGl } from '@engraft/hla';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { findForbiddenText } from '../http/inputGuards';

// Fuzz targets (issue 14): every parser of outside input, each with a generator that mixes random text with
// near-valid structure. A crash is any exception other than the parser's documented refusal. Used by
// fuzzTargets.test.ts (a sample on every `npm test`) and `npm run bench -- fuzz` (≥ 100,000 inputs each).

export interface FuzzTarget {
  name: string;
  arbitrary: fc.Arbitrary<unknown>;
  /** Runs the parser; throws only on a crash (an exception the parser does not document). */
  run(input: unknown): void;
}

const pieces = <T extends string>(...xs: T[]) => fc.constantFrom(...xs);
const textFrom = (alphabet: fc.Arbitrary<string>, maxLength = 40) =>
  fc.array(alphabet, { maxLength }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));
const HLA_TOKENS = pieces(
  'A',
  'B',
  'C',
  'DRB1',
  'DQB1',
  'DPB1',
  'HLA-',
  '*',
  ':',
  '0',
  '1',
  '2',
  '9',
  '01',
  '99',
  'N',
  'G',
  'P',
  'g',
  'ARS',
  'XX',
  'AB',
  '+',
  '/',
  '^',
  '|',
  '~',
  ' ',
  'Cw',
  'DR'
);
const ISBT = pieces('W', '9', '0', '1', 'A', 'Z', '=', '%', '&', '*', ' ', 'S', 'E', 'C', '-', '00', 'A0', 'Ab', 'ü');
const CSV_CELL = fc.oneof(
  anyText,
  pieces(
    'anc',
    'platelets',
    'hemoglobin',
    'chimerism',
    'platelet-transfusion',
    '2026-03-01',
    '2026-02-30',
    '1e400',
    '-5',
    'NaN',
    'x10^9/L',
    'g/dL',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '__proto__',
    'toString',
    'constructor'
  )
);
const csvLine = fc.array(CSV_CELL, { maxLength: 7 }).map((cells) => cells.join(','));
const LOINC = 'http://loinc.org';
const jsonish = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  pieces('__proto__', 'toString', 'constructor')
);
const observation = fc.record(
  {
    resourceType: fc.oneof(fc.constant('Observation'), jsonish),
    status: fc.oneof(pieces('final', 'amended', 'preliminary'), jsonish),
    code: fc.oneof(
      jsonish,
      fc.record(
        {
          coding: fc.oneof(
            jsonish,
            fc.array(
              fc.oneof(
                jsonish,
                fc.record(
                  {
                    system: fc.oneof(
                      fc.constant(LOINC),
                      fc.constant('https://engraft.dev/fhir/CodeSystem/analyte'),
                      jsonish
                    ),
                    code: fc.oneof(pieces('751-8', '777-3', 'chimerism', 'toString', '__proto__'), jsonish),
                  },
                  { requiredKeys: [] }
                )
              ),
              { maxLength: 3 }
            )
          ),
        },
        { requiredKeys: [] }
      )
    ),
    valueQuantity: fc.oneof(
      jsonish,
      fc.record(
        { value: jsonish, code: fc.oneof(pieces('10*9/L', '%', 'umol/L', '__proto__'), jsonish), unit: jsonish },
        { requiredKeys: [] }
      )
    ),
    effectiveDateTime: fc.oneof(pieces('2026-03-01', '2026-03-01T06:00:00+01:00', '9999-99-99'), jsonish),
    effectivePeriod: fc.oneof(jsonish, fc.record({ start: jsonish })),
    bodySite: fc.oneof(jsonish, fc.record({ coding: fc.oneof(jsonish, fc.array(jsonish, { maxLength: 2 })) })),
    subject: fc.oneof(jsonish, fc.record({ identifier: fc.oneof(jsonish, fc.record({ value: jsonish })) })),
  },
  { requiredKeys: [] }
);
const bundle = fc.oneof(
  fc.record(
    {
      resourceType: fc.oneof(fc.constant('Bundle'), jsonish),
      entry: fc.oneof(
        jsonish,
        fc.array(fc.oneof(jsonish, fc.record({ resource: fc.oneof(observation, jsonish) }, { requiredKeys: [] })), {
          maxLength: 4,
        })
      ),
    },
    { requiredKeys: [] }
  ),
  fc.json({ maxDepth: 4 }).map((s) => JSON.parse(s) as unknown)
);

const allowTyped = (fn: () => void, allowed: (err: unknown) => boolean) => {
  try {
    fn();
  } catch (err) {
    if (!allowed(err)) throw err;
  }
};

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'lab CSV (csv-parse + labRowsFromCsv)',
    arbitrary: fc
      .array(csvLine, { maxLength: 6 })
      .map((lines) => ['date,analyte,value,unit,lineage,mrn', ...lines].join('\n')),
    run: (input) => {
      let records: Record<string, string>[];
      try {
        // The options the import uses (services/monitoring.ts): csv-parse refusing a file is a report, not a crash.
        records = parseCsv(input as string, {
          columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          bom: true,
        });
      } catch {
        return;
      }
      labRowsFromCsv(records);
    },
  },
  {
    name: 'lab FHIR bundle (labRowsFromFhirBundle)',
    arbitrary: bundle,
    run: (input) => void labRowsFromFhirBundle(input),
  },
  {
    name: 'GL string (parseGl)',
    arbitrary: fc.oneof(textFrom(HLA_TOKENS), anyText),
    run: (input) => allowTyped(() => parseGl(input as string), isHlaError),
  },
  {
    name: 'donor typing (checkTypingSyntax)',
    arbitrary: fc.oneof(textFrom(HLA_TOKENS), anyText),
    run: (input) =>
      allowTyped(
        () => checkTypingSyntax(input as string),
        (e) => e instanceof TypingError || isHlaError(e)
      ),
  },
  {
    name: 'donor registry file line (RowParser csv and WMDA)',
    arbitrary: fc.tuple(
      fc.constantFrom('csv' as const, 'wmda' as const),
      fc.array(
        fc.oneof(anyText, textFrom(HLA_TOKENS), pieces('D-1', 'cord', 'adult', 'M', 'F', '1990', 'O+', 'A', 'B', '')),
        { maxLength: 12 }
      )
    ),
    run: (input) => {
      const [format, cells] = input as ['csv' | 'wmda', string[]];
      const parser = new RowParser(format);
      if (format === 'csv') parser.parse('id,kind,sex,birth_year,abo,rh,cmv,a,b,drb1,gl,tnc_e7', 1);
      // A header line that names unknown columns is refused as a whole file (HeaderError), by design.
      allowTyped(
        () => void parser.parse(cells.join(format === 'csv' ? ',' : '%'), 2),
        (e) => e instanceof HeaderError
      );
    },
  },
  {
    name: 'DIN (checkDin)',
    arbitrary: fc.oneof(textFrom(ISBT, 20), anyText),
    run: (input) => void checkDin({ din: input as string }),
  },
  {
    name: 'ISBT 128 product code (checkProductCode)',
    arbitrary: fc.oneof(textFrom(ISBT, 12), anyText),
    run: (input) => void checkProductCode({ productCode: input as string }),
  },
  {
    name: 'chain of identity (checkCoi)',
    arbitrary: fc.oneof(textFrom(ISBT, 30), anyText),
    run: (input) => void checkCoi({ coi: input as string }),
  },
  {
    name: 'Single European Code (checkSec)',
    arbitrary: fc.oneof(textFrom(ISBT, 50), anyText),
    run: (input) => void checkSec({ sec: input as string }),
  },
  {
    name: 'typed number (parseTypedNumber)',
    arbitrary: fc.oneof(
      textFrom(pieces('4', '0', '.', ',', 'e', 'E', '×', 'x', '10', '^', '-', '+', ' ', 'Infinity', 'NaN', '0x')),
      anyText
    ),
    run: (input) => void parseTypedNumber(input as string),
  },
  {
    name: 'edge guard (findForbiddenText over any JSON)',
    arbitrary: fc.jsonValue({ maxDepth: 6 }),
    run: (input) => void findForbiddenText(input, ''),
  },
];

export interface FuzzOutcome {
  name: string;
  inputs: number;
  crashes: number;
  firstCrash?: string;
}

/** Runs every target over `runs` generated inputs; counts crashes instead of stopping at the first. */
export function fuzzAll(runs: number, seed = 14): FuzzOutcome[] {
  return FUZZ_TARGETS.map((t) => {
    let crashes = 0;
    let firstCrash: string | undefined;
    let inputs = 0;
    fc.assert(
      fc.property(t.arbitrary, (input) => {
        inputs++;
        try {
          t.run(input);
        } catch (err) {
          crashes++;
          firstCrash ??= `${JSON.stringify(input)?.slice(0, 200)}: ${err instanceof Error ? err.message : String(err)}`;
        }
      }),
      { numRuns: runs, seed }
    );
    return { name: t.name, inputs, crashes, ...(firstCrash ? { firstCrash } : {}) };
  });
}
