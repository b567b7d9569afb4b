/**
 * MLLP framing (HL7 Minimal Lower Layer Protocol, Release 2, HL7 Transport Specification: MLLP, section 2.1): a
 * message travels as <VT> (0x0B) + payload + <FS> (0x1C) + <CR> (0x0D). One TCP read may hold part of a frame or
 * several frames; bytes outside a frame are discarded (the specification's receiver rule).
 */
export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

export type FrameEvent = { kind: 'message'; payload: Buffer } | { kind: 'too-large'; bytes: number };

/** Wraps a payload in an MLLP block. */
export function frame(payload: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(payload, 'utf8'), Buffer.from([FS, CR])]);
}

/**
 * Reassembles MLLP frames from a byte stream. A frame larger than `maxBytes` is reported once as `too-large` and
 * the rest of it is skipped up to its end marker: one oversized message does not cost the connection.
 */
export class MllpDecoder {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private skipping = false;
  private pendingFs = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): FrameEvent[] {
    const out: FrameEvent[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (!this.inFrame) {
        if (b === VT) this.begin();
        start = i + 1;
        continue;
      }
      if (this.pendingFs) {
        this.pendingFs = false;
        if (b === CR) {
          this.finish(out);
          start = i + 1;
          continue;
        }
        // An FS not followed by CR is data: the end marker is the pair.
        this.append(Buffer.from([FS]), out);
        start = i;
      }
      if (b === FS) {
        this.append(chunk.subarray(start, i), out);
        this.pendingFs = true;
        start = i + 1;
      } else if (b === VT) {
        // A new start block inside a frame: the sender gave up on the previous one; it is discarded.
        this.begin();
        start = i + 1;
      }
    }
    if (this.inFrame && !this.pendingFs && start < chunk.length) this.append(chunk.subarray(start), out);
    return out;
  }

  private begin(): void {
    this.parts = [];
    this.size = 0;
    this.inFrame = true;
    this.skipping = false;
    this.pendingFs = false;
  }

  private append(bytes: Buffer, out: FrameEvent[]): void {
    if (this.skipping || bytes.length === 0) return;
    if (this.size + bytes.length > this.maxBytes) {
      out.push({ kind: 'too-large', bytes: this.size + bytes.length });
      this.parts = [];
      this.size = 0;
      this.skipping = true;
      return;
    }
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private finish(out: FrameEvent[]): void {
    if (!this.skipping) out.push({ kind: 'message', payload: Buffer.concat(this.parts) });
    this.parts = [];
    this.size = 0;
    this.inFrame = false;
    this.skipping = false;
  }

  /** Bytes of an unfinished frame held (0 between frames). */
  get buffered(): number {
    return this.size;
  }
}
