import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchCriteriaInput } from './criteria';
import { cordCriteria } from './criteria';
import { BatchRejectedError, DonorIndex } from './donorIndex';
import { RegistryGenerator, toCsvLine } from './generator';
import { CSV_COLUMNS, importLines } from './importer';
import { importFile, readTextFile } from './io';
import { referenceSearch } from './reference';
import type { DonorRecord, Patient } from './schema';
import { type LoadProgress, loadSnapshot, loadSnapshotAsync, writeSnapshot } from './snapshot';
import { sharedData, testEngine } from './testing/engine';

const engine = testEngine();
const freqs = readTextFile(sharedData('freqs/CAU.freqs.gz'));
const ciwd = readTextFile(sharedData('ciwd/ciwd.3.0.0.csv'));
const tmp = mkdtempSync(join(tmpdir(), 'donors-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function registry(seed: number, count: number, cordShare = 0.1): { gen: RegistryGenerator; donors: DonorRecord[] } {
  const gen = new RegistryGenerator({ engine, freqs, ciwd, seed, cordShare });
  return { gen, donors: [...gen.take(count)] };
}

const adult = (id: string, typing: DonorRecord['typing'], extra: Partial<DonorRecord> = {}): DonorRecord => ({
  id,
  registry: 'R1',
  kind: 'adult',
  availability: 'available',
  typing,
  ...extra,
});

function ids(index: DonorIndex, patient: Patient, criteria: SearchCriteriaInput): string[] {
  const r = index.search(patient, criteria);
  return r.page(0, r.total).map((h) => h.donor.id);
}

describe('indexed search equals the brute-force reference (property)', () => {
  it('on random registries, criteria and changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(6, 8, 10, 12),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('bidirectional', 'gvh', 'hvg'),
        fc.subarray(['adult', 'cord'] as const, { minLength: 1 }),
        fc.shuffledSubarray(
          ['mismatches', 'potential', 'dpb1', 'cordDose', 'age', 'sex', 'cmv', 'abo', 'registry'] as const,
          { minLength: 1 }
        ),
        fc.integer({ min: 0, max: 2 }),
        (seed, loci, maxMismatches, direction, donorKinds, ranking, perLocusA) => {
          const { gen, donors } = registry(seed, 120);
          const index = new DonorIndex({ engine, shardSize: 32 });
          index.add(donors.slice(0, 100));
          const model = donors.slice(0, 100);
          // changes: remove a few, update a few (an update moves the donor to the end), add the rest
          const removed = model.filter((_, i) => i % 17 === 3).map((d) => d.id);
          index.remove(removed);
          const updates = model
            .filter((_, i) => i % 13 === 5)
            .map((d, k) => ({ ...d, typing: (donors[100 + k] as DonorRecord).typing }));
          index.apply({ upsert: [...updates, ...donors.slice(110)] });
          let current = model.filter((d) => !removed.includes(d.id));
          current = [...current.filter((d) => !updates.some((u) => u.id === d.id)), ...updates, ...donors.slice(110)];
          expect([...index.records()].map((d) => d.id)).toEqual(current.map((d) => d.id));
          const patient: Patient = { typing: gen.patient(), weightKg: 30, cmv: 'neg', abo: 'A' };
          const criteria: SearchCriteriaInput = {
            loci,
            maxMismatches,
            direction,
            donorKinds,
            ranking,
            maxMismatchesPerLocus: { A: perLocusA },
            preferredRegistries: ['UK', 'DE'],
            referenceYear: 2026,
            includeReserved: seed % 2 === 0,
          };
          const expected = referenceSearch(index.matcher, current, patient, criteria);
          const result = index.search(patient, criteria);
          const hits = result.page(0, result.total);
          expect(hits.map((h) => h.donor.id)).toEqual(expected.map((h) => h.id));
          expect(hits.map((h) => h.mismatches)).toEqual(expected.map((h) => h.mismatches));
          // paging a fresh result ranks bucket by bucket (lazily) and must give the same order
          const paged = index.search(patient, criteria);
          const pagedIds: string[] = [];
          for (let offset = 0; offset < paged.total; offset += 7) {
            pagedIds.push(...paged.page(offset, 7).map((h) => h.donor.id));
          }
          expect(pagedIds).toEqual(expected.map((h) => h.id));
        }
      ),
      { numRuns: 25 }
    );
  });
});

