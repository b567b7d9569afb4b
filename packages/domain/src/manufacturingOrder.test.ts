import { checkCoi } from '@engraft/clinical';
import { describe, expect, it } from 'vitest';
import {
  coiFor,
  CustodyEventCreateSchema,
  MANUFACTURING_JOURNEY,
  MANUFACTURING_PATH,
  MANUFACTURING_STATUSES,
  MANUFACTURING_TRANSITIONS,
  manufacturingProductLabel,
  manufacturingTransitionError,
  orderStatusOfProduct,
  ManufacturingOrderCreateSchema,
  type ManufacturingStatus,
  normaliseCoi,
  veinToVein,
} from './manufacturingOrder';

const ALL = Object.keys(MANUFACTURING_STATUSES) as ManufacturingStatus[];

describe('manufacturing order status machine', () => {
  it('walks the path one step at a time', () => {
    for (let i = 0; i + 1 < MANUFACTURING_PATH.length; i++) {
      expect(manufacturingTransitionError(MANUFACTURING_PATH[i]!, MANUFACTURING_PATH[i + 1]!)).toBeNull();
    }
  });

  it('refuses skipping and going back, saying what is next', () => {
    expect(manufacturingTransitionError('ordered', 'collected')).toBe(
      'an order that is ordered cannot become collected (leukapheresis) (next: slot confirmed, cancelled)'
    );
    expect(manufacturingTransitionError('in-manufacturing', 'collected')).toMatch(/cannot become collected/);
    expect(manufacturingTransitionError('ordered', 'ordered')).toBe('the order is already ordered');
  });

  it('cancels from every non-final status; fails only once the material has left', () => {
    for (const s of ALL.filter((x) => MANUFACTURING_TRANSITIONS[x].length > 0)) {
      expect(manufacturingTransitionError(s, 'cancelled'), s).toBeNull();
    }
    expect(manufacturingTransitionError('collected', 'manufacturing-failed')).not.toBeNull();
    expect(manufacturingTransitionError('shipped-to-manufacturer', 'manufacturing-failed')).toBeNull();
    expect(manufacturingTransitionError('shipped-to-centre', 'manufacturing-failed')).toBeNull();
  });

  it('keeps final statuses final and points to a re-order after a failure', () => {
    for (const s of ['received', 'thawed', 'infused', 'cancelled', 'manufacturing-failed'] as const) {
      for (const to of ALL) expect(manufacturingTransitionError(s, to)).not.toBeNull();
    }
    expect(manufacturingTransitionError('manufacturing-failed', 'in-manufacturing')).toMatch(/place a new order/);
  });
});

describe('a received order follows its product', () => {
  it('becomes thawed when the product is thawed and infused once it is infused, fresh or thawed', () => {
    expect(orderStatusOfProduct('received', 'stored')).toBe('received');
    expect(orderStatusOfProduct('received', 'released')).toBe('received');
    expect(orderStatusOfProduct('received', 'thawed')).toBe('thawed');
    expect(orderStatusOfProduct('received', 'infused')).toBe('infused');
    expect(orderStatusOfProduct('thawed', 'infused')).toBe('infused');
    expect(orderStatusOfProduct('received', 'discarded')).toBe('received');
    expect(orderStatusOfProduct('received', null)).toBe('received');
  });

  it('never moves an order that has not been received', () => {
    for (const s of [
      'ordered',
      'in-manufacturing',
      'shipped-to-centre',
      'cancelled',
      'manufacturing-failed',
    ] as const) {
      expect(orderStatusOfProduct(s, 'infused')).toBe(s);
    }
  });

  it('ends the journey with the thaw and the infusion after the receipt', () => {
    expect(MANUFACTURING_JOURNEY.slice(-3)).toEqual(['received', 'thawed', 'infused']);
  });
});

