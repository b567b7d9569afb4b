// Step 1 of the bedside check: the wristband, the bag's DIN, product code and division (and COI for cell
// therapy). A bar-code scanner types and presses Enter, so Enter moves to the next field and checks after the last.
import { Button, Paper, SimpleGrid, TextInput, Title } from '@mantine/core';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useBedsideCheck } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

const FIELDS = ['mrn', 'din', 'productCode', 'division', 'coi'] as const;
type Field = (typeof FIELDS)[number];

const LABELS: Record<Field, [string, string]> = {
  mrn: ['Scan patient wristband (MRN)', 'the MRN printed on the wristband'],
  din: ['Scan product DIN', 'bar code, or eye-readable with its check character'],
  productCode: ['Product code', 'e.g. S1398 or the whole code S13981A0'],
  division: ['Division', '00 when the product is not divided'],
  coi: ['Chain of Identity (COI)', 'cell therapy: the COI on the bag and the release certificate'],
};

const EMPTY: Record<Field, string> = { mrn: '', din: '', productCode: '', division: '', coi: '' };

export function ScanForm({ episodeId, cellTherapy }: { episodeId: string; cellTherapy: boolean }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const check = useBedsideCheck(episodeId, setErrors);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const fields = FIELDS.filter((f) => f !== 'coi' || cellTherapy);

  async function submit() {
    setErrors({});
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    if ((await check.submit(body)) === undefined) return;
    setValues(EMPTY);
    refs.current.mrn?.focus();
  }
  const onKey = (f: Field) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = fields[fields.indexOf(f) + 1];
    if (next) refs.current[next]?.focus();
    else void submit();
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="scan-heading">
      <Title order={2} size="h3" id="scan-heading" mb="sm">
        1. Scan
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map((f, i) => (
            <TextInput
              key={f}
              ref={(el) => {
                refs.current[f] = el;
              }}
              size="xl"
              label={LABELS[f][0]}
              description={LABELS[f][1]}
              value={values[f]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((old) => ({ ...old, [f]: v }));
              }}
              onKeyDown={onKey(f)}
              error={errors[f]}
              autoFocus={i === 0}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
            />
          ))}
        </SimpleGrid>
        <ErrorAlert error={check.error} mt="sm" />
        <Button type="submit" size="xl" mt="md" loading={check.submitting}>
          Check
        </Button>
      </form>
    </Paper>
  );
}
