import {
  RELEASE_UPLOAD_MAX_BYTES,
  ReleaseUploadResultSchema,
  ReleaseUploadSchema,
  SETTINGS_WRITERS,
} from '@engraft/domain';
import { loadReleaseFromFile } from '../../services/referenceData';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

/** The HLA reference data (IPD-IMGT/HLA release) loaded from a file by an administrator (issue 16, ADR 0412). */
export function registerReferenceDataRoutes(app: TypedApp): void {
  const { db, config } = app.deps;
  app.post(
    '/reference-data/release',
    {
      config: { access: SETTINGS_WRITERS },
      // base64 of the archive and the JSON around it.
      bodyLimit: Math.ceil((RELEASE_UPLOAD_MAX_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        summary: 'Load an IPD-IMGT/HLA release from a ZIP file (when the server cannot download one)',
        description:
          'The archive holds release_version.txt, md5checksum.txt, Allelelist.txt and wmda/ (hla_nom.txt, hla_nom_g.txt, hla_nom_p.txt, rel_dna_ser.txt, rel_ser_ser.txt, md5checksum.txt), in any folder. Every file is checked against the md5 checksums the release publishes, as the download does; a release with a missing file or a wrong checksum is refused (400 naming what is wrong) and nothing is saved. Audited. The donor registry then loads it.',
        tags: ['donors'],
        body: ReleaseUploadSchema,
        response: { 201: ReleaseUploadResultSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await loadReleaseFromFile(db, actorOf(authOf(req)), config.dataDir, app.donorRegistry, req.body))
  );
}
