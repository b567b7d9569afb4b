import { inflateRawSync } from 'node:zlib';

/**
 * Extracts one file from a ZIP archive held in memory (stored or deflated entries), reading sizes from
 * the central directory so that archives written with data descriptors work too (PKWARE APPNOTE 4.3).
 */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive (no end-of-central-directory record)');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    names.push(entryName);
    if (entryName === name || entryName.endsWith(`/${name}`)) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: unsupported ZIP compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`ZIP archive has no ${name} (it holds ${names.join(', ') || 'nothing'})`);
}

/**
 * Every file entry of a ZIP archive held in memory (stored or deflated), by its path in the archive; folders
 * are skipped. @throws Error when the archive is not a ZIP or an entry is corrupt
 */
export function unzipAll(zip: Buffer, maxEntries = 10_000): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new Error('not a ZIP archive (no end-of-central-directory record)');
  const entries = zip.readUInt16LE(eocd + 10);
  if (entries > maxEntries) throw new Error(`the ZIP archive holds ${entries} entries, more than ${maxEntries}`);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName.endsWith('/')) continue;
    if (localOffset + 30 > zip.length) throw new Error(`${entryName}: corrupt ZIP entry`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) throw new Error(`${entryName}: the ZIP archive is truncated`);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) out.set(entryName, Buffer.from(data));
    else if (method === 8) out.set(entryName, inflateRawSync(data));
    else throw new Error(`${entryName}: unsupported ZIP compression method ${method}`);
  }
  return out;
}
