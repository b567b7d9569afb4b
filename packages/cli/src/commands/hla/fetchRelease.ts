// The release download lives in @engraft/hla/node, shared with the server's background fetch (ADR 0412).
export { IMGT_GITHUB_RAW, fetchImgtRelease } from '@engraft/hla/node';
export type { FetchLike, FetchReleaseInput } from '@engraft/hla/node';
