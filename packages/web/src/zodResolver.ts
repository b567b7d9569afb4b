// Validates a @mantine/form form with a domain zod schema: the same rules the server applies.
import { issuePath } from '@engraft/domain';
import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';

export function zodResolver<T>(
  schema: z.ZodType<unknown>,
  transform?: (values: T) => unknown
): (values: T) => FormErrors {
  return (values) => schemaErrors(schema, transform ? transform(values) : values);
}

/** The schema's refusals of `values`, one sentence per field path ({} when it accepts them). */
export function schemaErrors(schema: z.ZodType<unknown>, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issuePath(issue.path)] ??= sentence(issue.message);
  return errors;
}

/** "required" -> "Required": messages read as sentences under the field. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
