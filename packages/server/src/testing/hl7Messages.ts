/**
 * HL7 v2.5.1 messages as a hospital interface engine sends them (synthetic patients only), for tests and the
 * benchmark. Segments end with CR (HL7 v2.5.1 Chapter 2, section 2.5.4).
 */
export const AUTHORITY = 'CITYHOSP';

const msh = (type: string, id: string, facility = 'CITYHOSP'): string =>
  `MSH|^~\\&|LIS|${facility}|ENGRAFT|TEST|20260315071200||${type}|${id}|P|2.5.1|||AL|NE`;

export interface PidInput {
  mrn: string;
  family: string;
  given: string;
  dob: string;
  sex: string;
}

export const pid = (p: PidInput, authority = AUTHORITY): string =>
  `PID|1||${p.mrn}^^^${authority}&2.999.7&ISO^MR~E${p.mrn}^^^EMPI&2.999.8&ISO^PI||${p.family}^${p.given}^^^^^L||${p.dob.replace(/-/g, '')}|${p.sex}`;

export function adt(trigger: 'A04' | 'A08', id: string, p: PidInput): string {
  return [msh(`ADT^${trigger}^ADT_A01`, id), `EVN|${trigger}|20260315071200`, pid(p), 'PV1|1|O'].join('\r');
}

export function merge(id: string, survivor: PidInput, retiredMrn: string): string {
  return [
    msh('ADT^A40^ADT_A39', id),
    'EVN|A40|20260315071200',
    pid(survivor),
    `MRG|${retiredMrn}^^^${AUTHORITY}&2.999.7&ISO^MR`,
  ].join('\r');
}

export interface Obx {
  loinc: string;
  system?: string;
  value: string;
  unit: string;
  /** YYYY-MM-DD */
  date: string;
  status?: string;
  type?: string;
}

/** ORU^R01 with one OBR (filler order number `filler`) and its OBX segments. */
export function oru(id: string, p: PidInput, filler: string, obx: readonly Obx[], facility = 'CITYHOSP'): string {
  const when = (d: string) => `${d.replace(/-/g, '')}0605`;
  return [
    msh('ORU^R01^ORU_R01', id, facility),
    pid(p),
    `OBR|1|ORD-${filler}|${filler}|57021-8^CBC W Auto Differential panel - Blood^LN|||${when(obx[0]?.date ?? '2026-03-01')}`,
    ...obx.map(
      (o, i) =>
        `OBX|${i + 1}|${o.type ?? 'NM'}|${o.loinc}^result^${o.system ?? 'LN'}||${o.value}|${o.unit}^^UCUM|||||${o.status ?? 'F'}|||${when(o.date)}`
    ),
  ].join('\r');
}
