// Node-only entry point of @engraft/hla ('@engraft/hla/node'): reading releases and MAC files from disk,
// and the binary release cache. The rest of the package never touches the file system.
export { RELEASE_FILES, loadImgtRelease, readImgtFiles } from './imgt/loadRelease';
export { loadImgtReleaseCached, releaseCachePath } from './imgt/releaseCache';
export { loadMacFile } from './mac/loadMac';
export { FETCHED_FILE_COUNT, IMGT_GITHUB_RAW, fetchImgtRelease } from './imgt/fetchRelease';
export type { FetchLike, FetchProgress, FetchReleaseInput } from './imgt/fetchRelease';
export {
  RELEASE_FILES_TO_KEEP,
  RELEASE_INDEX_FILES,
  ReleaseVerificationError,
  installRelease,
  verifyReleaseFiles,
} from './imgt/releaseFiles';
export type { VerifiedRelease } from './imgt/releaseFiles';
export { unzipAll, unzipEntry } from './imgt/unzip';