describe('donor index', () => {
  const patient: Patient = {
    typing:
      'A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02^DPB1*04:01+DPB1*02:01',
  };
  const full = {
    A: 'A*01:01+A*02:01',
    B: 'B*08:01+B*07:02',
    C: 'C*07:01+C*07:02',
    DRB1: 'DRB1*03:01+DRB1*15:01',
    DQB1: 'DQB1*02:01+DQB1*06:02',
  };

  it('ranks by mismatches, then definite before potential, DPB1, then younger and male donors', () => {
    const index = new DonorIndex({ engine });
    index.add([
      adult('old', full, { birthYear: 1970, sex: 'M' }),
      adult('young', full, { birthYear: 2000, sex: 'F' }),
      adult('young-m', full, { birthYear: 2000, sex: 'M' }),
      adult('potential', { ...full, A: 'A*01:AB+A*02:01' }, { birthYear: 2005 }),
      adult('mm1', { ...full, A: 'A*01:01+A*24:02' }, { birthYear: 2006 }),
      adult('dpb1-perm', { ...full, DPB1: 'DPB1*04:01+DPB1*04:02' }, { birthYear: 1960 }),
      adult('far', { ...full, A: 'A*03:01+A*24:02', B: 'B*44:02+B*35:01' }),
    ]);
    expect(ids(index, patient, { loci: 10, maxMismatches: 2, referenceYear: 2026 })).toEqual([
      'dpb1-perm',
      'young-m',
      'young',
      'old',
      'potential',
      'mm1',
    ]);
    // configurable: age first
    expect(
      ids(index, patient, { loci: 10, maxMismatches: 1, ranking: ['age', 'mismatches'], referenceYear: 2026 })
    ).toEqual(['mm1', 'potential', 'young', 'young-m', 'old', 'dpb1-perm']);
    // per-locus limit and 6/6
    expect(ids(index, patient, { loci: 6, maxMismatches: 4, maxMismatchesPerLocus: { A: 0 } })).not.toContain('mm1');
  });

  it('counts GvH or HvG only on request (homozygous donor vs heterozygous patient)', () => {
    const index = new DonorIndex({ engine });
    index.add([adult('homo', { ...full, A: 'A*01:01' }), adult('extra', { ...full, A: 'A*01:01+A*24:02' })]);
    // homo: patient A*02:01 absent from the donor (GvH 1, HvG 0); extra: GvH 1, HvG 1
    expect(ids(index, patient, { loci: 10, maxMismatches: 0, direction: 'hvg' })).toEqual(['homo']);
    expect(ids(index, patient, { loci: 10, maxMismatches: 0, direction: 'gvh' })).toEqual([]);
    expect(ids(index, patient, { loci: 10, maxMismatches: 1 }).sort()).toEqual(['extra', 'homo']);
  });

  it('explains null alleles and one-way mismatches', () => {
    const index = new DonorIndex({ engine });
    index.add([adult('n', { ...full, A: 'A*02:01+A*01:16N' })]);
    const e = index.explain('n', patient, { loci: 10 });
    const a = e?.loci.find((l) => l.locus === 'A');
    expect(a).toMatchObject({ mismatches: 1, gvh: 1, hvg: 0 });
    expect(a?.notes.join(' ')).toMatch(/A\*01:16N is a null allele .*homozygous/);
    expect(a?.notes.join(' ')).toMatch(/one-way mismatch/);
  });

  it('searches see one consistent state: results keep their view after changes', () => {
    const index = new DonorIndex({ engine, shardSize: 2 });
    index.add([adult('a', full), adult('b', full), adult('c', full)]);
    const before = index.search(patient, { loci: 10 });
    index.apply({ remove: ['a'], upsert: [adult('b', { ...full, A: 'A*03:01+A*24:02' }), adult('d', full)] });
    expect(before.page(0, 10).map((h) => h.donor.id)).toEqual(['a', 'b', 'c']);
    expect(before.page(0, 10)[1]?.donor.typing.A).toBe(full.A);
    expect(ids(index, patient, { loci: 10, maxMismatches: 0 })).toEqual(['c', 'd']);
    expect(index.size).toBe(3);
    expect(index.get('b')?.typing.A).toBe('A*03:01+A*24:02');
  });

  it('refuses a batch with an invalid typing and changes nothing', () => {
    const index = new DonorIndex({ engine });
    index.add([adult('a', full)]);
    expect(() => index.add([adult('x', full), adult('bad', { A: 'A*99:99+A*01:01' })])).toThrow(BatchRejectedError);
    expect(index.size).toBe(1);
    expect(index.get('x')).toBeUndefined();
    expect(index.remove(['nope']).unknownIds).toEqual(['nope']);
  });

  it('explains a donor locus by locus', () => {
    const index = new DonorIndex({ engine });
    index.add([adult('d', { ...full, A: 'A*01:AB+A*24:02', B: 'B8+B7', C: undefined, DRB1: 'DRB1*03:01+DRB1*15:01' })]);
    const e = index.explain('d', patient, { loci: 10 });
    expect(e?.release).toBe('3.58.0');
    const a = e?.loci.find((l) => l.locus === 'A');
    expect(a?.positions.map((p) => p.allele)).toEqual(['potential', 'mismatch']);
    expect(a?.positions[0]?.reason).toMatch(/share A\*01:01/);
    expect(a?.positions[1]?.reason).toMatch(/different antigens/);
    expect(e?.loci.find((l) => l.locus === 'C')?.positions[0]?.reason).toMatch(/donor is not typed at C/);
    expect(e?.dpb1.reason).toMatch(/not typed/);
    expect(index.explain('unknown', patient)).toBeUndefined();
  });

  it('cord units: dose per kg and adequacy from @engraft/clinical, double-unit pairs', () => {
    const index = new DonorIndex({ engine });
    const cord = (id: string, tncE7: number, cd34E5: number, typing = full): DonorRecord => ({
      id,
      registry: 'CB',
      kind: 'cord',
      availability: 'available',
      typing,
      cord: { tncE7, cd34E5 },
    });
    index.add([
      cord('big', 200, 60),
      cord('small', 40, 15),
      cord('mid', 90, 30),
      cord('mm', 300, 90, { ...full, A: 'A*01:01+A*24:02' }),
      adult('adult', full),
    ]);
    const r = index.search({ typing: patient.typing, weightKg: 20 }, cordCriteria(6, 1));
    const hits = r.page();
    expect(hits.map((h) => h.donor.id)).toEqual(['big', 'mid', 'small', 'mm']);
    expect(hits[0]?.cord).toMatchObject({ tncE7PerKg: 10, cd34E5PerKg: 3, hlaOf: 6, hlaMatched: 6 });
    expect(hits[0]?.cord?.single.adequate).toBe(true);
    expect(hits[2]?.cord?.single.adequate).toBe(false); // 2.0 x10^7/kg
    expect(hits[2]?.cord?.double.adequate).toBe(false); // CD34+ 0.75 x10^5/kg per unit
    const pairs = r.cordPairs();
    expect(pairs[0]?.units.map((u) => u.donor.id)).toEqual(['big', 'mid']);
  });

  it('snapshots round-trip (also loaded asynchronously with progress) and keep accepting changes', async () => {
    const { gen, donors } = registry(7, 300);
    const index = new DonorIndex({ engine, shardSize: 100 });
    index.add(donors);
    index.remove([donors[5]?.id ?? '']);
    // an optional locus first typed late in a shard gets its column then
    index.add([adult('opt', { A: 'A*01:01+A*02:01', DRB4: 'DRB4*01:01+DRB4*01:03', DQA1: 'DQA1*01:01' })]);
    expect(index.get('opt')?.typing.DRB4).toBe('DRB4*01:01+DRB4*01:03');
    expect(index.get(donors[299]?.id ?? '')?.typing.DRB4).toBeUndefined();
    const path = join(tmp, 'snap.bin');
    const info = writeSnapshot(index, path);
    expect(info).toMatchObject({ donors: 300, release: '3.58.0' });
    const loaded = loadSnapshot(path, engine);
    expect(loaded.size).toBe(300);
    expect(loaded.get('opt')).toEqual(index.get('opt'));
    const p: Patient = { typing: gen.patient(), weightKg: 25 };
    const c: SearchCriteriaInput = { loci: 8, maxMismatches: 3, donorKinds: ['adult', 'cord'], referenceYear: 2026 };
    expect(ids(loaded, p, c)).toEqual(ids(index, p, c));
    expect(loaded.get(donors[10]?.id ?? '')).toEqual(index.get(donors[10]?.id ?? ''));
    loaded.add([{ ...(donors[5] as DonorRecord) }]);
    expect(loaded.size).toBe(301);

    // The async loader gives the same index, yields to the event loop and reports rising progress up to 1.
    const progress: LoadProgress[] = [];
    const async = await loadSnapshotAsync(path, engine, { onProgress: (x) => progress.push(x) });
    expect(async.size).toBe(300);
    expect(ids(async, p, c)).toEqual(ids(index, p, c));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.map((x) => x.fraction)).toEqual([...progress.map((x) => x.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ fraction: 1, phase: 'shards' });
  });
});

