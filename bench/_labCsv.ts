import { dateOfDay } from '../packages/clinical/src/index';

/**
 * The lab-import benches' file: `rows` distinct results, ANC, platelets, haemoglobin and creatinine on
 * consecutive days from 1995 (32,000 rows ≈ 1 MB of CSV).
 */
export function labCsv(rows: number): string {
  const analytes = [
    ['anc', 'x10^9/L', 1.2],
    ['platelets', 'x10^9/L', 85],
    ['hemoglobin', 'g/dL', 10.4],
    ['creatinine', 'umol/L', 76],
  ] as const;
  const lines = ['date,analyte,value,unit'];
  for (let i = 0; i < rows; i++) {
    const [analyte, unit, base] = analytes[i % analytes.length]!;
    lines.push(
      `${dateOfDay('1995-01-01', Math.floor(i / analytes.length))},${analyte},${(base + (i % 7) / 10).toFixed(1)},${unit}`
    );
  }
  return lines.join('\n');
}
