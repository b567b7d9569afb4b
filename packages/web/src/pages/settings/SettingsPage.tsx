// Centre settings (/settings): the monitoring and worklist thresholds (GET/PUT /settings/monitoring). Everyone may
// read them here; administrators change them. Each field shows the default and where it comes from.
import {
  DEFAULT_MONITORING_SETTINGS,
  type MonitoringSettings,
  MonitoringSettingsSchema,
  SETTINGS_WRITERS,
} from '@engraft/domain';
import { Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { errorMessage } from '../../api';
import { NumericField } from '../../components/NumericField';
import { hasAnyRole, useSignedIn } from '../../session';
import { zodResolver } from '../../zodResolver';
import { formatDateTime } from '../../format';
import { useMonitoringSettings, useSaveMonitoringSettings } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

type Flat = {
  crsIcansWindowDays: number | string;
  labIntervalDays: number | string;
  cmvThresholdIuMl: number | string;
  followUpLeadDays: number | string;
  bedsideStopDays: number | string;
  gfPbsc: number | string;
  gfMarrow: number | string;
  gfCord: number | string;
  chimerismDropPoints: number | string;
  chimerismTrendResults: number | string;
  chimerismEvidenceDays: number | string;
  cmvEvidenceDays: number | string;
};

const flat = (s: MonitoringSettings): Flat => ({
  crsIcansWindowDays: s.crsIcansWindowDays,
  labIntervalDays: s.labIntervalDays,
  cmvThresholdIuMl: s.cmvThresholdIuMl,
  followUpLeadDays: s.followUpLeadDays,
  bedsideStopDays: s.bedsideStopDays,
  gfPbsc: s.graftFailureDays.pbsc,
  gfMarrow: s.graftFailureDays['bone-marrow'],
  gfCord: s.graftFailureDays['cord-blood'],
  chimerismDropPoints: s.chimerismDropPoints,
  chimerismTrendResults: s.chimerismTrendResults,
  chimerismEvidenceDays: s.chimerismEvidenceDays,
  cmvEvidenceDays: s.cmvEvidenceDays,
});
/**
 * What was typed goes on as it is: a number, or the raw text / '' that the schema refuses naming the setting
 * (issue 13: never a silent NaN, 0 or "not given").
 */
const n = (v: number | string): number | string => v;
const toSettings = (v: Flat) => ({
  crsIcansWindowDays: n(v.crsIcansWindowDays),
  labIntervalDays: n(v.labIntervalDays),
  cmvThresholdIuMl: n(v.cmvThresholdIuMl),
  followUpLeadDays: n(v.followUpLeadDays),
  bedsideStopDays: n(v.bedsideStopDays),
  graftFailureDays: { pbsc: n(v.gfPbsc), 'bone-marrow': n(v.gfMarrow), 'cord-blood': n(v.gfCord) },
  chimerismDropPoints: n(v.chimerismDropPoints),
  chimerismTrendResults: n(v.chimerismTrendResults),
  chimerismEvidenceDays: n(v.chimerismEvidenceDays),
  cmvEvidenceDays: n(v.cmvEvidenceDays),
});
/** Server field paths to the flat form's fields. */
const PATHS: Record<string, keyof Flat> = {
  'graftFailureDays.pbsc': 'gfPbsc',
  'graftFailureDays.bone-marrow': 'gfMarrow',
  'graftFailureDays.cord-blood': 'gfCord',
};
const remap = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [PATHS[k] ?? k, v]));

