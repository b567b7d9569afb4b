import { z } from 'zod';

/**
 * The furthest a paged list can be read (issue 14): an offset beyond it names no page a person would read and,
 * unbounded, reached the database as an out-of-range integer (offset=1e15 gave a 500).
 */
export const MAX_PAGE_OFFSET = 100_000;

/** `offset` query parameter: a whole number from 0 to MAX_PAGE_OFFSET, 0 when absent. */
export const pageOffset = () =>
  z.coerce
    .number({ message: 'offset is a whole number' })
    .int('offset is a whole number')
    .min(0, 'offset cannot be negative')
    .max(MAX_PAGE_OFFSET, `offset can be at most ${MAX_PAGE_OFFSET}`)
    .default(0);
