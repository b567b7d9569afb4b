/** A bad HML file: `line` (1-based) and `element` (path such as `sample[2]/typing[1]/glstring`) locate it. */
export class HmlError extends Error {
  override readonly name = 'HmlError';
  constructor(
    readonly line: number,
    readonly element: string,
    readonly reason: string
  ) {
    super(`HML line ${line}${element ? `, <${element}>` : ''}: ${reason}`);
  }
}

export function isHmlError(err: unknown): err is HmlError {
  return err instanceof HmlError;
}
