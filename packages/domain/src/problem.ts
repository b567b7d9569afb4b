import { z } from 'zod';
// The app's zod messages ("required", "choose one of: …") are configured where problems and issue paths are: a
// bundle that skips the side-effect-free index (the web app: package.json "sideEffects") still gets them.
import './zodErrors';

/** RFC 9457 problem details, with the field paths of validation errors. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** A machine-readable reason where the client must act on it, e.g. `confirmation-required` (safety/quantity.ts). */
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Joins a zod issue path as a JSON-pointer-like dotted path: ["weightKg"] -> "weightKg", ["a",0] -> "a[0]". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    ''
  );
}
