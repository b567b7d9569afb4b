import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadMacFile } from '@engraft/hla/node';
import type { FetchLike } from './fetchRelease';
import { fetchNmdpMacs } from './fetchMacs';
import { unzipEntry } from '@engraft/hla/node';

// A hand-written numer.v3.txt (NMDP layout), zipped the way NMDP ships it.
const numer = '"LAST UPDATED: 11/26/26"\nCODE\tSUBTYPE\n\nAB\t01/02\nGNF\t02:01/02:09/02:43N\n';

/** A one-entry ZIP; sizes only in the central directory (as with data descriptors), CRC left 0. */
function zipOf(name: string, content: Buffer, deflate: boolean): Buffer {
  const data = deflate ? deflateRawSync(content) : content;
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(deflate ? 8 : 0, 8);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(deflate ? 8 : 0, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, eocd]);
}

const serve =
  (body: Buffer, status = 200): FetchLike =>
  () =>
    Promise.resolve({ ok: status === 200, status, arrayBuffer: () => Promise.resolve(new Uint8Array(body).buffer) });

describe('NMDP MAC download', () => {
  it('reads stored and deflated ZIP entries and names what an archive holds', () => {
    expect(unzipEntry(zipOf('numer.v3.txt', Buffer.from(numer), true), 'numer.v3.txt').toString()).toBe(numer);
    expect(unzipEntry(zipOf('numer.v3.txt', Buffer.from(numer), false), 'numer.v3.txt').toString()).toBe(numer);
    expect(() => unzipEntry(zipOf('other.txt', Buffer.from('x'), false), 'numer.v3.txt')).toThrow(
      /has no numer.v3.txt \(it holds other.txt\)/
    );
    expect(() => unzipEntry(Buffer.from('not a zip'), 'numer.v3.txt')).toThrow(/not a ZIP archive/);
  });

  it('installs numer.v3.txt into the data directory, where the hla commands look by default', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-macs-'));
    const zip = zipOf('numer.v3.txt', Buffer.from(numer), true);
    const { path, codes } = await fetchNmdpMacs({ dataDir, fetchFn: serve(zip) });
    expect(path).toBe(join(dataDir, 'mac', 'numer.v3.txt'));
    expect(codes).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(numer);
    expect(loadMacFile(path).get('GNF')?.values).toEqual(['02:01', '02:09', '02:43N']);
  });

  it('refuses HTTP errors and files that are not MAC lists', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-macs-'));
    await expect(fetchNmdpMacs({ dataDir, fetchFn: serve(Buffer.from(''), 503) })).rejects.toThrow(/HTTP 503/);
    await expect(
      fetchNmdpMacs({ dataDir, url: 'http://x/numer.v3.txt', fetchFn: serve(Buffer.from('<html>oops</html>\n')) })
    ).rejects.toThrow(/expected CODE<TAB>SUBTYPE/);
  });
});
