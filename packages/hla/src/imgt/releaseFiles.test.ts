import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../testing/sharedData';
import { type FetchLike, fetchImgtRelease } from './fetchRelease';
import {
  RELEASE_FILES_TO_KEEP,
  RELEASE_INDEX_FILES,
  ReleaseVerificationError,
  verifyReleaseFiles,
} from './releaseFiles';

// The protein alignments kept for the KIR ligands (ADR 0422): optional, verified against md5checksum.txt when it
// lists them, kept with "no published checksum" when it does not (3.58.0 lists only Alignments_Rel_3580.zip).

const ALIGNMENT = Buffer.from(' B*07:02:01:01     MLVMAPRTVL LLLSAALALT ETWA GSHSMRYFYT\n');
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

function release3580(): Map<string, Buffer> {
  const root = sharedData('imgt/3.58.0');
  const given = new Map<string, Buffer>();
  for (const p of RELEASE_INDEX_FILES) given.set(p, readFileSync(join(root, p)));
  for (const f of RELEASE_FILES_TO_KEEP) {
    if (!f.path.startsWith('alignments/')) given.set(f.path, readFileSync(join(root, f.path)));
  }
  return given;
}

describe('the protein alignments in a verified release', () => {
  it('are kept, each logged, and a release without them still verifies', () => {
    const without = verifyReleaseFiles(release3580());
    expect(without.log).toContain('alignments/B_prot.txt: not published for 3.58.0, skipped');
    expect([...without.files.keys()].some((p) => p.startsWith('alignments/'))).toBe(false);
    const given = release3580();
    given.set('alignments/B_prot.txt', ALIGNMENT);
    const withB = verifyReleaseFiles(given);
    expect(withB.files.get('alignments/B_prot.txt')).toEqual(ALIGNMENT);
    expect(withB.log).toContain(`alignments/B_prot.txt: ${ALIGNMENT.length} bytes (no published checksum)`);
  });

  it('are checked against md5checksum.txt when it lists them: a match is kept, a mismatch refused', () => {
    const given = release3580();
    const listing = (sum: string) =>
      Buffer.concat([given.get('md5checksum.txt')!, Buffer.from(`MD5 (alignments/B_prot.txt) = ${sum}\n`)]);
    given.set('alignments/B_prot.txt', ALIGNMENT);
    given.set('md5checksum.txt', listing(md5(ALIGNMENT)));
    expect(verifyReleaseFiles(given).log).toContain(`alignments/B_prot.txt: ${ALIGNMENT.length} bytes, md5 verified`);
    given.set('md5checksum.txt', listing('0'.repeat(32)));
    expect(() => verifyReleaseFiles(given)).toThrow(ReleaseVerificationError);
    expect(() => verifyReleaseFiles(given)).toThrow(/alignments\/B_prot.txt: md5 [0-9a-f]{32} does not match/);
  });
});

describe('a release download with its protein alignments', () => {
  it('asks for the three alignments, keeps those published and installs them beside the release', async () => {
    const root = sharedData('imgt/3.58.0');
    const asked: string[] = [];
    const fetchFn: FetchLike = (url) => {
      const path = url.slice('http://imgt.test/3580/'.length);
      asked.push(path);
      const body =
        path === 'alignments/C_prot.txt'
          ? ALIGNMENT
          : !path.startsWith('alignments/') && existsSync(join(root, path))
            ? readFileSync(join(root, path))
            : undefined;
      const bytes = body ? new Uint8Array(body).buffer : new ArrayBuffer(0);
      return Promise.resolve({ ok: !!body, status: body ? 200 : 404, arrayBuffer: () => Promise.resolve(bytes) });
    };
    const lines: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-align-'));
    const dir = await fetchImgtRelease({
      release: '3.58.0',
      dataDir,
      baseUrl: 'http://imgt.test',
      fetchFn,
      log: (l) => lines.push(l),
    });
    expect(asked).toEqual(
      expect.arrayContaining(['alignments/A_prot.txt', 'alignments/B_prot.txt', 'alignments/C_prot.txt'])
    );
    expect(readFileSync(join(dir, 'alignments/C_prot.txt'))).toEqual(ALIGNMENT);
    expect(existsSync(join(dir, 'alignments/A_prot.txt'))).toBe(false);
    expect(lines).toContain('alignments/A_prot.txt: not published for 3.58.0, skipped');
  });
});