describe('import', () => {
  const wmda = [
    '# comment',
    'D1%A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01',
    'no percent sign',
    'D2%A*99:99+A*01:01^B*08:01',
    '',
    'D1%A*01:01^B*08:01',
    'D3%A*01:AB+A*02:XX^B8+B7^DRB1*03:01/DRB1*03:02',
  ];

  it('WMDA text: bad rows reported with line numbers and skipped', async () => {
    const index = new DonorIndex({ engine });
    const s = await importLines(index, wmda, 'wmda', { registry: 'MVT' });
    expect(s).toMatchObject({ lines: 7, imported: 2, refused: false, release: '3.58.0' });
    expect(s.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(s.errors[1]?.message).toMatch(/A\*99:99/);
    expect(s.errors[2]?.message).toMatch(/duplicate id D1/);
    expect(index.get('D3')?.typing).toEqual({ A: 'A*01:AB+A*02:XX', B: 'B8+B7', DRB1: 'DRB1*03:01/DRB1*03:02' });
    expect(index.get('D3')?.registry).toBe('MVT');
  });

  it('strict: any bad row refuses the whole import, nothing applied', async () => {
    const index = new DonorIndex({ engine });
    index.add([adult('keep', { A: 'A*01:01' })]);
    const s = await importLines(index, wmda, 'wmda', { strict: true });
    expect(s.refused).toBe(true);
    expect(index.size).toBe(1);
    expect(index.get('D1')).toBeUndefined();
  });

  it('CSV, gzip, with cord fields and schema errors', async () => {
    const { donors } = registry(3, 50, 0.3);
    const lines = [
      CSV_COLUMNS.join(','),
      ...donors.map(toCsvLine),
      'X1,R,adult,M,1990-02-30,,,,,,,,A*01:01,,,,,,,,,,,,,,',
      'X2,R,cord,F,,2020,,,,,,,A*01:01,,,,,,,,,,,,,,',
    ];
    const path = join(tmp, 'reg.csv.gz');
    writeFileSync(path, gzipSync(lines.join('\n') + '\n'));
    const index = new DonorIndex({ engine });
    const s = await importFile(index, path);
    expect(s.format).toBe('csv');
    expect(s.imported).toBe(50);
    expect(s.errors.map((e) => e.line)).toEqual([52, 53]);
    expect(s.errors[0]?.message).toMatch(/birthDate/);
    expect(s.errors[1]?.message).toMatch(/cord/);
    for (const d of donors) expect(index.get(d.id)).toEqual(d);
  });

  it('CSV with an unknown column is refused as a whole', async () => {
    const index = new DonorIndex({ engine });
    await expect(importLines(index, ['id,hair_colour', 'a,red'], 'csv')).rejects.toThrow(/unknown CSV column/);
    expect(index.size).toBe(0);
  });
});

describe('worker threads', () => {
  it('a pool over shards returns exactly what the single-thread search returns', async () => {
    const { DonorSearchPool } = await import('./pool');
    const { gen, donors } = registry(11, 400);
    const index = new DonorIndex({ engine, shardSize: 50 });
    index.add(donors);
    const pool = new DonorSearchPool(index, { threads: 2 });
    try {
      for (let i = 0; i < 5; i++) {
        const p: Patient = { typing: gen.patient(), weightKg: 40 };
        const c: SearchCriteriaInput = {
          loci: 10,
          maxMismatches: 3,
          donorKinds: ['adult', 'cord'],
          referenceYear: 2026,
        };
        const a = await pool.search(p, c);
        const b = index.search(p, c);
        expect(a.total).toBe(b.total);
        expect(a.page(0, a.total).map((h) => h.donor.id)).toEqual(b.page(0, b.total).map((h) => h.donor.id));
      }
    } finally {
      await pool.close();
    }
    await expect(pool.search({ typing: 'A*01:01' })).rejects.toThrow(/closed/);
  });
});
