import { Button, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A form's submit button that keeps focus in the field being edited on mouse-down. Otherwise the field's
 * blur validation shows a message, the layout shifts, and the click lands beside the button that moved.
 */
export function SubmitButton({ children, ...props }: ButtonProps & { children: ReactNode }) {
  return (
    <Button type="submit" onMouseDown={(e) => e.preventDefault()} {...props}>
      {children}
    </Button>
  );
}