const FIELDS: { name: keyof Flat; label: string; unit: string; source: string; group: string }[] = [
  {
    group: 'Cell therapy',
    name: 'crsIcansWindowDays',
    label: 'Daily CRS/ICANS assessment window',
    unit: 'days after infusion',
    source:
      'ASTCT 2019 grading (Lee DW et al., 2019, Biol Blood Marrow Transplant); daily inpatient grading typically to D+14',
  },
  {
    group: 'Counts and infection',
    name: 'labIntervalDays',
    label: 'HCT, D+1 to D+30: a blood count at least every',
    unit: 'days',
    source: 'Common practice while aplastic',
  },
  {
    group: 'Counts and infection',
    name: 'cmvThresholdIuMl',
    label: 'CMV PCR alert threshold',
    unit: 'IU/mL',
    source: 'Pre-emptive therapy thresholds vary by centre and risk (WHO IU standard)',
  },
  {
    group: 'Engraftment',
    name: 'gfPbsc',
    label: 'Primary graft failure day: peripheral blood',
    unit: 'day (D+)',
    source: 'ASTCT 2021: D+30 (Kharfan-Dabaja MA et al., 2021, Transplant Cell Ther); EBMT 2019: D+28',
  },
  {
    group: 'Engraftment',
    name: 'gfMarrow',
    label: 'Primary graft failure day: bone marrow',
    unit: 'day (D+)',
    source: 'ASTCT 2021: D+30 (Kharfan-Dabaja MA et al., 2021, Transplant Cell Ther); EBMT 2019: D+28',
  },
  {
    group: 'Engraftment',
    name: 'gfCord',
    label: 'Primary graft failure day: cord blood',
    unit: 'day (D+)',
    source: 'ASTCT 2021 and EBMT 2019: D+42 (Kharfan-Dabaja MA et al., 2021, Transplant Cell Ther)',
  },
  {
    group: 'Chimerism',
    name: 'chimerismDropPoints',
    label: 'Falling chimerism: a drop of at least',
    unit: 'percentage points',
    source: 'No published threshold: about twice the STR-PCR variation [VERIFY]',
  },
  {
    group: 'Chimerism',
    name: 'chimerismTrendResults',
    label: 'Falling chimerism: over the last',
    unit: 'results per lineage',
    source: 'Centre choice',
  },
  {
    group: 'Alert ageing',
    name: 'chimerismEvidenceDays',
    label: 'Falling chimerism: ignore a latest result older than',
    unit: 'days',
    source:
      'Chimerism is re-tested at least every few months after day 100 (Bader P et al., 2005, Bone Marrow Transplant); centre choice [VERIFY]',
  },
  {
    group: 'Alert ageing',
    name: 'cmvEvidenceDays',
    label: 'CMV alert: ignore a latest PCR older than',
    unit: 'days',
    source: 'Weekly CMV PCR to day 100 (Ljungman P et al., 2019, Lancet Infect Dis, ECIL-7)',
  },
  {
    group: 'Follow-up',
    name: 'followUpLeadDays',
    label: 'List follow-up visits and registry reports from',
    unit: 'days before they are due',
    source: 'Centre choice',
  },
  {
    group: 'Bedside',
    name: 'bedsideStopDays',
    label: 'Keep a refused bedside check on the worklist for',
    unit: 'days',
    source: 'Centre choice (ADR 0540)',
  },
];

export function SettingsPage() {
  const info = useSignedIn();
  const canWrite = hasAnyRole(info.user.roles, SETTINGS_WRITERS);
  const query = useMonitoringSettings();
  const view = query.data ?? null;
  const form = useForm<Flat>({
    mode: 'controlled',
    initialValues: flat(DEFAULT_MONITORING_SETTINGS),
    validate: (v) => remap(zodResolver<Flat>(MonitoringSettingsSchema, toSettings)(v) as Record<string, string>),
  });
  const save = useSaveMonitoringSettings((errors) => form.setErrors(remap(errors)));

  // The form shows the centre's settings once read, and what another administrator saved meanwhile unless the
  // form is being edited (what is typed is never replaced).
  useEffect(() => {
    if (!view || form.isDirty()) return;
    form.setValues(flat(view.settings));
    form.resetDirty(flat(view.settings));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view]);

  const submit = form.onSubmit(async (values) => {
    const saved = await save.submit(toSettings(values));
    if (!saved) return;
    form.setValues(flat(saved.settings));
    form.resetDirty(flat(saved.settings));
    notifications.show({
      color: 'teal',
      title: 'Settings saved',
      message: 'The worklist and the monitoring pages use them from now on.',
    });
  });
  const error = query.isError ? errorMessage(query.error) : save.error;
  const saving = save.submitting;

  const defaults = view ? flat(view.defaults) : null;
  const groups = [...new Set(FIELDS.map((f) => f.group))];
  return (
    <Stack maw={980}>
      <div>
        <Title order={1} fz="h2">
          Centre settings
        </Title>
        <Text c="dimmed" fz="sm">
          Monitoring and worklist thresholds of {info.centre.name}.{' '}
          {canWrite ? 'Changes are audited.' : 'Only administrators change them.'}
          {view?.updatedAt &&
            ` Last changed ${formatDateTime(view.updatedAt, { utc: true })}${view.updatedBy ? ` by ${view.updatedBy}` : ''}.`}
        </Text>
      </div>
      {!view && !error && <Loader aria-label="Loading the settings" />}
      <ErrorAlert error={error} mt={0} />
      {view && (
        <form onSubmit={submit} noValidate aria-label="Monitoring settings">
          <Stack>
            {groups.map((g) => (
              <Paper withBorder p="md" key={g} component="fieldset" style={{ margin: 0 }}>
                <Title order={2} fz="h4" component="legend" px={4}>
                  {g}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {FIELDS.filter((f) => f.group === g).map((f) => (
                    <NumericField
                      key={f.name}
                      label={f.label}
                      unit={f.unit}
                      rightSection={
                        <Text fz="xs" c="dimmed" pr={4}>
                          {f.unit}
                        </Text>
                      }
                      rightSectionWidth={Math.min(190, 12 + f.unit.length * 6)}
                      description={`Default ${defaults?.[f.name] ?? ''}. ${f.source}`}
                      readOnly={!canWrite}
                      {...form.getInputProps(f.name)}
                      value={form.values[f.name]}
                    />
                  ))}
                </SimpleGrid>
              </Paper>
            ))}
            {canWrite && (
              <Group>
                <Button type="submit" loading={saving} disabled={!form.isDirty()}>
                  Save settings
                </Button>
                <Button variant="default" onClick={() => defaults && form.setValues(defaults)}>
                  Restore the defaults
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
