import type { RegistryMissingItem } from '@engraft/domain';
import { type EpisodeRecord, isCellTherapy, type ReportTimepoint, statusAt } from './episodeRecord';

/**
 * The items a report cannot go without, and which of them are missing, each with the web page where it is entered
 * (ADR 0710). Required by form, after the CIBMTR Forms Instruction Manual (2400/2402 and 4000: recipient, disease
 * status, donor, product, preparative regimen, date of infusion; 2450 and 4100: survival status with a contact date
 * in the reporting period, initial neutrophil recovery at day 100, acute GVHD for allogeneic recipients, CRS and
 * ICANS after cellular therapy) and the EBMT MED-A forms (the same items; MED-A items may not be "unknown").
 */
export function completenessOf(
  r: EpisodeRecord,
  t: ReportTimepoint
): { required: number; missing: RegistryMissingItem[] } {
  const patientPage = `/patients/${r.patient.id}`;
  const episodePage = (p: string): string => `/episodes/${r.episode.id}/${p}`;
  // The patient page's Monitoring tab for this episode, where results, assessments and follow-up are recorded.
  const monitoringTab = `${patientPage}?tab=monitoring&episode=${r.episode.id}`;
  const checks: { ok: boolean; item: RegistryMissingItem }[] = [];
  const need = (ok: boolean, item: string, label: string, detail: string, link: string): void => {
    checks.push({ ok, item: { item, label, detail, link } });
  };
  const ct = isCellTherapy(r);
  const allo = r.episode.type === 'allogeneic-hct';
  const baseline = t.form === '2400' || t.form === '4000' || t.form === 'MED-A';
  const followUp = t.form !== '2400' && t.form !== '4000';
  const dayHundred = t.day === 100;

  if (baseline) {
    need(
      r.patient.sex === 'female' || r.patient.sex === 'male',
      'recipient.sex',
      'Recipient sex',
      'the forms ask male or female; the patient record says unknown or other',
      patientPage
    );
    need(
      r.episode.actual_day_zero !== null && r.infusions.length > 0,
      'infusion',
      'Date of infusion (day 0)',
      'no infusion is recorded for this episode',
      episodePage('bedside')
    );
    need(
      r.products.length > 0,
      'product',
      ct ? 'Cell therapy product' : 'Graft (product)',
      'no product is registered for this episode',
      episodePage(ct ? 'manufacturing' : 'cells')
    );
    if (allo) {
      need(r.donor !== null, 'donor', 'Donor', 'no donor is chosen for this episode', episodePage('cells'));
    }
    need(
      r.conditioning !== null,
      'conditioning',
      ct ? 'Lymphodepleting therapy' : 'Preparative (conditioning) regimen',
      'no active conditioning plan for this episode',
      episodePage('conditioning')
    );
  }
  if (followUp) {
    const s = statusAt(r, t);
    need(
      s.survival !== 'unknown',
      'survival',
      'Survival status and date of last contact',
      `record a last contact (alive) or a death dated day ${t.fromDay} or later`,
      `${monitoringTab}#record-follow-up-event`
    );
    if (dayHundred && !ct) {
      need(
        r.neutrophil !== null,
        'engraftment.neutrophil',
        'Initial neutrophil recovery',
        'no blood count after day 0: enter the counts',
        `${monitoringTab}#add-result`
      );
    }
    if (dayHundred && allo) {
      need(
        r.grades.some((g) => g.grade_kind === 'agvhd'),
        'gvhd.acute',
        'Acute GVHD (maximum grade)',
        'no acute GVHD assessment is recorded',
        `${monitoringTab}#gvhd-assessment`
      );
    }
    if (dayHundred && ct) {
      need(
        r.grades.some((g) => g.grade_kind === 'crs'),
        'crs',
        'CRS and ICANS (maximum grade)',
        'no CRS/ICANS assessment is recorded',
        `${monitoringTab}#crs-icans-assessment`
      );
    }
  }
  return { required: checks.length, missing: checks.filter((c) => !c.ok).map((c) => c.item) };
}
