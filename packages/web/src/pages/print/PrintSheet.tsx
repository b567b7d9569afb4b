// A printable sheet: a header repeated at the top of every printed page (a table's <thead> repeats on each page
// in print), the sheet's title and when it was printed, and a "Print" button that does not print itself.
import { Alert, Anchor, Button, Group, Loader, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';

export function PrintSheet({
  title,
  header,
  back,
  error,
  loading,
  children,
}: {
  title: string;
  /** Repeated on every page: the patient (name, MRN, date of birth, ABO/Rh, weight, D+N) or the ward. */
  header: ReactNode;
  back: { to: string; label: string };
  error: string | null;
  loading: boolean;
  children: ReactNode;
}) {
  useDocumentTitle(`${title} · Engraft`);
  return (
    <main id="main" className="print-sheet-page">
      <Group justify="space-between" className="no-print" mb="md">
        <Anchor component={Link} to={back.to} fz="sm">
          ← {back.label}
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()} disabled={loading}>
          Print
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" title="The sheet could not be loaded">
          {error}
        </Alert>
      )}
      {loading && !error && <Loader aria-label="Loading the sheet" />}
      {!loading && !error && (
        <table className="print-sheet">
          <thead>
            <tr>
              <td>
                <div className="print-running-header">
                  <Text component="h1" fz="lg" fw={750} m={0}>
                    {title}
                  </Text>
                  {header}
                </div>
              </td>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                {children}
                <Text fz="xs" c="dimmed" mt="lg">
                  Printed {formatDateTime(new Date(), { utc: true })} from Engraft. Check against the electronic record
                  before acting on it.
                </Text>
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </main>
  );
}

/** One "term value" pair in a sheet's header line. */
export function HeaderFact({ term, value }: { term: string; value: string }) {
  return (
    <Text span fz="sm" mr="md">
      <Text span fz="xs" c="dimmed" tt="uppercase" fw={700}>
        {term}
      </Text>{' '}
      <Text span fw={650}>
        {value}
      </Text>
    </Text>
  );
}
