import { KIR_GENE_NAMES, type Relative, RelativeKirSchema } from '@engraft/domain';
import { Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { DialogActions } from '../../components/DialogActions';
import { schemaErrors } from '../../zodResolver';
import { useRecordKir } from './api';

/** A relative's KIR genotype: A/A or B/x as reported, and/or the genes present (the haplotype then follows). */
export function KirModal({
  patientId,
  relative,
  onClose,
  onSaved,
}: {
  patientId: string;
  relative: Relative;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [haplotype, setHaplotype] = useState<string | null>(relative.kir?.haplotype ?? null);
  const [genes, setGenes] = useState<string[]>(relative.kir?.genes ?? []);
  const [typedOn, setTypedOn] = useState(relative.kir?.typedOn ?? '');
  const [lab, setLab] = useState(relative.kir?.lab ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useRecordKir(patientId, onSaved, setErrors);
  const submit = () => {
    const body = {
      ...(haplotype ? { haplotype } : {}),
      ...(genes.length ? { genes } : {}),
      ...(typedOn ? { typedOn } : {}),
      ...(lab.trim() ? { lab: lab.trim() } : {}),
    };
    // The server's schema first: neither a haplotype nor a gene is refused here, at the field, and not sent.
    const refused = schemaErrors(RelativeKirSchema, body);
    setErrors(refused);
    save.reset();
    if (Object.keys(refused).length === 0) void save.submit({ relativeId: relative.id, ...body });
  };
  return (
    <Modal opened onClose={onClose} title={`KIR genotype of ${relative.name}`} size="lg">
      <Stack gap="sm">
        <Select
          label="Haplotype genotype"
          data={[
            { value: 'AA', label: 'A/A' },
            { value: 'Bx', label: 'B/x' },
          ]}
          value={haplotype}
          onChange={setHaplotype}
          clearable
          error={errors.haplotype}
        />
        <MultiSelect
          label="Genes present"
          description="Gene-content typing; genes not chosen are absent"
          data={[...KIR_GENE_NAMES]}
          value={genes}
          onChange={setGenes}
          searchable
          error={errors.genes}
        />
        <Group>
          <DateField
            label="Typing date"
            value={typedOn}
            onChange={(e) => setTypedOn(e.currentTarget.value)}
            error={errors.typedOn}
          />
          <TextInput label="Lab" value={lab} onChange={(e) => setLab(e.currentTarget.value)} error={errors.lab} />
        </Group>
        <DialogActions
          error={save.error}
          onCancel={onClose}
          onSubmit={submit}
          submitting={save.submitting}
          submitLabel="Save KIR"
        />
      </Stack>
    </Modal>
  );
}
