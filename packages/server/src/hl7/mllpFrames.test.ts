import { describe, expect, it } from 'vitest';
import { frame, MllpDecoder } from './mllpFrames';

const text = (events: ReturnType<MllpDecoder['push']>) =>
  events.map((e) => (e.kind === 'message' ? e.payload.toString('utf8') : `too-large:${e.bytes}`));

describe('MLLP framing (MLLP Release 2 §2.1: VT payload FS CR)', () => {
  it('reads two messages sent in one packet, and discards bytes outside frames', () => {
    const d = new MllpDecoder(1000);
    const bytes = Buffer.concat([Buffer.from('noise'), frame('MSH|A'), Buffer.from('\r\n'), frame('MSH|B')]);
    expect(text(d.push(bytes))).toEqual(['MSH|A', 'MSH|B']);
  });

  it('reassembles a frame split byte by byte, also between FS and CR', () => {
    const d = new MllpDecoder(1000);
    const bytes = frame('MSH|^~\\&|ü\rPID|1');
    const got: string[] = [];
    for (const b of bytes) got.push(...text(d.push(Buffer.from([b]))));
    expect(got).toEqual(['MSH|^~\\&|ü\rPID|1']);
    expect(d.buffered).toBe(0);
  });

  it('keeps an FS that is not followed by CR as data', () => {
    const d = new MllpDecoder(1000);
    expect(text(d.push(Buffer.from([0x0b, 0x41, 0x1c, 0x42, 0x1c, 0x0d])))).toEqual(['A\u001cB']);
  });

  it('reports a frame over the size limit once and goes on with the next frame', () => {
    const d = new MllpDecoder(10);
    expect(text(d.push(frame('0123456789')))).toEqual(['0123456789']);
    const events = text(d.push(Buffer.concat([frame('0123456789X'), frame('ok')])));
    expect(events).toEqual(['too-large:11', 'ok']);
  });

  it('drops an unfinished frame when a new start block arrives', () => {
    const d = new MllpDecoder(100);
    expect(text(d.push(Buffer.concat([Buffer.from([0x0b]), Buffer.from('half'), frame('whole')])))).toEqual(['whole']);
  });
});
