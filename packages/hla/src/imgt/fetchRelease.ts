import {
  RELEASE_FILES_TO_KEEP,
  RELEASE_INDEX_FILES,
  ReleaseVerificationError,
  installRelease,
  verifyReleaseFiles,
} from './releaseFiles';

/** Where IPD-IMGT/HLA publishes releases: one branch per release (`3580`), `Latest` for the newest. */
export const IMGT_GITHUB_RAW = 'https://raw.githubusercontent.com/ANHIG/IMGTHLA';

export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** Download progress: bytes received so far, files done out of the files asked for. */
export interface FetchProgress {
  readonly bytes: number;
  readonly files: number;
  readonly totalFiles: number;
  /** The file just received. */
  readonly path: string;
}

export interface FetchReleaseInput {
  /** `3.58.0`; the `Latest` branch when omitted. */
  readonly release?: string;
  /** The data directory; the release lands in `<dataDir>/imgt/<version>`. */
  readonly dataDir: string;
  readonly baseUrl?: string;
  readonly fetchFn?: FetchLike;
  readonly log?: (line: string) => void;
  readonly onProgress?: (p: FetchProgress) => void;
}

/** Files a fetch asks for: the index files and every kept file. */
export const FETCHED_FILE_COUNT = RELEASE_INDEX_FILES.length + RELEASE_FILES_TO_KEEP.length;

/**
 * Downloads a release from the IMGT GitHub repository, verifies every file against the release's
 * md5checksum.txt files (`verifyReleaseFiles`), and only then moves it into place. Returns the release directory.
 * @throws Error on HTTP failures, ReleaseVerificationError on a bad checksum (nothing is saved)
 */
export async function fetchImgtRelease(input: FetchReleaseInput): Promise<string> {
  const base = (input.baseUrl ?? IMGT_GITHUB_RAW).replace(/\/$/, '');
  const branch = input.release ? input.release.replace(/\./g, '') : 'Latest';
  if (input.release && !/^\d+\.\d+\.\d+$/.test(input.release)) {
    throw new Error(`--release must look like 3.58.0, got '${input.release}'`);
  }
  const fetchFn: FetchLike = input.fetchFn ?? ((url) => fetch(url));
  const log = input.log ?? ((): void => undefined);
  let bytes = 0;
  let files = 0;
  const get = async (path: string, optional = false): Promise<Buffer | undefined> => {
    const url = `${base}/${branch}/${path}`;
    const res = await fetchFn(url);
    if (!res.ok && !(optional && res.status === 404)) {
      throw new Error(`download failed: ${url} answered HTTP ${res.status}`);
    }
    const body = res.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
    bytes += body?.length ?? 0;
    files++;
    input.onProgress?.({ bytes, files, totalFiles: FETCHED_FILE_COUNT, path });
    return body;
  };

  const given = new Map<string, Buffer>();
  const versionText = (await get('release_version.txt')) ?? Buffer.alloc(0);
  given.set('release_version.txt', versionText);
  if (!/^# version: IPD-IMGT\/HLA \d+\.\d+\.\d+/m.test(versionText.toString('utf8'))) {
    throw new ReleaseVerificationError(
      `${base}/${branch}/release_version.txt has no "# version: IPD-IMGT/HLA x.y.z" line`
    );
  }
  const version = /IPD-IMGT\/HLA (\d+\.\d+\.\d+)/.exec(versionText.toString('utf8'))?.[1];
  if (input.release && version !== input.release) {
    throw new ReleaseVerificationError(`branch ${branch} holds release ${version}, not ${input.release}`);
  }
  for (const path of RELEASE_INDEX_FILES.slice(1)) given.set(path, (await get(path)) ?? Buffer.alloc(0));
  for (const file of RELEASE_FILES_TO_KEEP) {
    const body = await get(file.path, file.optional);
    if (body) given.set(file.path, body);
  }
  const verified = verifyReleaseFiles(given, input.release);
  for (const line of verified.log) log(line);
  return installRelease(input.dataDir, verified);
}
