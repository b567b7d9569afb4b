import { Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The patient's printable sheets (pages/print): transplant summary and infusion record. */
export function PrintLinks({ patientId, episodeId }: { patientId: string; episodeId: string }) {
  return (
    <>
      <Button
        component={Link}
        to={`/patients/${patientId}/print/summary?episode=${episodeId}`}
        variant="default"
        size="sm"
        leftSection={<IconPrinter size={16} aria-hidden />}
      >
        Transplant summary
      </Button>
      <Button
        component={Link}
        to={`/episodes/${episodeId}/print/infusion`}
        variant="default"
        size="sm"
        leftSection={<IconPrinter size={16} aria-hidden />}
      >
        Infusion record
      </Button>
    </>
  );
}
