import { describe, expect, it } from 'vitest';
import { truncateLabel, wrapLegend } from './plotLayout';

describe('outcome figure layout', () => {
  it('wraps legend items into rows no wider than the figure, an over-wide item alone on its row', () => {
    const item = (i: number, w: number) => ({ i, text: `g${i}`, w });
    const rows = wrapLegend([item(0, 300), item(1, 300), item(2, 300), item(3, 900)], 700);
    expect(rows.map((r) => r.map((x) => x.i))).toEqual([[0, 1], [2], [3]]);
  });

  it('truncates group names beyond 26 characters with an ellipsis, and keeps shorter ones', () => {
    expect(truncateLabel('Allogeneic HCT, MAC')).toBe('Allogeneic HCT, MAC');
    const long = 'Acute myeloid leukaemia, first complete remission';
    expect(truncateLabel(long)).toHaveLength(26);
    expect(truncateLabel(long).endsWith('…')).toBe(true);
    expect(truncateLabel('x'.repeat(26))).toBe('x'.repeat(26));
  });
});
