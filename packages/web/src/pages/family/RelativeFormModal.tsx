import {
  RELATIVE_AVAILABILITY,
  RELATIVE_CONTACT,
  RELATIVE_RELATIONSHIPS,
  type Relative,
  RelativeCreateSchema,
  RelativeUpdateSchema,
} from '@engraft/domain';
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { DialogActions } from '../../components/DialogActions';
import { NumericField } from '../../components/NumericField';
import { useConfirmations } from '../../components/safety/useConfirmations';
import { ABO_OPTIONS } from '../../forms';
import { schemaErrors } from '../../zodResolver';
import { useSaveRelative } from './api';
import { AVAILABILITY_LABELS, CONTACT_LABELS } from './familyLabels';

interface Props {
  patientId: string;
  /** null: a new relative. */
  relative: Relative | null;
  onClose: () => void;
  onSaved: () => void;
}

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** Add or edit a relative: relationship, sex, birth, weight, ABO/Rh, CMV, availability and consent. */
export function RelativeFormModal({ patientId, relative, onClose, onSaved }: Props) {
  const [f, setF] = useState({
    relationship: relative?.relationship ?? 'full-sibling',
    relationshipText: relative?.relationshipText ?? '',
    name: relative?.name ?? '',
    sex: relative?.sex ?? '',
    dateOfBirth: relative?.dateOfBirth ?? '',
    weightKg: (relative?.weightKg ?? '') as number | string,
    aboRh: relative?.aboRh ?? 'unknown',
    cmv: relative?.cmv ?? 'unknown',
    availability: relative?.availability ?? 'unknown',
    contact: relative?.contact ?? 'not-contacted',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { withConfirmations, dialog } = useConfirmations();
  const save = useSaveRelative(patientId, relative?.id ?? null, withConfirmations, onSaved, setErrors);
  const set = (k: keyof typeof f) => (v: string | number | null) => setF((x) => ({ ...x, [k]: v ?? '' }));

  const submit = () => {
    const details = {
      name: f.name,
      sex: f.sex || undefined,
      dateOfBirth: f.dateOfBirth || undefined,
      weightKg: f.weightKg === '' ? undefined : f.weightKg,
      aboRh: f.aboRh,
      cmv: f.cmv,
      availability: f.availability,
      contact: f.contact,
      ...(relative
        ? {}
        : {
            relationship: f.relationship,
            relationshipText: f.relationship === 'other' ? f.relationshipText.trim() || undefined : undefined,
          }),
    };
    // The server's own schema first: a missing name or a weight that is not a number is refused here, at its
    // field, and nothing is sent.
    const refused = schemaErrors(relative ? RelativeUpdateSchema : RelativeCreateSchema, details);
    setErrors(refused);
    save.reset();
    if (Object.keys(refused).length === 0) void save.submit(details);
  };

  return (
    <Modal opened onClose={onClose} title={relative ? `Edit ${relative.name}` : 'Add a relative'} size="lg">
      <Stack gap="sm">
        {!relative && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Relationship"
              data={options(RELATIVE_RELATIONSHIPS)}
              value={f.relationship}
              onChange={set('relationship')}
              allowDeselect={false}
              error={errors.relationship}
            />
            {f.relationship === 'other' && (
              <TextInput
                label="How related"
                placeholder="aunt, cousin …"
                value={f.relationshipText}
                onChange={(e) => set('relationshipText')(e.currentTarget.value)}
                error={errors.relationshipText}
              />
            )}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            withAsterisk
            value={f.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label="Sex"
            data={[
              { value: 'female', label: 'Female' },
              { value: 'male', label: 'Male' },
            ]}
            value={f.sex || null}
            onChange={set('sex')}
            clearable
            error={errors.sex}
          />
          <DateField
            label="Date of birth"
            value={f.dateOfBirth}
            onChange={(e) => set('dateOfBirth')(e.currentTarget.value)}
            error={errors.dateOfBirth}
          />
          <NumericField
            label="Weight"
            unit="kg"
            value={f.weightKg}
            onChange={set('weightKg')}
            error={errors.weightKg}
          />
          <Select
            label="ABO/Rh"
            data={ABO_OPTIONS}
            value={f.aboRh}
            onChange={set('aboRh')}
            allowDeselect={false}
            error={errors.aboRh}
          />
          <Select
            label="CMV serostatus"
            data={[
              { value: 'unknown', label: 'Unknown' },
              { value: 'negative', label: 'Negative' },
              { value: 'positive', label: 'Positive' },
            ]}
            value={f.cmv}
            onChange={set('cmv')}
            allowDeselect={false}
            error={errors.cmv}
          />
          <Select
            label="Availability"
            data={RELATIVE_AVAILABILITY.map((v) => ({ value: v, label: AVAILABILITY_LABELS[v] }))}
            value={f.availability}
            onChange={set('availability')}
            allowDeselect={false}
            error={errors.availability}
          />
          <Select
            label="Contact and consent"
            data={RELATIVE_CONTACT.map((v) => ({ value: v, label: CONTACT_LABELS[v] }))}
            value={f.contact}
            onChange={set('contact')}
            allowDeselect={false}
            error={errors.contact}
          />
        </SimpleGrid>
        <DialogActions
          error={save.error}
          onCancel={onClose}
          onSubmit={submit}
          submitting={save.submitting}
          submitLabel={relative ? 'Save' : 'Add relative'}
        />
      </Stack>
      {dialog}
    </Modal>
  );
}
