// Node-only entry point of @engraft/hla ('@engraft/hla/node'): reading releases and MAC files from disk,
// and the binary release cache. The rest of the package never touches the file system.
export { RELEASE_FILES, loadImgtRelease, readImgtFiles } from './imgt/loadRelease';
export { loadImgtReleaseCached, releaseCachePath } from './imgt/releaseCache';
export { loadMacFile } from './mac/loadMac';
