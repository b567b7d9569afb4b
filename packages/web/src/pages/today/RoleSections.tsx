// Today per role (ADR 0801): one section per role of the signed-in user (nurse, lab, coordinator, data manager,
// auditor), each item linking to the page where the work is done, and an empty state per section.
import { TODAY_ITEM_KINDS, TODAY_SECTIONS, type TodayRoleItem, type TodaySection } from '@engraft/domain';
import { Anchor, Badge, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../format';

export function RoleSections({ sections }: { sections: TodaySection[] }) {
  return (
    <>
      {sections.map((s) => (
        <RoleSection key={s.key} section={s} />
      ))}
    </>
  );
}

function RoleSection({ section }: { section: TodaySection }) {
  const id = `role-${section.key}-heading`;
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} size="h3" mb="xs">
        {section.title} <Badge variant="light">{section.items.length}</Badge>
      </Title>
      {section.items.length === 0 ? (
        <Text c="dimmed">{TODAY_SECTIONS[section.key].empty}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>What</Table.Th>
                  <Table.Th>{section.key === 'auditor' ? 'When' : 'Date'}</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Details</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Where</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section.items.map((item, i) => (
                  <RoleItemRow key={`${item.kind}-${item.link ?? ''}-${i}`} item={item} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

function RoleItemRow({ item }: { item: TodayRoleItem }) {
  const when =
    item.date === null ? '—' : item.date.length > 10 ? formatDateTime(item.date, { utc: true }) : formatDate(item.date);
  return (
    <Table.Tr data-kind={item.kind}>
      <Table.Td>
        <Text fz="sm">{TODAY_ITEM_KINDS[item.kind]}</Text>
        {item.overdue && (
          <Badge color="red" size="sm">
            Overdue
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{when}</Table.Td>
      <Table.Td>
        {item.patient ? (
          <>
            <Text fz="sm" fw={600}>
              {item.patient}
            </Text>
            <Text fz="xs" c="dimmed" ff="monospace">
              {item.mrn}
            </Text>
          </>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Text fz="sm">{item.label}</Text>
      </Table.Td>
      <Table.Td>
        {item.link && (
          <Anchor
            component={Link}
            to={item.link}
            fz="sm"
            aria-label={`${item.linkLabel ?? 'Open'}: ${item.label}${item.patient ? ` for ${item.patient}` : ''}`}
          >
            {item.linkLabel ?? 'Open'}
          </Anchor>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
