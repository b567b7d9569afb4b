import { Hl7Message } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { demographicsOf, mrnOf } from './pid';

const msg = (pid: string) => Hl7Message.parse(`MSH|^~\\&|EHR|CITYHOSP|ENGRAFT|X|20260315||ADT^A04|1|P|2.5.1\r${pid}`);

describe('PID-3 MRN of the configured assigning authority (HL7 v2.5.1 §3.4.2.3)', () => {
  it('ignores identifiers of other assigning authorities and types', () => {
    const m = msg(
      'PID|1||E77^^^EMPI&2.999.8&ISO^MR~555^^^SSA^SS~884412^^^CITYHOSP&2.999.7&ISO^MR||Doe^Jane||19780412|F'
    );
    expect(mrnOf(m, m.getSegment('PID'), 'CITYHOSP')).toBe('884412');
    expect(mrnOf(m, m.getSegment('PID'), '2.999.7')).toBe('884412');
    expect(mrnOf(m, m.getSegment('PID'), 'NORTH')).toBeNull();
  });
  it('without a configured authority takes the first identifier of type MR, never an untyped one', () => {
    const m = msg('PID|1||123^^^X~456^^^Y^MR||Doe^Jane||19780412|F');
    expect(mrnOf(m, m.getSegment('PID'), undefined)).toBe('456');
  });
  it('reads the legal name, unescaped and normalised, and maps PID-8 sex', () => {
    const m = msg('PID|1||9^^^CITYHOSP^MR||Smith^Jo^^^^^M~O\\S\\Brien-Ro\u200Bwan^Zoë^^^^^L||19780412|A');
    const r = demographicsOf(m, m.getSegment('PID'), 'CITYHOSP');
    expect(r).toEqual({
      ok: true,
      demographics: {
        mrn: '9',
        familyName: 'O^Brien-Rowan',
        givenName: 'Zoë',
        dateOfBirth: '1978-04-12',
        sex: 'other',
      },
    });
  });
  it('refuses an impossible date of birth and an unknown sex code, naming the PID field', () => {
    const m = msg('PID|1||9^^^CITYHOSP^MR||Doe^Jane||18000101|Q');
    const r = demographicsOf(m, m.getSegment('PID'), 'CITYHOSP');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `PID-${p.field} ${p.code}`)).toEqual(['PID-7 102', 'PID-8 103']);
  });
});
