import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { dpb1TceGroup } from './tce';
import { sharedData } from './testing/sharedData';

// 3.58.0 ships tce/dpb_tce.csv; 3.44.0 in shared/data does not. Examples are the rows quoted in
const hla = createHlaEngine({ release: loadImgtRelease(sharedData('imgt/3.58.0')) });

describe('DPB1 T-cell-epitope groups', () => {
  it('reads V2 by default and V1 on request', () => {
    expect(dpb1TceGroup(hla, 'DPB1*01:01:01:01')).toEqual({ group: '3', predicted: false, version: 'V2' });
    expect(dpb1TceGroup(hla, 'DPB1*09:01')).toMatchObject({ group: '1' });
    expect(dpb1TceGroup(hla, 'DPB1*06:01:01:01')).toMatchObject({ group: '2a' });
    expect(dpb1TceGroup(hla, 'DPB1*06:01:01:01', 'V1')).toMatchObject({ group: '3', version: 'V1' });
  });
  it('flags predicted assignments ($) and null alleles (group 0)', () => {
    expect(dpb1TceGroup(hla, 'DPB1*08:01')).toEqual({ group: '2a', predicted: true, version: 'V2' });
    expect(dpb1TceGroup(hla, 'DPB1*08:01', 'V1')).toEqual({ group: '3', predicted: true, version: 'V1' });
    expect(dpb1TceGroup(hla, 'DPB1*04:01:01:24N')).toMatchObject({ group: '0' });
  });
  it('assigns 2-field names and MAC-like lists when their alleles agree, and nothing when they do not', () => {
    expect(dpb1TceGroup(hla, 'DPB1*03:01')).toMatchObject({ group: '2' });
    expect(dpb1TceGroup(hla, 'DPB1*01:XX')).toMatchObject({ group: '3' });
    expect(dpb1TceGroup(hla, 'DPB1*04:XX')).toBeUndefined();
  });
  it('returns undefined for a release without the table', () => {
    const old = createHlaEngine({ release: loadImgtRelease(sharedData('imgt/3.44.0')) });
    expect(old.release.tce).toBeUndefined();
    expect(dpb1TceGroup(old, 'DPB1*01:01')).toBeUndefined();
  });
});
