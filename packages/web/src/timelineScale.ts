// Geometry of the episode timeline, kept free of React so it can be tested on its own.

/** The days the axis covers: at least D-7 ... D+100, stretched to include today and every event. */
export function dayRange(days: readonly number[]): { lo: number; hi: number } {
  return { lo: Math.min(-7, ...days), hi: Math.max(100, ...days) };
}

/**
 * Piecewise-linear day scale. The clinically dense window D-7 ... D+100 keeps most of the width; days before
 * D-7 (referral, work-up) and after D+100 (long-term follow-up) are compressed into at most a fifth and a
 * quarter of the axis, with a break mark where the scale changes.
 */
export function dayScale(
  lo: number,
  hi: number,
  x0: number,
  x1: number
): { x: (d: number) => number; breaks: number[] } {
  const core = 107;
  const preLen = Math.max(0, -7 - lo);
  const postLen = Math.max(0, hi - 100);
  // Each outer stretch takes its natural share next to the core window, capped.
  const preFrac = preLen ? Math.min(0.2, preLen / (preLen + core)) : 0;
  const postFrac = postLen ? Math.min(0.25, postLen / (postLen + core)) : 0;
  const w = x1 - x0;
  const xa = x0 + preFrac * w; // x of D-7
  const xb = x1 - postFrac * w; // x of D+100
  const x = (d: number) => {
    if (d < -7) return preLen ? x0 + ((d - lo) / preLen) * (xa - x0) : xa;
    if (d > 100) return postLen ? xb + ((d - 100) / postLen) * (x1 - xb) : xb;
    return xa + ((d + 7) / core) * (xb - xa);
  };
  // A stretch drawn with fewer pixels per day than the core window gets a break mark.
  const corePerDay = (xb - xa) / core;
  const compressed = (len: number, px: number) => len > 0 && px / len < corePerDay * 0.95;
  const breaks = [...(compressed(preLen, xa - x0) ? [-7] : []), ...(compressed(postLen, x1 - xb) ? [100] : [])];
  return { x, breaks };
}

const CANDIDATE_TICKS = [
  -365, -180, -100, -60, -28, -21, -14, -7, 0, 7, 14, 21, 28, 60, 100, 180, 365, 730, 1095, 1460, 1825,
];
/** Ticks that matter most keep their place when labels would collide. */
const TICK_PRIORITY = [
  0, -7, 100, 28, 14, 7, 21, 365, 180, 60, -14, -28, -21, -60, -100, -180, -365, 730, 1095, 1460, 1825,
];

/**
 * Tick days: the clinical landmarks (D-7, D0, D+7, D+14, D+21, D+28, D+100, then D+180, D+365 ...) inside the
 * range, plus the range's ends, dropping the less important ones where labels would be closer than `minGap` px.
 */
export function dayTicks(lo: number, hi: number, x: (d: number) => number, minGap = 38): number[] {
  const kept: number[] = [];
  const fits = (t: number) => kept.every((k) => Math.abs(x(k) - x(t)) >= minGap);
  for (const t of TICK_PRIORITY) {
    if (t >= lo && t <= hi && CANDIDATE_TICKS.includes(t) && fits(t)) kept.push(t);
  }
  if (lo < -7 && !kept.includes(lo) && fits(lo)) kept.push(lo);
  if (hi > 100 && !kept.includes(hi) && fits(hi)) kept.push(hi);
  return kept.sort((a, b) => a - b);
}

export interface LabelSpec {
  /** x of the event's marker. */
  x: number;
  text: string;
}
export interface LabelPlace {
  /** Lane above the axis (0 nearest the axis); null when merged into another label. */
  lane: number | null;
  anchor: 'start' | 'end';
  /** The text drawn (shortened, with "+N" for the events merged into it); '' when merged. */
  text: string;
  /** Index of the label this event was merged into (its marker stays on the axis), else null. */
  mergedInto: number | null;
  /** Left and right edge of the drawn text box, px. */
  from: number;
  to: number;
}

/**
 * Event labels in lanes above the axis, left to right, each in the lowest lane where it does not touch the
 * previous label. Where every lane is taken (events clustered on a few days) the label is merged into the lane's
 * last label as "+N" instead of being drawn over it: no two drawn labels ever overlap.
 */
export function placeLabels(
  items: readonly LabelSpec[],
  width: number,
  { maxLanes = 6, charWidth = 6.4, maxChars = 34, gap = 4 } = {}
): { places: LabelPlace[]; lanes: number } {
  const shorten = (t: string, room: number) => (t.length > room ? `${t.slice(0, Math.max(1, room - 1))}…` : t);
  const box = (x: number, text: string) => {
    const w = text.length * charWidth + 8;
    const anchor: 'start' | 'end' = x + w > width - 4 ? 'end' : 'start';
    return { anchor, from: anchor === 'start' ? x - gap : x - w, to: anchor === 'start' ? x + w : x + gap };
  };
  const places: LabelPlace[] = [];
  const laneLast: number[] = []; // index of the last label in each lane
  const merged = new Map<number, number>(); // label index -> events merged into it
  items.forEach((item, i) => {
    const text = shorten(item.text, maxChars);
    const b = box(item.x, text);
    let lane = laneLast.findIndex((j) => places[j]!.to < b.from);
    if (lane === -1 && laneLast.length < maxLanes) lane = laneLast.length;
    if (lane !== -1) {
      places.push({ lane, text, mergedInto: null, ...b });
      laneLast[lane] = i;
      return;
    }
    // Every lane is taken here: fold into the lane whose last label ends first, re-measuring its text.
    const target = laneLast.reduce((best, j) => (places[j]!.to < places[best]!.to ? j : best), laneLast[0]!);
    const n = (merged.get(target) ?? 0) + 1;
    merged.set(target, n);
    const suffix = ` +${n}`;
    const t = places[target]!;
    const base = shorten(items[target]!.text, maxChars - suffix.length);
    Object.assign(t, { text: `${base}${suffix}` }, box(items[target]!.x, `${base}${suffix}`));
    places.push({ lane: null, anchor: 'start', text: '', mergedInto: target, from: item.x, to: item.x });
  });
  return { places, lanes: Math.max(1, laneLast.length) };
}
