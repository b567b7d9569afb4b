/** What went wrong with a typing or a data file; stable strings that callers may switch on. */
export type HlaErrorCode =
  | 'empty'
  | 'syntax'
  | 'unknown-locus'
  | 'unknown-allele'
  | 'expression-suffix'
  | 'unknown-group'
  | 'unknown-mac'
  | 'invalid-mac'
  | 'no-mac-dictionary'
  | 'unknown-serology'
  | 'unknown-xx'
  | 'invalid-v2'
  | 'bad-data';

/**
 * The one error type of the package. `part` is the offending piece of the input (an allele name, a
 * MAC code, an operator position, a data-file line) so that a message can point at it precisely.
 */
export class HlaError extends Error {
  override readonly name = 'HlaError';
  constructor(
    readonly code: HlaErrorCode,
    readonly part: string,
    message: string
  ) {
    super(message);
  }
}

export function isHlaError(err: unknown): err is HlaError {
  return err instanceof HlaError;
}
