import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { DonorIndex } from './donorIndex';
import type { ImportFormat, ImportIntoOptions, ImportSummary } from './importer';
import { importLines } from './importer';

// File access of @engraft/donors (besides snapshot.ts): registry files, plain or gzip (detected by content).

/** Lines of a text file, gunzipped when it starts with the gzip magic bytes. Streams: any size. */
export async function* readLines(path: string): AsyncGenerator<string> {
  let stream: Readable = createReadStream(path);
  if (await startsWithGzip(path)) stream = stream.pipe(createGunzip());
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

async function startsWithGzip(path: string): Promise<boolean> {
  const stream = createReadStream(path, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const b = Buffer.concat(chunks);
  return b[0] === 0x1f && b[1] === 0x8b;
}

/** Whole small file as text (gzip detected). */
export function readTextFile(path: string): string {
  const buf = readFileSync(path);
  return buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

/** The format of a registry file from its name (`.csv`, `.csv.gz` → csv; anything else → WMDA `ID%GL`). */
export function formatOf(path: string): ImportFormat {
  return /\.csv(\.gz)?$/i.test(path) ? 'csv' : 'wmda';
}

/** Imports a registry file (WMDA text or CSV, gzip accepted) into an index; see importLines. */
export async function importFile(
  index: DonorIndex,
  path: string,
  options: ImportIntoOptions & { format?: ImportFormat } = {}
): Promise<ImportSummary> {
  return importLines(index, readLines(path), options.format ?? formatOf(path), options);
}

/** Writes lines to a file (gzip when the name ends in .gz), resolving when flushed. */
export async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  const { createGzip } = await import('node:zlib');
  const sink = path.endsWith('.gz') ? createGzip({ level: 6 }) : undefined;
  if (sink) sink.pipe(out);
  const target = sink ?? out;
  let buf: string[] = [];
  const flush = async (): Promise<void> => {
    if (buf.length === 0) return;
    const ok = target.write(buf.join('\n') + '\n');
    buf = [];
    if (!ok) await new Promise<void>((r) => target.once('drain', () => r()));
  };
  for (const line of lines) {
    buf.push(line);
    if (buf.length >= 10_000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
    target.end();
  });
}
