import { ANALYTES, type Analyte, CHIMERISM_LINEAGES } from '@engraft/domain';

type Lineage = (typeof CHIMERISM_LINEAGES)[number];

/**
 * LOINC codes read from OBX-3 (coding system LN; LOINC, Regenstrief Institute), besides those of `ANALYTES`: the
 * manual-count codes for WBC (804-5), neutrophils (753-4) and platelets (778-1), and CMV DNA in IU/mL by NAA
 * (72493-0), as listed in the laboratory value sets of the CIBMTR FHIR Reporting IG (NMDP/CIBMTR, 2025,
 * "Laboratory Observations").
 */
const EXTRA_LOINC: Record<string, Analyte> = {
  '804-5': 'wbc',
  '753-4': 'anc',
  '778-1': 'platelets',
  '72493-0': 'cmv-pcr',
};

/** CMV DNA in copies/mL (30247-1 serum/plasma, 29604-6 blood) and log IU (72494-8): assay-specific, not converted. */
const NOT_CONVERTED: Record<string, string> = {
  '30247-1': 'CMV DNA in copies/mL is assay-specific and is not converted to IU/mL (WHO standard)',
  '29604-6': 'CMV DNA in copies/mL is assay-specific and is not converted to IU/mL (WHO standard)',
  '72494-8': 'CMV DNA as a log value is not stored; send IU/mL (72493-0)',
};

/**
 * Chimerism has no LOINC code: the interface engine sends Engraft's local codes (coding system L, 99ENG or
 * ENGRAFT): `chimerism-<lineage>` (chimerism-whole-blood, chimerism-T-cell, …), or an analyte code such as cmv-pcr.
 */
const LOCAL_SYSTEMS = new Set(['L', '99ENG', 'ENGRAFT']);

export type CodeLookup =
  { kind: 'analyte'; analyte: Analyte; lineage: Lineage | null } | { kind: 'unknown'; message: string };

export interface CodedElement {
  code: string;
  text: string;
  system: string;
}

const LOINC_TO_ANALYTE: Map<string, Analyte> = new Map([
  ...(Object.keys(ANALYTES) as Analyte[]).flatMap((a) =>
    (ANALYTES[a].loinc as readonly string[]).map((c): [string, Analyte] => [c, a])
  ),
  ...Object.entries(EXTRA_LOINC),
]);

function local(code: string): CodeLookup | undefined {
  const m = /^chimerism-(.+)$/i.exec(code);
  if (m) {
    const lineage = CHIMERISM_LINEAGES.find((l) => l.toLowerCase() === m[1]!.toLowerCase());
    return lineage ? { kind: 'analyte', analyte: 'chimerism', lineage } : undefined;
  }
  const analyte = (Object.keys(ANALYTES) as Analyte[]).find((a) => a === code.toLowerCase());
  return analyte && analyte !== 'chimerism' ? { kind: 'analyte', analyte, lineage: null } : undefined;
}

/** The analyte of an OBX-3 (identifier and alternate identifier, CE/CWE components 1–3 and 4–6). */
export function analyteOfCode(codes: readonly CodedElement[]): CodeLookup {
  for (const c of codes) {
    if (!c.code) continue;
    if (c.system === 'LN') {
      const a = LOINC_TO_ANALYTE.get(c.code);
      if (a) return { kind: 'analyte', analyte: a, lineage: null };
      const why = NOT_CONVERTED[c.code];
      if (why) return { kind: 'unknown', message: why };
    } else if (LOCAL_SYSTEMS.has(c.system.toUpperCase())) {
      const hit = local(c.code);
      if (hit) return hit;
    }
  }
  const shown = codes.filter((c) => c.code).map((c) => `${c.code}${c.system ? ` (${c.system})` : ''}`);
  return { kind: 'unknown', message: `no analyte followed by Engraft has the code ${shown.join(', ') || '(none)'}` };
}

/**
 * Unit spellings of lab systems → the spelling `ANALYTES` accepts (OBX-6: UCUM, HL7 v2.5.1 Chapter 7, section
 * 7.4.2.6; or a local unit). Matching ignores case and reads µ (micro sign) and μ (Greek mu) as u. 10*9/L, x10E9/L,
 * /nL and Gpt/L (German "Gigapartikel") are all 10^9 per litre.
 */
const ALIASES: Record<string, string> = {
  'x10e9/l': '10^9/L',
  '10e9/l': '10^9/L',
  '/nl': '10^9/L',
  'gpt/l': '10^9/L',
  'x10e3/ul': '10^3/uL',
  '10e3/ul': '10^3/uL',
  'iu/ml': 'IU/mL',
};

const fold = (u: string): string => u.trim().replace(/[µμ]/g, 'u').toLowerCase();

/** The accepted spelling of a unit for the analyte, or null when the unit does not fit it. */
export function unitFor(analyte: Analyte, raw: string): string | null {
  const units = Object.keys(ANALYTES[analyte].units);
  const f = fold(raw);
  const direct = units.find((u) => fold(u) === f);
  if (direct) return direct;
  const alias = ALIASES[f];
  return alias && units.includes(alias) ? alias : null;
}
