import {
  REGISTRY_READERS,
  REGISTRY_REPORTERS,
  RegistryBatchQuerySchema,
  RegistryReportListSchema,
  RegistryReportPreviewSchema,
  RegistrySubmissionSchema,
  RegistrySubmitSchema,
} from '@engraft/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listRegistryReports, previewRegistryReport, submitRegistryReport } from '../../services/registryReports';
import { batchExport, submissionFile } from '../../services/registryReportsExport';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { FHIR_BASE } from '../fhir/resources';
import { actorOf } from './actor';

const ReportParams = z.object({ episodeId: z.uuid(), key: z.string().regex(/^(cibmtr|ebmt)-[a-z0-9-]+$/) });
/** The FHIR base the Bundle's fullUrls resolve against (the server's own FHIR API). */
const baseOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}${FHIR_BASE}`;

/** Registry reporting to CIBMTR and EBMT (issue 17 §3, ADR 0710). */
export function registerRegistryReportRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  app.get(
    '/registry-reports',
    {
      config: { access: REGISTRY_READERS },
      schema: {
        summary: 'Registry reports of the centre (due, overdue, upcoming, submitted) with completeness',
        tags: ['registries'],
        response: { 200: RegistryReportListSchema },
      },
    },
    async (req) => listRegistryReports(db, actorOf(authOf(req)), today())
  );
  app.get(
    '/registry-reports/batch',
    {
      config: { access: REGISTRY_REPORTERS, responseContract: 'binary' },
      schema: {
        summary:
          'All reports of one form due in a period: CIBMTR Bundles as NDJSON, EBMT MED-A rows as CSV (audited export)',
        tags: ['registries'],
        querystring: RegistryBatchQuerySchema,
      },
    },
    async (req, reply) => {
      const f = await batchExport(db, actorOf(authOf(req)), req.query, today(), baseOf(req));
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('x-content-sha256', f.sha256)
        .header('x-report-count', String(f.reports))
        .send(f.content);
    }
  );
  app.get(
    '/episodes/:episodeId/registry-reports/:key',
    {
      config: { access: REGISTRY_READERS },
      schema: {
        summary: 'One registry report: missing items with links, the content as exported, its submissions',
        tags: ['registries'],
        params: ReportParams,
        response: { 200: RegistryReportPreviewSchema },
      },
    },
    async (req) =>
      previewRegistryReport(db, actorOf(authOf(req)), req.params.episodeId, req.params.key, today(), baseOf(req))
  );
  app.post(
    '/episodes/:episodeId/registry-reports/:key/submissions',
    {
      config: { access: REGISTRY_REPORTERS },
      schema: {
        summary:
          'Record the report as submitted (content, SHA-256, who, when; marks the worklist item done). With required items missing, only with a reason.',
        tags: ['registries'],
        params: ReportParams,
        body: RegistrySubmitSchema,
        response: { 201: RegistrySubmissionSchema },
      },
    },
    async (req, reply) => {
      const { submission } = await submitRegistryReport(
        db,
        actorOf(authOf(req)),
        req.params.episodeId,
        req.params.key,
        req.body,
        today(),
        baseOf(req)
      );
      return reply.code(201).send(submission);
    }
  );
  app.get(
    '/registry-submissions/:id/content',
    {
      config: { access: REGISTRY_READERS, responseContract: 'binary' },
      schema: {
        summary: 'The exact content of a recorded submission (download; audited export)',
        tags: ['registries'],
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req, reply) => {
      const f = await submissionFile(db, actorOf(authOf(req)), req.params.id);
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('x-content-sha256', f.sha256)
        .send(f.content);
    }
  );
}
