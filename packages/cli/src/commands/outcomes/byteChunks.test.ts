import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteChunks } from './byteChunks';

/** What a ByteChunks writes, the chunks it handed on, and their text when handed on. */
function written(write: (out: ByteChunks) => void): { text: string; chunks: Uint8Array[]; whenHanded: string[] } {
  const chunks: Uint8Array[] = [];
  const whenHanded: string[] = [];
  const out = new ByteChunks((b) => {
    chunks.push(b);
    whenHanded.push(Buffer.from(b).toString('latin1'));
  });
  write(out);
  out.flush();
  return { text: Buffer.concat(chunks).toString('utf8'), chunks, whenHanded };
}

describe('ByteChunks: JSON text as bytes in 1 MB chunks', () => {
  it('writes every number as JSON.stringify does', () => {
    const edge = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 1e21, 1e-7, 5e-324, NaN];
    const xs = [...edge, Infinity, -Infinity, 0.1 + 0.2, 1 / 3, 123456789.123, 2 ** 53 + 2, -1e300];
    expect(written((o) => xs.forEach((x) => (o.num(x), o.text(',')))).text).toBe(
      xs.map((x) => `${JSON.stringify(x)},`).join('')
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }))), (ys) => {
        const { text } = written((o) => ys.forEach((y) => (o.num(y), o.text(' '))));
        expect(text).toBe(ys.map((y) => `${JSON.stringify(y)} `).join(''));
      }),
      { numRuns: 300 }
    );
  });

  it('hands on chunks of at most 1 MB, each never written again, and text of any length', () => {
    const long = 'é'.repeat(700_000); // 1.4 MB in UTF-8: handed on whole
    const { text, chunks, whenHanded } = written((o) => {
      for (let i = 0; i < 300_000; i++) o.num(i * 0.5);
      o.text(long);
      o.copy(Buffer.from('xabcx'), 1, 4);
    });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter((c) => c.length > 1 << 20).map((c) => c.length)).toEqual([Buffer.byteLength(long)]);
    let expected = '';
    for (let i = 0; i < 300_000; i++) expected += String(i * 0.5);
    expect(text).toBe(`${expected}${long}abc`);
    // The chunks still hold what they held when handed on.
    expect(chunks.map((c) => Buffer.from(c).toString('latin1'))).toEqual(whenHanded);
  });

  it('fills the same buffer again when the sink says it is done with a chunk, and only then', () => {
    const seen = (done: boolean) => {
      const buffers = new Set<ArrayBufferLike>();
      const texts: string[] = [];
      const out = new ByteChunks((b) => {
        buffers.add(b.buffer);
        texts.push(Buffer.from(b).toString('latin1'));
        return done;
      });
      for (let i = 0; i < 600_000; i++) out.num(i);
      out.flush();
      expect(texts.join('')).toBe(Array.from({ length: 600_000 }, (_, i) => String(i)).join(''));
      return { chunks: texts.length, buffers: buffers.size };
    };
    expect(seen(true)).toEqual({ chunks: 4, buffers: 1 });
    expect(seen(false)).toEqual({ chunks: 4, buffers: 4 });
  });
});
