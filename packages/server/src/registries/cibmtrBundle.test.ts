import type { Bundle, FhirResource, Observation, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { validateR4 } from '../testing/fhirValidator';
import { alloRecord, carTRecord, DAY_ZERO, PATIENT } from '../testing/registryFixtures';
import { assertOnePatient, cibmtrBundle, CRID_SYSTEM } from './cibmtrBundle';
import { type EpisodeRecord, timepointOf } from './episodeRecord';

const BASE = 'https://engraft.example/fhir/R4';

function bundleOf(r: EpisodeRecord, key: string): Bundle {
  const t = timepointOf(r.episode.type, DAY_ZERO, key);
  if (!t) throw new Error(`no timepoint ${key}`);
  return cibmtrBundle(r, t, BASE);
}
const resources = (b: Bundle): FhirResource[] => (b.entry ?? []).map((e) => e.resource as FhirResource);
const obs = (b: Bundle, code: string): Observation | undefined =>
  resources(b).find(
    (r): r is Observation => r.resourceType === 'Observation' && r.code.coding?.some((c) => c.code === code) === true
  );

describe('CIBMTR FHIR Bundle (CIBMTR Reporting IG 0.1.8; forms 2400/2450, 4000/4100)', () => {
  it('every resource of every timepoint is valid base R4, and the Bundle too', { timeout: 120_000 }, () => {
    const allo = alloRecord();
    const cart = carTRecord();
    for (const [r, keys] of [
      [allo, ['cibmtr-2400', 'cibmtr-2450-d100', 'cibmtr-2450-d180', 'cibmtr-2450-d365', 'cibmtr-2450-d730']],
      [cart, ['cibmtr-4000', 'cibmtr-4100-d100', 'cibmtr-4100-d180', 'cibmtr-4100-d365']],
    ] as const) {
      for (const key of keys) {
        const b = bundleOf(r, key);
        validateR4(b);
        for (const res of resources(b)) validateR4(res);
        expect(b.identifier?.value).toBe(`${r.episode.id}/${key}`);
      }
    }
  });

  it('the Patient carries a CRID placeholder, sex and birth date, but no name and no MRN', () => {
    const p = resources(bundleOf(alloRecord(), 'cibmtr-2400')).find((r): r is Patient => r.resourceType === 'Patient');
    expect(p?.identifier).toHaveLength(1);
    expect(p?.identifier?.[0]?.system).toBe(CRID_SYSTEM);
    expect(p?.identifier?.[0]?.value).toBeUndefined();
    expect(p).toMatchObject({ gender: 'female', birthDate: '1970-05-04' });
    expect(p?.name).toBeUndefined();
    expect(JSON.stringify(bundleOf(alloRecord(), 'cibmtr-2450-d100'))).not.toContain('SYN-000123');
  });

  it('Pre-TED holds conditioning, infusion and product; Post-TED holds engraftment, worst aGVHD, survival, relapse', () => {
    const pre = resources(bundleOf(alloRecord(), 'cibmtr-2400')).map((r) => r.resourceType);
    expect(pre).toEqual(
      expect.arrayContaining(['Patient', 'Condition', 'EpisodeOfCare', 'Procedure', 'BiologicallyDerivedProduct'])
    );
    expect(pre).toContain('MedicationRequest');
    const d100 = bundleOf(alloRecord(), 'cibmtr-2450-d100');
    expect(resources(d100).map((r) => r.resourceType)).not.toContain('MedicationRequest');
    expect(obs(d100, 'anc-recovery')).toMatchObject({ effectiveDateTime: '2026-01-27' });
    expect(obs(d100, 'anc-recovery')?.valueCodeableConcept?.coding?.[0]?.code).toBe('recovered');
    // The worst acute GVHD of the interval, the first day it was reached (grade 2 on 2026-02-08).
    expect(obs(d100, 'agvhd')).toMatchObject({ effectiveDateTime: '2026-02-08' });
    expect(obs(d100, 'survival-status')?.valueCodeableConcept?.coding?.[0]?.code).toBe('alive');
    expect(obs(d100, 'relapse-progression')?.valueCodeableConcept?.coding?.[0]?.code).toBe('none');
  });

  it('a recovery after the timepoint is "not recovered" at it (day 100 = 2026-04-20; day 101 is later)', () => {
    const at = (date: string) =>
      obs(bundleOf(alloRecord({ neutrophil: { status: 'recovered', date } }), 'cibmtr-2450-d100'), 'anc-recovery')
        ?.valueCodeableConcept?.coding?.[0]?.code;
    expect(at('2026-04-20')).toBe('recovered');
    expect(at('2026-04-21')).toBe('not-recovered');
  });

  it('a death on the due date is reported with its cause; a death the day after is not yet', () => {
    const died = (on: string) =>
      bundleOf(alloRecord({ events: [{ kind: 'death', occurredOn: on, causeOfDeath: 'gvhd' }] }), 'cibmtr-2450-d100');
    const onDue = died('2026-04-20');
    expect(obs(onDue, 'survival-status')?.valueCodeableConcept?.coding?.[0]?.code).toBe('dead');
    expect(obs(onDue, 'survival-status')?.component?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('gvhd');
    expect(resources(onDue).find((r): r is Patient => r.resourceType === 'Patient')?.deceasedDateTime).toBe(
      '2026-04-20'
    );
    const later = died('2026-04-21');
    expect(obs(later, 'survival-status')?.valueCodeableConcept?.coding?.[0]?.code).toBe('unknown');
    // With no contact in the interval, the absence of relapse is not known either.
    expect(obs(later, 'relapse-progression')?.valueCodeableConcept?.coding?.[0]?.code).toBe('unknown');
  });

  it('4100 day 100 reports the worst CRS and ICANS grades, not GVHD or engraftment', () => {
    const b = bundleOf(carTRecord(), 'cibmtr-4100-d100');
    expect(obs(b, 'crs')).toMatchObject({ effectiveDateTime: '2026-01-12' });
    expect(obs(b, 'icans')).toMatchObject({ effectiveDateTime: '2026-01-14' });
    expect(obs(b, 'agvhd')).toBeUndefined();
    expect(obs(b, 'anc-recovery')).toBeUndefined();
  });

  it('is deterministic and refuses a resource that refers to another patient', () => {
    const same = alloRecord();
    expect(JSON.stringify(bundleOf(same, 'cibmtr-2450-d100'))).toBe(JSON.stringify(bundleOf(same, 'cibmtr-2450-d100')));
    const other = '00000000-0000-4000-8000-000000000000';
    const r = alloRecord();
    const wrong = alloRecord({ infusions: [{ ...r.infusions[0]!, patient_id: other }] });
    expect(() => bundleOf(wrong, 'cibmtr-2400')).toThrow(/another patient/);
    expect(() => assertOnePatient([{ resourceType: 'Patient', id: other }], PATIENT)).toThrow(/another patient/);
  });
});
