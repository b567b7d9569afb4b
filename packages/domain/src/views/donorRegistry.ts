import { z } from 'zod';

/** Bytes and files of the IPD-IMGT/HLA release received so far by the background download (ADR 0412). */
export const ReleaseDownloadSchema = z.object({
  bytes: z.number().int().min(0),
  files: z.number().int().min(0),
  totalFiles: z.number().int().min(0),
});
export type ReleaseDownload = z.infer<typeof ReleaseDownloadSchema>;

/** What the registry is doing while it is not ready. */
export const REGISTRY_PHASES = ['release', 'donors', 'index'] as const;

/** Why donor search is not available: the release could not be downloaded, there is none, or it failed to load. */
export const REGISTRY_UNAVAILABLE_REASONS = ['offline', 'no-release', 'error'] as const;

export const DonorRegistryStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('loading'),
    percent: z.number().min(0).max(100),
    step: z.string(),
    startedAt: z.string(),
    /** release: downloading the reference data; donors: generating the synthetic demo registry; index: loading. */
    phase: z.enum(REGISTRY_PHASES).optional(),
    download: ReleaseDownloadSchema.optional(),
    /** Synthetic demo donors generated so far, out of how many. */
    generated: z.object({ donors: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
  }),
  z.object({
    state: z.literal('ready'),
    release: z.string(),
    donors: z.number().int(),
    threads: z.number().int(),
    /** Probability ranking worker threads running (ADR 0411); absent or 0: rankings run on the server's thread. */
    rankThreads: z.number().int().min(0).optional(),
    loadedAt: z.string(),
    loadSeconds: z.number(),
    /** The registry is the synthetic demo registry (never real donors). */
    synthetic: z.boolean().optional(),
    /** The haplotype frequency sets the registry snapshot records it was generated or imputed with. */
    frequencySets: z.array(z.object({ name: z.string(), sha256: z.string() })).optional(),
  }),
  z.object({
    state: z.literal('unavailable'),
    message: z.string(),
    reason: z.enum(REGISTRY_UNAVAILABLE_REASONS).optional(),
  }),
]);
export type DonorRegistryStatus = z.infer<typeof DonorRegistryStatusSchema>;

/** Largest release archive an administrator may upload (the kept files of a release are ~4 MB). */
export const RELEASE_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;

/**
 * An IPD-IMGT/HLA release loaded from a file by an administrator: a ZIP archive holding release_version.txt,
 * md5checksum.txt, Allelelist.txt and the wmda/ files (hla_nom*.txt, rel_*.txt, md5checksum.txt), in any folder.
 */
export const ReleaseUploadSchema = z.object({
  fileName: z
    .string()
    .min(1, 'fileName: name the file')
    .max(255)
    .regex(/\.zip$/i, 'fileName: the release must be a .zip archive'),
  contentBase64: z
    .string()
    .min(1, 'contentBase64: the file is empty')
    .max(Math.ceil((RELEASE_UPLOAD_MAX_BYTES * 4) / 3) + 4, 'contentBase64: the file is larger than 32 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contentBase64: not base64'),
});
export type ReleaseUpload = z.infer<typeof ReleaseUploadSchema>;

export const ReleaseUploadResultSchema = z.object({
  release: z.string(),
  /** Files kept, each with its size and whether its md5 was verified. */
  files: z.array(z.string()),
});
export type ReleaseUploadResult = z.infer<typeof ReleaseUploadResultSchema>;
