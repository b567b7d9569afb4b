import type { ReleaseUpload, ReleaseUploadResult } from '@engraft/domain';
import {
  type FetchProgress,
  installRelease,
  ReleaseVerificationError,
  unzipAll,
  verifyReleaseFiles,
} from '@engraft/hla/node';
import type { Database } from '../db/database';
import { EngraftError } from '../errors';
import { appendAudit } from '../repo/auditLog';
import type { DonorRegistrySource, ProgressReporter } from './donorRegistry';
import type { CentreActor } from './patients';

// The HLA reference data (an IPD-IMGT/HLA release) on a server that has none (issue 16, ADR 0412): downloaded and
// verified in the background at start-up, or loaded from a file by an administrator. Messages here are read by
// physicians and coordinators on the donor search page: they say what happened and who can fix it, never a command.

/** Who can load reference data from a file, as the page says it. */
export const WHO_CAN_LOAD = 'an administrator can load a release from a file on the Reference data page';

export const NO_RELEASE_MESSAGE = `donor search is not available: the HLA reference data (IPD-IMGT/HLA release) is not installed; ${WHO_CAN_LOAD}`;

/** Why the registry is not available, for the page: it offers the upload for 'offline' and 'no-release'. */
export class RegistryUnavailable extends EngraftError {
  constructor(
    message: string,
    readonly reason: 'offline' | 'no-release' | 'error'
  ) {
    super('unavailable', message);
  }
}

/** Downloads and verifies a release into the data directory; returns its directory. */
export type ReleaseFetcher = (onProgress: (p: FetchProgress) => void) => Promise<string>;

/**
 * The release directory from a background download, with its progress (bytes and files) in the registry status.
 * @throws RegistryUnavailable 'no-release' when downloads are off, 'offline' when the download or its check failed
 */
export async function obtainRelease(
  fetchRelease: ReleaseFetcher | undefined,
  progress: ProgressReporter
): Promise<string> {
  if (!fetchRelease) throw new RegistryUnavailable(NO_RELEASE_MESSAGE, 'no-release');
  progress(0, 'downloading the HLA reference data', {
    phase: 'release',
    download: { bytes: 0, files: 0, totalFiles: 0 },
  });
  try {
    return await fetchRelease((p) =>
      progress((50 * p.files) / Math.max(1, p.totalFiles), 'downloading the HLA reference data', {
        phase: 'release',
        download: { bytes: p.bytes, files: p.files, totalFiles: p.totalFiles },
      })
    );
  } catch (err) {
    const why =
      err instanceof ReleaseVerificationError
        ? `the downloaded files failed verification: ${err.message}`
        : `${err instanceof Error ? err.message : String(err)}`;
    throw new RegistryUnavailable(
      `donor search is not available: the HLA reference data (IPD-IMGT/HLA release) could not be downloaded (${why}); ${WHO_CAN_LOAD}`,
      'offline'
    );
  }
}

/**
 * The files of a release inside an uploaded ZIP archive, by release-relative path: the folder holding
 * release_version.txt is the release's root, wherever it is in the archive.
 */
export function releaseFilesInZip(zip: Buffer): Map<string, Buffer> {
  const entries = unzipAll(zip);
  const roots = [...entries.keys()].filter((p) => p === 'release_version.txt' || p.endsWith('/release_version.txt'));
  if (roots.length > 1) throw new ReleaseVerificationError(`the archive holds ${roots.length} releases; upload one`);
  const prefix = roots[0]?.slice(0, -'release_version.txt'.length) ?? '';
  const out = new Map<string, Buffer>();
  for (const [path, body] of entries) if (path.startsWith(prefix)) out.set(path.slice(prefix.length), body);
  return out;
}

/**
 * Loads a release uploaded by an administrator: unpacks it, verifies it as the download does (every file
 * present and matching its published md5), installs it under `<dataDir>/imgt/<version>` and audits it, then
 * asks the registry to load again. @throws EngraftError 'invalid' naming `contentBase64` and what is wrong
 */
export async function loadReleaseFromFile(
  db: Database,
  actor: CentreActor,
  dataDir: string,
  registry: DonorRegistrySource,
  upload: ReleaseUpload
): Promise<ReleaseUploadResult> {
  if (dataDir.startsWith('memory://')) {
    throw new EngraftError('unavailable', 'this server keeps no data directory: a release cannot be stored');
  }
  let verified;
  try {
    verified = verifyReleaseFiles(releaseFilesInZip(Buffer.from(upload.contentBase64, 'base64')));
  } catch (err) {
    const message = `${upload.fileName}: ${err instanceof Error ? err.message : String(err)}`;
    throw new EngraftError('invalid', message, [{ path: 'contentBase64', message }]);
  }
  // The audit event first, then the files, in one transaction: a failed write leaves no event behind.
  await db.transaction(async (tx) => {
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'reference-data',
      entityId: `IPD-IMGT/HLA ${verified.version}`,
      after: { release: verified.version, fileName: upload.fileName, files: verified.log },
    });
    installRelease(dataDir, verified);
  });
  registry.retry();
  return { release: verified.version, files: [...verified.log] };
}
