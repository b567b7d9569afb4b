// JSON text written as bytes into 1 MB buffers handed on whole (issue 15 §2): no string per table row to build,
// join, flatten and encode again, and no garbage from them. Numbers are written as JSON.stringify writes them:
// integers of 32 bits digit by digit, every other finite number as String(x) (the shortest round-trip text, the
// same function JSON uses, never a different rounding), NaN and ±Infinity as null.

/**
 * Receives the JSON in chunks of bytes (UTF-8). A chunk is never written to again once handed on, unless the
 * sink returns true: it is then done with the bytes (written out or copied) and the buffer is filled again
 * (1 MB of garbage less per chunk: a 170 MB output otherwise left ~80 MB of buffers for the collector).
 */
export type ByteSink = (chunk: Uint8Array) => boolean | void;

const CHUNK = 1 << 20;

/** An ASCII string as bytes, for the fixed pieces of a row written once per row. */
export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export class ByteChunks {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  constructor(private readonly sink: ByteSink) {}

  /** Hands on what is written so far (if anything) and starts a new buffer. */
  flush(): void {
    if (this.pos === 0) return;
    if (this.sink(this.buf.subarray(0, this.pos)) !== true) this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  private room(n: number): void {
    if (this.pos + n > CHUNK) this.flush();
  }

  /** Any text (UTF-8), e.g. a JSON.stringify of a small object. */
  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  bytes(b: Uint8Array): void {
    this.copy(b, 0, b.length);
  }

  /** Bytes start..end of b. */
  copy(b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n > CHUNK) {
      this.flush();
      this.sink(b.slice(start, end));
      return;
    }
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = start; i < end; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /** Bytes written and not yet handed on. */
  pending(): number {
    return this.pos;
  }

  /** A number as JSON.stringify writes it. */
  num(x: number): void {
    if (x === (x | 0)) this.int(x);
    else if (Number.isFinite(x)) this.asciiText(String(x));
    else this.asciiText('null');
  }

  /** A 32-bit integer (−0 as 0, as String and JSON.stringify write it). */
  private int(x: number): void {
    this.room(11);
    const buf = this.buf;
    let v = x;
    if (v < 0) {
      buf[this.pos++] = 45; // '-'
      v = -v;
    }
    let digits = 1;
    for (let d = 10; d <= v; d *= 10) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const q = Math.floor(v / 10);
      buf[--p] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  }

  /** A short ASCII string (a number's text, at most 1 MB). */
  asciiText(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }
}
