import type { RegistryReportPreview } from '@engraft/domain';
import { Code, ScrollArea, Table, Text, Title } from '@mantine/core';

interface Resource {
  resourceType: string;
  id?: string;
  code?: { text?: string; coding?: { code?: string; display?: string }[] };
  productCode?: { text?: string };
  valueCodeableConcept?: { text?: string };
  effectiveDateTime?: string;
  performedPeriod?: { start?: string };
  onsetDateTime?: string;
  birthDate?: string;
  gender?: string;
  status?: string;
}

/** One line per resource: what it is, its value, its date (the Bundle itself is below, as exported). */
function describe(r: Resource): [string, string, string] {
  switch (r.resourceType) {
    case 'Patient':
      return ['Recipient (CRID pending)', `${r.gender ?? ''}, born ${r.birthDate ?? ''}`, ''];
    case 'BiologicallyDerivedProduct':
      return ['Product', r.productCode?.text ?? '', ''];
    case 'Procedure':
      return ['Infusion', r.code?.text ?? '', r.performedPeriod?.start?.slice(0, 10) ?? ''];
    case 'Condition':
      return ['Indication', r.code?.text ?? '', r.onsetDateTime ?? ''];
    default: {
      const what = r.code?.text ?? r.code?.coding?.[0]?.display ?? r.code?.coding?.[0]?.code ?? r.resourceType;
      return [what, r.valueCodeableConcept?.text ?? r.status ?? '', r.effectiveDateTime ?? ''];
    }
  }
}

/** The report in readable form: the CIBMTR Bundle's resources, or the EBMT MED-A items with their values. */
export function ReportPreview({ preview }: { preview: RegistryReportPreview }) {
  if (preview.medA) {
    const row = preview.medA.row;
    return (
      <section aria-labelledby="preview-heading">
        <Title order={4} fz="h5" id="preview-heading" mb="xs">
          Preview: EBMT MED-A row
        </Title>
        <ScrollArea h={320} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'MED-A items, scrollable' }}>
          <Table aria-label="MED-A items" striped>
            <Table.Tbody>
              {preview.medA.columns.map((c) => (
                <Table.Tr key={c}>
                  <Table.Th w={240}>{c}</Table.Th>
                  <Table.Td>{row[c] ? row[c] : <Text c="dimmed">—</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </section>
    );
  }
  const entries = ((preview.bundle?.entry as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);
  return (
    <section aria-labelledby="preview-heading">
      <Title order={4} fz="h5" id="preview-heading" mb="xs">
        Preview: CIBMTR FHIR R4 Bundle ({entries.length} resources)
      </Title>
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Bundle resources, scrollable' }}>
        <Table aria-label="Bundle resources" striped miw={600}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Resource</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Date</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((r) => {
              const [what, value, date] = describe(r);
              return (
                <Table.Tr key={`${r.resourceType}/${r.id ?? ''}`}>
                  <Table.Td>{r.resourceType}</Table.Td>
                  <Table.Td>{what}</Table.Td>
                  <Table.Td>{value}</Table.Td>
                  <Table.Td>{date}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <details>
        <summary>
          <Text span fz="sm">
            The Bundle as JSON
          </Text>
        </summary>
        <ScrollArea h={240} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'The Bundle as JSON, scrollable' }}>
          <Code block>{JSON.stringify(preview.bundle, null, 2)}</Code>
        </ScrollArea>
      </details>
    </section>
  );
}
