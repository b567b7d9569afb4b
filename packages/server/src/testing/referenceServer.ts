import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { sharedData } from '../../../donors/src/testing/engine';

/**
 * A stand-in for IPD-IMGT/HLA's GitHub repository on 127.0.0.1 (this machine has no internet): /Latest/<path> and
 * /3580/<path> are served from ../shared/data/imgt/3.58.0. `failing: true` answers every request with 503; `delayMs` holds every answer back (to watch progress).
 */
export async function startReferenceServer(opts: { failing?: boolean; delayMs?: number } = {}): Promise<{
  baseUrl: string;
  requests: () => number;
  close(): Promise<void>;
}> {
  const root = sharedData('imgt/3.58.0');
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (opts.delayMs) {
      setTimeout(() => answer(req, res), opts.delayMs);
      return;
    }
    answer(req, res);
  });
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.failing) {
      res.writeHead(503).end('unavailable');
      return;
    }
    const [, branch = '', ...rest] = (req.url ?? '').split('/');
    const path = join(root, ...rest);
    if (!['Latest', '3580'].includes(branch) || rest.includes('..') || !existsSync(path)) {
      res.writeHead(404).end('404: Not Found');
      return;
    }
    res.writeHead(200).end(readFileSync(path));
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The files of the shared 3.58.0 release by release-relative path (for upload tests). */
export function sharedReleaseFiles(): Map<string, Buffer> {
  const root = sharedData('imgt/3.58.0');
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

/** A ZIP archive of stored entries (PKWARE APPNOTE 4.3; CRC left 0, which the reader does not check). */
export function zipOf(files: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.size, 8);
  eocd.writeUInt16LE(files.size, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
