import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIR_FIXTURE_RELEASE } from '../../../donors/src/testing/kirFixture';
import { fileDonorRegistry } from '../services/donorRegistry';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';
import { sharedReleaseFiles, zipOf } from '../testing/referenceServer';

// Issue 16 (ADR 0412): offline, an administrator loads the IPD-IMGT/HLA release from a ZIP file; it is verified
// as the download is (every file present, every md5 matching) and audited; the registry then loads it.

const upload = (files: Map<string, Buffer>, fileName = 'IMGTHLA-3.58.0.zip') => ({
  fileName,
  contentBase64: zipOf(files).toString('base64'),
});
const inFolder = (files: Map<string, Buffer>): Map<string, Buffer> =>
  new Map([...files].map(([p, b]) => [`IMGTHLA-Latest/${p}`, b]));

describe.each(DRIVERS)('loading the HLA reference data from a file (%s)', (driver) => {
  let t: TestContext;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'engraft-upload-'));
    t = await createTestApp(driver, { config: { dataDir }, donors: fileDonorRegistry({ dataDir, threads: 1 }) });
  });
  afterAll(() => t.close());

  it('is refused to everyone but an administrator', async () => {
    for (const role of ['physician', 'coordinator', 'hla'] as const) {
      const res = await as(t.app, await signIn(t.app, role)).post(
        '/api/v1/reference-data/release',
        upload(sharedReleaseFiles())
      );
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses a release with a corrupt file (md5 mismatch) and saves nothing', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const files = sharedReleaseFiles();
    const g = files.get('wmda/hla_nom_g.txt') as Buffer;
    files.set('wmda/hla_nom_g.txt', Buffer.concat([g, Buffer.from('A*;99:99:99;99:99:99G\n')]));
    const res = await admin.post('/api/v1/reference-data/release', upload(inFolder(files)));
    expect(res.statusCode).toBe(400);
    const body = res.json<{ errors: { path: string; message: string }[] }>();
    expect(body.errors[0]?.path).toBe('contentBase64');
    expect(body.errors[0]?.message).toMatch(
      /^IMGTHLA-3\.58\.0\.zip: wmda\/hla_nom_g\.txt: md5 [0-9a-f]{32} does not match the published [0-9a-f]{32}; nothing was saved$/
    );
    expect(existsSync(join(dataDir, 'imgt', '3.58.0'))).toBe(false);
  });

  it('refuses a release with missing files, naming them, and a file that is not a ZIP', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const files = sharedReleaseFiles();
    files.delete('wmda/rel_ser_ser.txt');
    files.delete('wmda/md5checksum.txt');
    const res = await admin.post('/api/v1/reference-data/release', upload(files));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toBe(
      'IMGTHLA-3.58.0.zip: the release is incomplete: missing wmda/md5checksum.txt, wmda/rel_ser_ser.txt'
    );
    const notZip = await admin.post('/api/v1/reference-data/release', {
      fileName: 'release.zip',
      contentBase64: Buffer.from('not a zip').toString('base64'),
    });
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json<{ detail: string }>().detail).toMatch(/not a ZIP archive/);
    const tar = await admin.post('/api/v1/reference-data/release', { fileName: 'r.tar.gz', contentBase64: 'AAAA' });
    expect(tar.statusCode).toBe(400);
    expect(JSON.stringify(tar.json())).toMatch(/the release must be a \.zip archive/);
  });

  it('installs a verified release, audits it, and donor search becomes available', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    expect((await admin.get('/api/v1/donor-registry')).json()).toMatchObject({
      state: 'unavailable',
      reason: 'no-release',
    });
    // With the protein alignments the KIR ligands are read from (ADR 0422; the fixture's, no published checksum).
    const files = sharedReleaseFiles();
    for (const l of ['A', 'B', 'C']) {
      files.set(`alignments/${l}_prot.txt`, readFileSync(join(KIR_FIXTURE_RELEASE, 'alignments', `${l}_prot.txt`)));
    }
    const cBytes = files.get('alignments/C_prot.txt')!.length;
    const res = await admin.post('/api/v1/reference-data/release', upload(inFolder(files)));
    expect(res.statusCode).toBe(201);
    const body = res.json<{ release: string; files: string[] }>();
    expect(body.release).toBe('3.58.0');
    expect(body.files).toContain('wmda/hla_nom_g.txt: 463739 bytes, md5 verified');
    expect(body.files).toContain(`alignments/C_prot.txt: ${cBytes} bytes (no published checksum)`);
    expect(existsSync(join(dataDir, 'imgt', '3.58.0', 'Allelelist.txt'))).toBe(true);
    expect(existsSync(join(dataDir, 'imgt', '3.58.0', 'alignments', 'B_prot.txt'))).toBe(true);
    const audit = await t.db.query<{ entity_id: string; action: string }>(
      "select entity_id, action from audit_events where entity_type = 'reference-data'"
    );
    expect(audit).toEqual([{ entity_id: 'IPD-IMGT/HLA 3.58.0', action: 'create' }]);
    await expect
      .poll(async () => (await admin.get('/api/v1/donor-registry')).json<{ state: string }>().state, {
        timeout: 60_000,
      })
      .toBe('ready');
    const kir = (await t.app.donorRegistry.get()).kirLigands;
    expect(kir && 'table' in kir ? kir.table.loci : kir).toEqual(['A', 'B', 'C']);
  });
});
