import { type Relative, RelativeTypingSchema } from '@engraft/domain';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { apiSend, errorMessage } from '../../api';
import { DateField } from '../../components/DateField';
import { glOfLoci, TYPED_LOCI as LOCI } from './typingEntry';

interface Props {
  patientId: string;
  relative: Relative;
  onClose: () => void;
  onSaved: () => void;
}

/** Record a relative's HLA typing (a new version): per locus, as a GL string, or from an HML file. */
export function TypingModal({ patientId, relative, onClose, onSaved }: Props) {
  const [tab, setTab] = useState<string | null>('loci');
  const [rows, setRows] = useState<Record<string, [string, string]>>({});
  const [gl, setGl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [lab, setLab] = useState('');
  const [typingDate, setTypingDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/patients/${patientId}/family/relatives/${relative.id}/hla`;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (tab === 'hml') {
        if (!file) throw new Error('Choose the HML file the lab sent.');
        await apiSend(
          'POST',
          `${base}/hml`,
          { fileName: file.name, content: await file.text(), lab: lab || undefined },
          RelativeTypingSchema
        );
      } else {
        const glString = tab === 'loci' ? glOfLoci(rows) : gl.trim();
        await apiSend(
          'POST',
          base,
          { glString, lab: lab || undefined, typingDate: typingDate || undefined },
          RelativeTypingSchema
        );
      }
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const setCell = (locus: string, i: 0 | 1, v: string) =>
    setRows((r) => {
      const pair: [string, string] = [...(r[locus] ?? ['', ''])];
      pair[i] = v;
      return { ...r, [locus]: pair };
    });

  return (
    <Modal opened onClose={onClose} title={`HLA typing of ${relative.name}`} size="lg">
      <Stack gap="sm">
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List>
            <Tabs.Tab value="loci">Per locus</Tabs.Tab>
            <Tabs.Tab value="gl">GL string</Tabs.Tab>
            <Tabs.Tab value="hml">HML file</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="loci" pt="sm">
            <SimpleGrid cols={3} spacing="xs" verticalSpacing={4}>
              {LOCI.flatMap((locus) => [
                <Text key={`${locus}-l`} fw={600} size="sm" pt={6}>
                  {locus}
                </Text>,
                <TextInput
                  key={`${locus}-1`}
                  aria-label={`${locus} allele 1`}
                  placeholder={`${locus}*`}
                  value={rows[locus]?.[0] ?? ''}
                  onChange={(e) => setCell(locus, 0, e.currentTarget.value)}
                />,
                <TextInput
                  key={`${locus}-2`}
                  aria-label={`${locus} allele 2`}
                  placeholder="same if homozygous"
                  value={rows[locus]?.[1] ?? ''}
                  onChange={(e) => setCell(locus, 1, e.currentTarget.value)}
                />,
              ])}
            </SimpleGrid>
          </Tabs.Panel>
          <Tabs.Panel value="gl" pt="sm">
            <Textarea
              label="GL string"
              placeholder="A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01"
              autosize
              minRows={2}
              value={gl}
              onChange={(e) => setGl(e.currentTarget.value)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="hml" pt="sm">
            <FileInput label="HML file" accept=".hml,.xml" value={file} onChange={setFile} clearable />
          </Tabs.Panel>
        </Tabs>
        <Group grow align="flex-start">
          <TextInput label="Laboratory" value={lab} onChange={(e) => setLab(e.currentTarget.value)} />
          {tab !== 'hml' && (
            <DateField label="Typing date" value={typingDate} onChange={(e) => setTypingDate(e.currentTarget.value)} />
          )}
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={busy}>
            Save typing
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
