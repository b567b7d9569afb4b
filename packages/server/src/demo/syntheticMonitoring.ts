import { dateOfDay } from '@engraft/clinical';
import type { ClinicalEventCreate, CrsIcansAssessment, EpisodeType } from '@engraft/domain';

/**
 * Synthetic follow-up for a demo episode, so charts and outcome curves show on first start: blood counts
 * with a nadir and recovery, platelet transfusions, daily CRS/ICANS for cell therapy, and follow-up events.
 * Deterministic for a given random source.
 */
export interface SyntheticFollowUp {
  labCsv: string;
  crsIcans: CrsIcansAssessment[];
  agvhdGrade3On: string | null;
  events: ClinicalEventCreate[];
}

const ICE_ALL = {
  orientedYear: true,
  orientedMonth: true,
  orientedCity: true,
  orientedHospital: true,
  namedObject1: true,
  namedObject2: true,
  namedObject3: true,
  followsCommands: true,
  writesSentence: true,
  countsBackwards: true,
};

export function syntheticFollowUp(
  type: EpisodeType,
  dayZero: string,
  today: string,
  daysSinceZero: number,
  rnd: () => number
): SyntheticFollowUp {
  const last = Math.min(daysSinceZero, 40);
  const hct = type === 'autologous-hct' || type === 'allogeneic-hct';
  const recoveryDay = hct ? 11 + Math.floor(rnd() * 9) : 3;
  const rows = ['date,analyte,value,unit,lineage'];
  for (let day = -7; day <= last; day += day < 0 ? 3 : 2) {
    let anc: number;
    let plt: number;
    if (hct) {
      anc =
        day < 0
          ? 2.5 - (day + 7) * 0.3
          : day < recoveryDay
            ? 0.02 + rnd() * 0.15
            : Math.min(4, 0.6 + (day - recoveryDay) * 0.25 + rnd() * 0.2);
      plt =
        day < 0
          ? 140 - (day + 7) * 15
          : day < recoveryDay + 4
            ? 6 + rnd() * 12
            : Math.min(220, 25 + (day - recoveryDay - 4) * 8 + rnd() * 10);
    } else {
      anc = day < 0 ? 1.8 : day < 8 ? 0.3 + rnd() * 0.4 : 1.2 + rnd() * 0.8;
      plt = day < 0 ? 110 : 60 + rnd() * 40;
    }
    const date = dateOfDay(dayZero, day);
    rows.push(`${date},anc,${anc.toFixed(2)},x10^9/L,`, `${date},platelets,${Math.round(plt)},x10^9/L,`);
    if (plt < 10) rows.push(`${date},platelet-transfusion,,,`);
  }
  if (type === 'allogeneic-hct' && daysSinceZero >= 30) {
    const wholeBlood = Number((90 + rnd() * 10).toFixed(0));
    // Chimerism by lineage at the CIBMTR time points (Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642), derived without further random
    // draws so the rest of the demo stays as it was: about one patient in four loses T-cell chimerism.
    const falling = wholeBlood % 4 === 0;
    const points = [30, 60, 100, 180, 365].filter((d) => d <= daysSinceZero);
    points.forEach((d, i) => {
      const date = dateOfDay(dayZero, d);
      const wb = falling ? Math.max(70, wholeBlood - i * 6) : Math.min(100, wholeBlood + i);
      const t = falling ? Math.max(45, wholeBlood - 4 - i * 11) : Math.min(100, wholeBlood - 6 + i * 2);
      rows.push(`${date},chimerism,${wb},%,whole-blood`, `${date},chimerism,${t},%,T-cell`);
      if (d <= 100) rows.push(`${date},chimerism,${Math.min(100, Math.max(wb, 97))},%,myeloid`);
    });
  }
  const labCsv = rows.join('\n');

  const crsIcans: CrsIcansAssessment[] = [];
  if (!hct) {
    const crsPeak = rnd() < 0.7 ? 1 + Math.floor(rnd() * 2) : 0;
    const icansOn = rnd() < 0.35;
    for (let day = 1; day <= Math.min(last, 10); day++) {
      const febrile = crsPeak > 0 && day >= 1 && day <= 4;
      const grade2 = crsPeak === 2 && day === 3;
      const confused = icansOn && day >= 5 && day <= 6;
      crsIcans.push({
        assessedOn: dateOfDay(dayZero, day),
        crs: {
          maxTempC: febrile ? 38.3 + rnd() : 36.8 + rnd() * 0.6,
          feverMaskedByTreatment: false,
          hypotension: grade2 ? 'no-vasopressor' : 'none',
          oxygen: grade2 ? 'low-flow' : 'none',
        },
        ice: confused ? { ...ICE_ALL, writesSentence: false, countsBackwards: false, orientedYear: false } : ICE_ALL,
        capd: null,
        consciousness: 'normal',
        seizure: 'none',
        motor: 'none',
        cerebralEdema: 'none',
        tocilizumab: grade2,
        steroids: confused,
      });
    }
  }

  const events: ClinicalEventCreate[] = [];
  let end = daysSinceZero;
  if (daysSinceZero > 60) {
    const u = rnd();
    if (u < 0.3) {
      const relapseDay = 60 + Math.floor(rnd() * (daysSinceZero - 60));
      events.push({ kind: 'relapse', occurredOn: dateOfDay(dayZero, relapseDay) });
      end = relapseDay;
      if (rnd() < 0.5 && daysSinceZero - relapseDay > 20) {
        end = relapseDay + 20 + Math.floor(rnd() * (daysSinceZero - relapseDay - 20));
        events.push({ kind: 'death', occurredOn: dateOfDay(dayZero, end), causeOfDeath: 'relapse-or-progression' });
      }
    } else if (u < 0.42) {
      end = 30 + Math.floor(rnd() * (daysSinceZero - 30));
      events.push({
        kind: 'death',
        occurredOn: dateOfDay(dayZero, end),
        causeOfDeath: rnd() < 0.5 ? 'infection' : 'gvhd',
      });
    }
    if (!events.some((e) => e.kind === 'death')) {
      events.push({ kind: 'last-contact', occurredOn: dateOfDay(today, -Math.floor(rnd() * 30)) });
    }
  }
  const agvhdGrade3On = type === 'allogeneic-hct' && daysSinceZero > 40 && rnd() < 0.2 ? dateOfDay(dayZero, 25) : null;
  return {
    labCsv,
    crsIcans,
    agvhdGrade3On: agvhdGrade3On && agvhdGrade3On <= dateOfDay(dayZero, end) ? agvhdGrade3On : null,
    events,
  };
}
