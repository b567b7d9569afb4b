// Data entry behind a "Record…" button: the existing form opens in a drawer (a full-screen sheet on a phone)
// instead of sitting inline on the page. The form is given `done`, to call once it has saved.
import { Button, type ButtonProps, Drawer } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPencilPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function RecordDrawer({
  label,
  title,
  children,
  variant = 'light',
  size = 'sm',
}: {
  /** The button's words, e.g. "Record event"; shown with a trailing ellipsis (it opens a form). */
  label: string;
  /** The drawer's heading; defaults to the label. */
  title?: string;
  children: (done: () => void) => ReactNode;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button
        size={size}
        variant={variant}
        leftSection={<IconPencilPlus size={16} aria-hidden />}
        onClick={open}
        className="no-print"
      >
        {label}…
      </Button>
      <Drawer
        opened={opened}
        onClose={close}
        title={title ?? label}
        position="right"
        size={phone ? '100%' : 'xl'}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {opened && children(close)}
      </Drawer>
    </>
  );
}
