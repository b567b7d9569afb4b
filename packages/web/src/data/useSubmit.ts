// The one submit helper of the web app (ADR 0021): sends, refreshes what the write changed, tells the user, and
// turns a problem+json answer into a message plus per-field errors — the try/catch/finally every form used to
// write by hand.
import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api';

export interface SubmitOptions<V, T> {
  /** The request (api/apiSend); may run it through useConfirmations' withConfirmations. */
  send: (values: V) => Promise<T>;
  /** Query keys (prefixes) whose answers the write changes. */
  invalidate?: QueryKey[];
  /** A notification on success. */
  success?: string | ((result: T) => string);
  onSaved?: (result: T) => void;
  /** Per-field messages of a 400/409/422 answer, keyed by the field path (e.g. a Mantine form's setErrors). */
  onFieldErrors?: (errors: Record<string, string>) => void;
}

export interface Submit<V, T> {
  /** Sends; resolves to the answer, or undefined when it failed (the failure is in `error`). */
  submit: (values: V) => Promise<T | undefined>;
  /** Sends and throws on failure: for dialogs that show the error themselves (ReasonModal). */
  run: (values: V) => Promise<T>;
  submitting: boolean;
  /** What went wrong, in the server's words; null before a submit and after a success. */
  error: string | null;
  /** Each message of the refusal (every bad line of a refused file), or the one `error`; [] when none. */
  errors: string[];
  reset: () => void;
}

export function useSubmit<V, T>(opts: SubmitOptions<V, T>): Submit<V, T> {
  const client = useQueryClient();
  const mutation = useMutation<T, Error, V>({
    mutationFn: opts.send,
    onSuccess: async (result) => {
      await Promise.all((opts.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
      if (opts.success !== undefined) {
        const message = typeof opts.success === 'function' ? opts.success(result) : opts.success;
        notifications.show({ color: 'teal', message });
      }
      opts.onSaved?.(result);
    },
    onError: (e) => {
      if (e instanceof ApiError) opts.onFieldErrors?.(e.fieldErrors());
    },
  });
  return {
    submit: async (values) => {
      try {
        return await mutation.mutateAsync(values);
      } catch {
        return undefined;
      }
    },
    run: mutation.mutateAsync,
    submitting: mutation.isPending,
    error: mutation.error ? errorMessage(mutation.error) : null,
    errors: messagesOf(mutation.error),
    reset: mutation.reset,
  };
}

function messagesOf(e: Error | null): string[] {
  if (!e) return [];
  if (e instanceof ApiError && e.problem.errors?.length) return e.problem.errors.map((x) => x.message);
  return [errorMessage(e)];
}
