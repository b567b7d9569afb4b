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

/** Why a typing was read with a caveat: it resolved, but not exactly as written. */
export type HlaWarningCode = 'newer-than-release' | 'deleted-name' | 'suffix-added';

/** A caveat on a name that did resolve (the reduction went ahead); `part` is the name as written. */
export interface HlaWarning {
  readonly code: HlaWarningCode;
  readonly part: string;
  readonly message: string;
}
