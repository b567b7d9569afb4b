import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DonorIndex } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../../../donors/src/testing/engine';
import { KIR_FIXTURE_RELEASE } from '../../../donors/src/testing/kirFixture';
import { loadRegistryFiles, staticDonorRegistry } from '../services/donorRegistry';
import { readKirLigands } from '../services/kirLigands';
import { familyPatient, gl, HAP } from '../testing/familyFixtures';
import { createTestApp, DRIVERS, type TestContext } from '../testing/testApp';

type Criterion = { criterion: string; penalty: number; weighted: number; reason: string };
type Donors = { ranked: { relativeId: string; summary: string; criteria: Criterion[] }[] };

// The KIR-ligand criterion fed from the loaded release (ADR 0422). Patient a/c (familyFixtures): C*07:01/C*07:02
// (C1 only), B*08:01/B*07:02 (Bw6), A*01:01/A*03:01 (no Bw4). Father a/b brings C*05:01 (C2) and B*44:02 (Bw4):
// the patient lacks both, a GvH KIR-ligand mismatch (Ruggeri 2002). The fixture alignments carry those motifs.
async function family(t: TestContext, mrn: string) {
  const f = await familyPatient(t, mrn, 'Kim');
  await f.addRelative('father', { relationship: 'father', name: 'Felix', sex: 'male' }, gl(HAP.a, HAP.b));
  await f.addRelative('untyped', { relationship: 'full-sibling', name: 'Una', sex: 'female' });
  const view = async () => (await f.hla.get(`${f.base}/donors`)).json<Donors>();
  const criterion = (d: Donors, who: string) =>
    d.ranked.find((r) => r.relativeId === f.ids[who])!.criteria.find((c) => c.criterion === 'kirLigand');
  return { view, criterion };
}

describe.each(DRIVERS)('the KIR-ligand criterion from the loaded release (%s)', (driver) => {
  const engine = testEngine();
  let withAlignments: TestContext;
  let without: TestContext;
  let notLoaded: TestContext;
  beforeAll(async () => {
    // The server's own load of a release directory: the shared 3.58.0 files plus the fixture alignments.
    const loaded = await loadRegistryFiles({ imgtDir: releaseWithAlignments(), dataDir: 'memory://kir', threads: 1 });
    withAlignments = await createTestApp(driver, { donors: staticDonorRegistry(loaded) });
    // What the same load reads from a release directory without alignments (the shared test releases).
    const kirLigands = await readKirLigands(sharedData('imgt/3.58.0'));
    without = await createTestApp(driver, {
      donors: staticDonorRegistry({ engine, index: new DonorIndex({ engine }), kirLigands }),
    });
    notLoaded = await createTestApp(driver);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([withAlignments, without, notLoaded].map((t) => t?.close()));
  });

  it('shows the mismatch read from the alignments, weight 0 by default; no criterion for an untyped relative', async () => {
    const f = await family(withAlignments, 'KIR-1');
    const d = await f.view();
    expect(f.criterion(d, 'father')).toEqual({
      criterion: 'kirLigand',
      penalty: 0,
      weighted: 0,
      reason: "KIR-ligand mismatch (GvH): the recipient lacks the donor's C2, Bw4",
    });
    expect(f.criterion(d, 'untyped')).toBeUndefined();
  });

  it('says plainly that the ligands are unknown when the release has no protein alignments', async () => {
    const f = await family(without, 'KIR-2');
    expect(f.criterion(await f.view(), 'father')).toEqual({
      criterion: 'kirLigand',
      penalty: 0.5,
      weighted: 0,
      reason: 'KIR ligands unknown: the loaded IPD-IMGT/HLA release has no protein alignments',
    });
  });

  it('says the release is not loaded when the server has none', async () => {
    const f = await family(notLoaded, 'KIR-3');
    expect(f.criterion(await f.view(), 'father')!.reason).toBe(
      'KIR ligands unknown: the IPD-IMGT/HLA release is not loaded'
    );
  });
});

/** A release directory of links (nothing copied): the shared 3.58.0 files and the fixture's alignments folder. */
function releaseWithAlignments(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'engraft-kir-release-')), '3.58.0');
  mkdirSync(dir);
  const shared = sharedData('imgt/3.58.0');
  for (const name of readdirSync(shared)) symlinkSync(join(shared, name), join(dir, name));
  symlinkSync(join(KIR_FIXTURE_RELEASE, 'alignments'), join(dir, 'alignments'));
  return dir;
}
