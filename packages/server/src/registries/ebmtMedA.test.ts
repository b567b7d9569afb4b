import { describe, expect, it } from 'vitest';
import { alloRecord, carTRecord, DAY_ZERO } from '../testing/registryFixtures';
import { MED_A_COLUMNS, medACsv, medARow } from './ebmtMedA';
import { type EpisodeRecord, timepointOf } from './episodeRecord';

const rowOf = (r: EpisodeRecord, key: string) => {
  const t = timepointOf(r.episode.type, DAY_ZERO, key);
  if (!t) throw new Error(key);
  return medARow(r, t);
};

describe('EBMT MED-A rows (HCT and cellular therapy)', () => {
  it('codes an allogeneic HCT at day 100 as the form prints its answers', () => {
    expect(rowOf(alloRecord(), 'ebmt-registration-d100')).toMatchObject({
      Form: 'MED-A HCT',
      Timepoint: 'Day 100',
      HospitalUPN: 'SYN-000123',
      Initials: 'AS',
      DateOfBirth: '1970-05-04',
      Sex: 'Female',
      PrimaryDisease: 'Acute myeloid leukaemia (AML)',
      DiseaseStatusAtTreatment: 'First complete remission (CR1)',
      DateOfTreatment: DAY_ZERO,
      TypeOfTreatment: 'Allogeneic HCT',
      DonorType: 'Unrelated',
      HLAMatch: 'Unrelated: 8/8',
      DonorSex: 'Male',
      DonorCMV: 'Negative',
      SourceOfCells: 'Peripheral blood',
      PreparativeRegimenGiven: 'Yes',
      ConditioningIntensity: 'Reduced intensity (RIC)',
      ConditioningDrugs: 'Fludarabine',
      TBI: 'No',
      ANCRecovery: 'Yes',
      ANCRecoveryDate: '2026-01-27',
      PlateletRecovery: 'Yes',
      AcuteGvHDMaxGrade: 'Grade II',
      AcuteGvHDOnsetDate: '2026-02-01',
      CRSMaxGrade: '',
      RelapseOrProgression: 'No',
      SurvivalStatus: 'Alive',
      DateOfLastContactOrDeath: '2026-04-15',
      MainCauseOfDeath: '',
    });
  });

  it('codes CAR-T with CRS and ICANS maximum grades and onsets, no GVHD or engraftment', () => {
    expect(rowOf(carTRecord(), 'ebmt-registration-d100')).toMatchObject({
      Form: 'MED-A Cellular therapy',
      TypeOfTreatment: 'Cellular therapy',
      CellTherapyProduct: 'CAR-T cells',
      SourceOfCells: '',
      CRSMaxGrade: 'Grade II',
      CRSOnsetDate: '2026-01-11',
      ICANSMaxGrade: 'Grade III',
      ICANSOnsetDate: '2026-01-14',
      AcuteGvHDMaxGrade: '',
      ANCRecovery: '',
    });
  });

  it('year-1 follow-up reports relapse since infusion and the death; aGVHD of the first 100 days is outside its interval', () => {
    const withRelapse = (on: string) =>
      rowOf(
        alloRecord({
          events: [
            { kind: 'relapse', occurredOn: on, causeOfDeath: null },
            { kind: 'death', occurredOn: '2026-12-01', causeOfDeath: 'relapse-or-progression' },
          ],
        }),
        'ebmt-followup-y1'
      );
    // Relapse is reported since infusion (not only in the interval), with its date.
    expect(withRelapse('2026-04-20')).toMatchObject({
      RelapseOrProgression: 'Yes',
      RelapseOrProgressionDate: '2026-04-20',
    });
    const row = withRelapse('2026-04-21');
    expect(row).toMatchObject({
      Timepoint: 'Year 1',
      SurvivalStatus: 'Dead',
      DateOfLastContactOrDeath: '2026-12-01',
      MainCauseOfDeath: 'Relapse or progression of original disease',
    });
    // aGVHD assessed before day 100 is outside the year-1 interval.
    expect(row.AcuteGvHDMaxGrade).toBe('');
  });

  it('leaves survival blank when no contact falls in the interval (day 0 for day 100: a contact on day -1 does not count)', () => {
    const at = (on: string) =>
      rowOf(
        alloRecord({ events: [{ kind: 'last-contact', occurredOn: on, causeOfDeath: null }] }),
        'ebmt-registration-d100'
      );
    expect(at('2026-01-09').SurvivalStatus).toBe('');
    expect(at('2026-01-10').SurvivalStatus).toBe('Alive');
  });

  it('writes RFC 4180 CSV with the MED-A item names as header, quoting and neutralising formulas', () => {
    const r = alloRecord();
    const csv = medACsv([
      rowOf({ ...r, diagnosis: { ...r.diagnosis, subtype: 'inv(16), "CBF"' } }, 'ebmt-registration-d100'),
      rowOf({ ...r, diagnosis: { ...r.diagnosis, subtype: '=HYPERLINK("x")' } }, 'ebmt-registration-d100'),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(MED_A_COLUMNS.join(','));
    expect(lines[1]).toContain('"inv(16), ""CBF"""');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});
