import type { Relative } from '@engraft/domain';
import { FileInput, Group, Modal, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { DialogActions } from '../../components/DialogActions';
import { useRecordTyping } from './api';
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useRecordTyping(patientId, relative.id, onSaved, setErrors);

  const submit = async () => {
    setErrors({});
    save.reset();
    const labName = lab.trim() || undefined;
    if (tab === 'hml') {
      // refused here, at the field: there is nothing to send without the file
      if (!file) return setErrors({ fileName: 'Choose the HML file the lab sent.' });
      return void save.submit({ kind: 'hml', fileName: file.name, content: await file.text(), lab: labName });
    }
    const glString = tab === 'loci' ? glOfLoci(rows) : gl.trim();
    void save.submit({ kind: 'gl', glString, lab: labName, typingDate: typingDate || undefined });
  };
  // The server names the GL string it refused (glString) and, for a file, its name or content.
  const fileError = errors.fileName ?? errors.content ?? errors.sampleId;

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
            {errors.glString && (
              <Text c="red" size="sm" mt={4}>
                {errors.glString}
              </Text>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="gl" pt="sm">
            <Textarea
              label="GL string"
              placeholder="A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01"
              autosize
              minRows={2}
              value={gl}
              onChange={(e) => setGl(e.currentTarget.value)}
              error={errors.glString}
            />
          </Tabs.Panel>
          <Tabs.Panel value="hml" pt="sm">
            <FileInput
              label="HML file"
              accept=".hml,.xml"
              value={file}
              onChange={setFile}
              clearable
              error={fileError}
            />
          </Tabs.Panel>
        </Tabs>
        <Group grow align="flex-start">
          <TextInput
            label="Laboratory"
            value={lab}
            onChange={(e) => setLab(e.currentTarget.value)}
            error={errors.lab}
          />
          {tab !== 'hml' && (
            <DateField
              label="Typing date"
              value={typingDate}
              onChange={(e) => setTypingDate(e.currentTarget.value)}
              error={errors.typingDate}
            />
          )}
        </Group>
        <DialogActions
          error={save.error}
          onCancel={onClose}
          onSubmit={() => void submit()}
          submitting={save.submitting}
          submitLabel="Save typing"
        />
      </Stack>
    </Modal>
  );
}
