import { describe, expect, it } from 'vitest';
import { HlaError } from './errors';
import { loadImgtRelease } from './imgt/loadRelease';
import { serologyFamily } from './serology';
import { sharedData } from './testing/sharedData';

const release = loadImgtRelease(sharedData('imgt/3.58.0'));

describe('serology families (rel_ser_ser.txt)', () => {
  it('finds splits of a broad and the broad of a split', () => {
    expect(serologyFamily(release, 'A10')).toEqual({
      antigen: 'A10',
      broad: undefined,
      splits: ['A25', 'A26', 'A34', 'A66'],
      associatedWith: undefined,
      associated: [],
    });
    expect(serologyFamily(release, 'A25').broad).toBe('A10');
    expect(serologyFamily(release, 'Cw10').broad).toBe('Cw3');
  });
  it('finds associated antigens both ways', () => {
    expect(serologyFamily(release, 'A2').associated).toEqual(['A203', 'A210']);
    expect(serologyFamily(release, 'B4005').associatedWith).toBe('B21');
  });
  it('rejects unknown antigens', () => {
    expect(() => serologyFamily(release, 'A99')).toThrow(HlaError);
  });
});
