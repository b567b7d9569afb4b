import { OUTCOME_READERS } from '@engraft/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EngraftError, invalid } from '../../errors';
import { type FhirType, isFhirType } from '../../fhir/search/params';
import { EVERYTHING_TYPES } from '../../services/fhir';
import { scopeAllows } from '../../services/fhirClients';
import { cancelExport, ExportRunner, exportFile, exportStatus } from '../../services/fhirExport';
import type { TypedApp } from '../app';
import { fhirActorOf } from './auth';
import { sendOutcome } from './outcome';
import { baseOf } from './resources';

declare module 'fastify' {
  interface FastifyInstance {
    fhirExports: ExportRunner;
  }
}

const ExportId = z.object({ exportId: z.uuid('export id must be a UUID') });
const FileParams = ExportId.extend({
  type: z.string().regex(/^[A-Za-z]{1,64}$/, 'type must be a resource type'),
  part: z.coerce.number().int().min(1).max(100_000),
});
const KickOffQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const NOT_SUPPORTED = ['_since', '_elements', 'patient', 'includeAssociatedData', '_typeFilter'];
const NDJSON = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];

/** Who asked: only they may poll, fetch and cancel (Bulk Data IG 2.0.0 §"Bulk Data Status Request"). */
const requesterOf = (req: FastifyRequest): string =>
  req.fhirClient ? `client:${req.fhirClient.clientUuid}` : `user:${fhirActorOf(req).userId ?? ''}`;

/** The types of a kick-off: `_type` (comma-separated) or all patient-compartment types, within a token's scopes. */
function exportTypes(req: FastifyRequest, query: Record<string, string | string[]>): FhirType[] {
  for (const p of NOT_SUPPORTED) if (query[p] !== undefined) throw invalid(p, `${p} is not supported by this server`);
  const format = [query._outputFormat ?? []].flat().at(-1);
  if (format !== undefined && !NDJSON.includes(format)) {
    throw invalid('_outputFormat', '_outputFormat: only application/fhir+ndjson');
  }
  const asked = [query._type ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  for (const t of asked) {
    if (!isFhirType(t) || !(EVERYTHING_TYPES as string[]).includes(t)) {
      throw invalid('_type', `_type: ${t} is not exported`);
    }
  }
  const client = req.fhirClient;
  const types = (asked.length ? asked : EVERYTHING_TYPES) as FhirType[];
  if (!client) return types;
  const denied = asked.filter((t) => !scopeAllows(client.scopes, t, 'read'));
  if (denied.length) throw new EngraftError('forbidden', `this token's scopes do not allow ${denied.join(', ')}`);
  return types.filter((t) => scopeAllows(client.scopes, t, 'read'));
}

/** Bulk Data Access IG 2.0.0: `Patient/$export` kick-off, status polling, NDJSON files and cancellation. */
export function registerFhirBulkRoutes(app: TypedApp): void {
  const { db } = app.deps;
  const runner = new ExportRunner(db, app.deps.today);
  app.decorate('fhirExports', runner);
  app.addHook('onClose', async () => runner.close());
  const statusUrl = (req: FastifyRequest, id: string) => `${baseOf(req)}/$export-status/${id}`;
  // Kick-off (202, no body), status (202 or the manifest), NDJSON files and cancel: FHIR's own answers (ADR 0020).
  const config = (interaction: 'export' | 'export-status') => ({
    access: OUTCOME_READERS,
    fhir: { interaction },
    responseContract: 'fhir' as const,
  });

  app.get(
    '/Patient/$export',
    {
      config: config('export'),
      schema: { summary: 'Bulk export kick-off', tags: ['fhir'], querystring: KickOffQuery },
    },
    async (req, reply) => {
      if (!/respond-async/.test(String(req.headers.prefer ?? ''))) {
        return sendOutcome(reply, 400, 'a bulk export needs the header Prefer: respond-async', ['Prefer']);
      }
      const types = exportTypes(req, req.query);
      if (!types.length) throw new EngraftError('forbidden', "this token's scopes allow no exported type");
      const id = await runner.kickOff(
        fhirActorOf(req),
        requesterOf(req),
        types,
        `${baseOf(req)}${req.url.slice(req.url.indexOf('/Patient/'))}`
      );
      return reply.code(202).header('content-location', statusUrl(req, id)).send();
    }
  );
  app.get(
    '/$export-status/:exportId',
    {
      config: config('export-status'),
      schema: {
        summary: 'Bulk export status',
        tags: ['fhir'],
        params: ExportId,
        response: { 200: z.looseObject({ transactionTime: z.string() }) },
      },
    },
    async (req, reply) => {
      const id = req.params.exportId;
      const fileUrl = (type: string, part: number) => `${baseOf(req)}/$export-file/${id}/${type}/${part}`;
      const s = await exportStatus(db, fhirActorOf(req), requesterOf(req), id, fileUrl);
      if (s.state === 'in-progress') {
        return (reply as FastifyReply).code(202).header('x-progress', s.progress).header('retry-after', '2').send();
      }
      if (s.state === 'failed') return sendOutcome(reply, 500, `the export failed: ${s.error}`);
      return reply.type('application/json').send({ ...s.manifest });
    }
  );
  app.delete(
    '/$export-status/:exportId',
    { config: config('export-status'), schema: { summary: 'Cancel a bulk export', tags: ['fhir'], params: ExportId } },
    async (req, reply) => {
      await cancelExport(db, fhirActorOf(req), requesterOf(req), req.params.exportId);
      return reply.code(202).send();
    }
  );
  app.get(
    '/$export-file/:exportId/:type/:part',
    {
      config: config('export-status'),
      schema: { summary: 'A bulk export NDJSON file', tags: ['fhir'], params: FileParams },
    },
    async (req, reply) => {
      const { exportId, type, part } = req.params;
      const body = await exportFile(db, fhirActorOf(req), requesterOf(req), exportId, type, part);
      return reply.type('application/fhir+ndjson').send(body);
    }
  );
}
