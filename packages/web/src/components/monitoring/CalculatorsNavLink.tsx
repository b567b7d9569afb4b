import { Button } from '@mantine/core';
import { IconCalculator } from '@tabler/icons-react';
import { NavLink } from 'react-router';

/** The "Calculators" entry of the main navigation (bedside CRS/ICANS and acute GVHD grading; every role). */
export function CalculatorsNavLink() {
  return (
    <Button
      component={NavLink}
      to="/calculators"
      variant="subtle"
      leftSection={<IconCalculator size={16} aria-hidden />}
    >
      Calculators
    </Button>
  );
}
