import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { renderPage } from '../../testing/renderPage';
import { ReasonModal, type ReasonModalProps } from './ReasonModal';

function Harness(props: Partial<ReasonModalProps> & { onConfirm: (reason: string) => Promise<unknown> }) {
  const [opened, setOpened] = useState(true);
  return (
    <>
      <p>{opened ? 'open' : 'closed'}</p>
      <ReasonModal
        opened={opened}
        title="Discard the bag?"
        confirmLabel="Discard"
        onClose={() => setOpened(false)}
        {...props}
      >
        The bag is discarded; this cannot be undone.
      </ReasonModal>
    </>
  );
}

const open = () => screen.findByRole('dialog', { name: 'Discard the bag?' });

describe('ReasonModal', () => {
  it('sends the trimmed reason and closes', async () => {
    const sent: string[] = [];
    await renderPage(<Harness onConfirm={async (r) => void sent.push(r)} />, { url: '/' });
    const dialog = await open();
    expect(within(dialog).getByText('The bag is discarded; this cannot be undone.')).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), '  wrong bag  ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await screen.findByText('closed');
    expect(sent).toEqual(['wrong bag']);
  });

  it('refuses a reason shorter than the minimum (2 characters when 3 are needed) without sending', async () => {
    const sent: string[] = [];
    await renderPage(<Harness onConfirm={async (r) => void sent.push(r)} />, { url: '/' });
    const dialog = await open();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'ab');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Give a reason (at least 3 characters).');
    expect(sent).toEqual([]);
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'c');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await screen.findByText('closed');
    expect(sent).toEqual(['abc']);
  });

  it('with minLength 0 takes an optional note under its own label, empty too', async () => {
    const sent: string[] = [];
    await renderPage(<Harness label="Note (optional)" minLength={0} onConfirm={async (r) => void sent.push(r)} />, {
      url: '/',
    });
    const dialog = await open();
    expect(within(dialog).getByRole('textbox', { name: 'Note (optional)' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await screen.findByText('closed');
    expect(sent).toEqual(['']);
  });

  it('stays open with the server’s words when the request fails', async () => {
    await renderPage(
      <Harness
        onConfirm={() =>
          Promise.reject(
            new ApiError({
              type: 'about:blank',
              title: 'Conflict',
              status: 409,
              detail: 'The bag was already discarded.',
            })
          )
        }
      />,
      { url: '/' }
    );
    const dialog = await open();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'wrong bag');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain('The bag was already discarded.')
    );
    expect(screen.getByText('open')).toBeTruthy();
  });
});
