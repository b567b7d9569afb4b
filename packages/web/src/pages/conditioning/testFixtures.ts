// Conditioning answers for the component tests, computed by the same pure rule the server uses
// (@engraft/clinical computeConditioningPlan), so a test never shows doses the server could not have sent.
import {
  computeConditioningPlan,
  CONDITIONING_TEMPLATES,
  type ConditioningTemplate,
  findConditioningTemplate,
} from '@engraft/clinical';
import type { ConditioningPlanList, ConditioningPlanView, ConditioningPreviewView } from '@engraft/domain';

export const EPISODE = '00000000-0000-4000-8000-0000000000e1';
export const PATIENT = '00000000-0000-4000-8000-0000000000a1';
export const PLAN = '00000000-0000-4000-8000-0000000000f1';
export const OTHER_PHYSICIAN = '00000000-0000-4000-8000-000000000099';
export const url = `/episodes/${EPISODE}/conditioning`;
export const path = '/episodes/:episodeId/conditioning';
export const DAY_ZERO = '2026-12-20';

const inputs = { heightCm: 170, weightKg: 70, sex: 'female' as const, ageYears: 45 };

const dateOf = (day: number): string => {
  const d = new Date(`${DAY_ZERO}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  return d.toISOString().slice(0, 10);
};

export function template(id: string): ConditioningTemplate {
  const t = findConditioningTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

export function preview(templateId: string, weightKg = 70): ConditioningPreviewView {
  const t = template(templateId);
  const computed = computeConditioningPlan(t, { ...inputs, weightKg });
  return {
    template: t,
    inputs: { ...inputs, weightKg },
    computed,
    dayZero: DAY_ZERO,
    startDate: dateOf(computed.firstDay),
    dates: computed.days.map((d) => ({ day: d.day, date: dateOf(d.day) })),
  };
}

export function plan(over: Partial<ConditioningPlanView> = {}, templateId = 'flu-bu4'): ConditioningPlanView {
  const p = preview(templateId);
  return {
    id: PLAN,
    episodeId: EPISODE,
    seriesId: PLAN,
    version: 1,
    supersedesId: null,
    templateId,
    template: p.template,
    options: {},
    inputs: p.inputs,
    computed: p.computed,
    ruleId: 'conditioning-plan@2',
    declaredIntent: null,
    status: 'draft',
    reason: null,
    prescribedById: OTHER_PHYSICIAN,
    prescribedBy: 'Dr Other',
    prescribedAt: '2026-12-06T09:00:00.000Z',
    verifiedById: null,
    verifiedBy: null,
    verifiedAt: null,
    endedBy: null,
    endedAt: null,
    endReason: null,
    dayZero: p.dayZero,
    startDate: p.startDate,
    dates: p.dates,
    ...over,
  };
}

export function planList(plans: ConditioningPlanView[] = []): ConditioningPlanList {
  return {
    episode: {
      id: EPISODE,
      type: 'allogeneic-hct',
      plannedDayZero: DAY_ZERO,
      actualDayZero: null,
      dayZero: DAY_ZERO,
    },
    patient: {
      id: PATIENT,
      mrn: 'MRN-0042',
      familyName: 'Rivers',
      givenName: 'Ada',
      dateOfBirth: '1981-03-02',
      sex: 'female',
      heightCm: 170,
      weightKg: 70,
    },
    plans,
  };
}

export const regimens = CONDITIONING_TEMPLATES;