describe('Chain of Identity identifier (DS040)', () => {
  it('assigns CH + FIN + yy + 6 base-36 characters that checkCoi accepts', () => {
    expect(coiFor('W9999', 2026, 1)).toBe('CHW999926000001');
    expect(coiFor('W9999', 2026, 35)).toBe('CHW99992600000Z');
    expect(coiFor('W9999', 2026, 36)).toBe('CHW999926000010');
    expect(coiFor('W9999', 2026, 36 ** 6 - 1)).toBe('CHW999926ZZZZZZ');
    for (const n of [1, 36, 1295, 36 ** 6 - 1]) expect(checkCoi({ coi: coiFor('W9999', 2026, n) }).valid).toBe(true);
  });

  it('refuses a bad FIN or sequence', () => {
    expect(() => coiFor('O9999', 2026, 1)).toThrow(/FIN/);
    expect(() => coiFor('W9999', 2026, 0)).toThrow();
    expect(() => coiFor('W9999', 2026, 36 ** 6)).toThrow();
  });

  it('normalises scanned data', () => {
    expect(normaliseCoi('&/chw9999 26000001')).toBe('CHW999926000001');
  });

  it('checks a manufacturer CoI on the order', () => {
    expect(
      ManufacturingOrderCreateSchema.safeParse({ productName: 'axicabtagene-ciloleucel', coi: 'CHA999923AB12C4' })
        .success
    ).toBe(true);
    const bad = ManufacturingOrderCreateSchema.safeParse({
      productName: 'axicabtagene-ciloleucel',
      coi: 'CHA999923AB12C',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/15 data characters/);
  });
});

describe('custody event contract', () => {
  it('bounds the temperature', () => {
    const base = { fromParty: 'Apheresis unit', toParty: 'Courier', handedAt: '2026-03-01T10:00:00Z' };
    expect(CustodyEventCreateSchema.safeParse({ ...base, temperatureC: -196 }).success).toBe(true);
    expect(CustodyEventCreateSchema.safeParse({ ...base, temperatureC: -274 }).success).toBe(false);
    expect(CustodyEventCreateSchema.safeParse({ ...base, temperatureC: 61 }).success).toBe(false);
    expect(CustodyEventCreateSchema.parse(base).leg).toBe('outbound');
  });
});

describe('vein-to-vein', () => {
  it('counts collection to infusion and shipment to receipt in days', () => {
    expect(
      veinToVein({
        collectedOn: '2026-01-05',
        shippedOutOn: '2026-01-06T08:00:00Z',
        receivedOn: '2026-01-27T15:00:00Z',
        infusedOn: '2026-02-01',
        today: '2026-02-10',
      })
    ).toEqual({
      collectedOn: '2026-01-05',
      infusedOn: '2026-02-01',
      days: 27,
      daysSoFar: null,
      turnaroundDays: 21,
    });
  });

  it('counts days so far before infusion, nothing before collection', () => {
    expect(
      veinToVein({
        collectedOn: '2026-01-05',
        shippedOutOn: null,
        receivedOn: null,
        infusedOn: null,
        today: '2026-01-05',
      })
    ).toMatchObject({ days: null, daysSoFar: 0, turnaroundDays: null });
    expect(
      veinToVein({ collectedOn: null, shippedOutOn: null, receivedOn: null, infusedOn: null, today: '2026-01-05' })
    ).toMatchObject({ days: null, daysSoFar: null });
  });
});

describe('product labels', () => {
  it('names commercial products by brand and generic name', () => {
    expect(manufacturingProductLabel('axicabtagene-ciloleucel')).toBe('Yescarta (axicabtagene ciloleucel) — LBCL, FL');
    expect(manufacturingProductLabel('tisagenlecleucel-all')).toBe('Kymriah (tisagenlecleucel) — B-ALL, age <=25');
    expect(manufacturingProductLabel('idecabtagene-vicleucel')).toBe('Abecma (idecabtagene vicleucel) — myeloma');
    expect(manufacturingProductLabel('NK-01 trial product')).toBe('NK-01 trial product');
  });
});
