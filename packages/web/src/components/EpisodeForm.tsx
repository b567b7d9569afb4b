// Opening a transplant or cell-therapy episode for one of the patient's diagnoses, with its planned day 0.
import { CELL_TYPES, type Diagnosis, type Episode, EpisodeCreateSchema } from '@engraft/domain';
import { Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { EPISODE_TYPE_OPTIONS, emptyToUndefined } from '../forms';
import { diseaseLabel, episodeTypeLabel, formatDate } from '../format';
import { DrawerForm } from './FormActions';
import { DateField } from './DateField';
import { zodResolver } from '../zodResolver';
import { useOpenEpisode } from './patient/api';

interface Values {
  type: string;
  diagnosisId: string;
  plannedDayZero: string;
  cellType: string;
  cellOrigin: string;
  protocol: string;
}

function toBody(v: Values) {
  const other = v.type === 'other-cell-therapy';
  return {
    type: emptyToUndefined(v.type),
    diagnosisId: emptyToUndefined(v.diagnosisId),
    plannedDayZero: emptyToUndefined(v.plannedDayZero),
    cellType: other ? (emptyToUndefined(v.cellType) ?? null) : null,
    cellOrigin: other ? (emptyToUndefined(v.cellOrigin) ?? null) : null,
    protocol: v.protocol.trim() || null,
  };
}

export function EpisodeForm({
  patientId,
  diagnoses,
  onSaved,
  onCancel,
}: {
  patientId: string;
  diagnoses: Diagnosis[];
  onSaved: (e: Episode) => void;
  onCancel: () => void;
}) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      type: '',
      diagnosisId: diagnoses.length === 1 ? (diagnoses[0]?.id ?? '') : '',
      plannedDayZero: '',
      cellType: '',
      cellOrigin: '',
      protocol: '',
    },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors = zodResolver<Values>(EpisodeCreateSchema, toBody)(v);
      // The schema checks cell type and origin only once the rest is valid; say it all at once.
      if (v.type === 'other-cell-therapy') {
        if (!v.cellType) errors.cellType ??= 'Choose T, B or NK cells';
        if (!v.cellOrigin) errors.cellOrigin ??= 'Choose autologous or allogeneic';
      }
      return errors;
    },
  });
  const save = useOpenEpisode(patientId, { onFieldErrors: form.setErrors });
  const submit = form.onSubmit(async (values) => {
    const e = await save.submit(toBody(values));
    if (!e) return;
    notifications.show({
      color: 'teal',
      title: 'Episode opened',
      message: `${episodeTypeLabel(e.type)}, planned day 0 ${formatDate(e.plannedDayZero)}`,
    });
    onSaved(e);
  });
  const other = form.values.type === 'other-cell-therapy';

  if (diagnoses.length === 0) {
    return (
      <Stack>
        <Text>An episode treats a diagnosis. Add the patient’s diagnosis first, then open the episode.</Text>
        <Group justify="flex-end">
          <Button onClick={onCancel}>Close</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <DrawerForm
      label="Open episode"
      onSubmit={submit}
      error={save.error}
      onCancel={onCancel}
      submitting={save.submitting}
      submitLabel="Open episode"
    >
      <NativeSelect
        label="Episode type"
        required
        data={[{ value: '', label: 'Choose…' }, ...EPISODE_TYPE_OPTIONS]}
        {...form.getInputProps('type')}
      />
      {other && (
        <Group grow align="flex-start">
          <Radio.Group label="Cell type" required {...form.getInputProps('cellType')}>
            <Group mt={6}>
              {CELL_TYPES.map((c) => (
                <Radio key={c} value={c} label={`${c} cells`} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group label="Cell origin" required {...form.getInputProps('cellOrigin')}>
            <Group mt={6}>
              <Radio value="autologous" label="Autologous" />
              <Radio value="allogeneic" label="Allogeneic" />
            </Group>
          </Radio.Group>
        </Group>
      )}
      <NativeSelect
        label="Indication"
        description="The diagnosis this episode treats"
        required
        data={[
          ...(diagnoses.length === 1 ? [] : [{ value: '', label: 'Choose…' }]),
          ...diagnoses.map((d) => ({
            value: d.id,
            label: `${diseaseLabel(d.disease)}${d.subtype ? ` (${d.subtype})` : ''}, diagnosed ${formatDate(d.diagnosisDate)}`,
          })),
        ]}
        {...form.getInputProps('diagnosisId')}
      />
      <DateField
        label="Planned day 0"
        description="the planned infusion date"
        required
        {...form.getInputProps('plannedDayZero')}
      />
      <TextInput
        label="Protocol / trial"
        description="Optional, e.g. the conditioning protocol or trial number"
        {...form.getInputProps('protocol')}
      />
    </DrawerForm>
  );
}
