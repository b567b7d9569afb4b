import {
  ALL_ROLES,
  DiscardCancelSchema,
  DiscardRequestSchema,
  DiscardSchema,
  EXCEPTIONAL_RELEASERS,
  LABEL_PRINTERS,
  LabWorklistSchema,
  PRODUCT_PROCESSORS,
  ProcessStepSchema,
  type ProductDetail,
  ProductDetailSchema,
  ProductLabRegisterSchema,
  ProductSchema,
  ProductStatusSchema,
  QcResultSchema,
  ReceiveSchema,
  ReleaseConfirmSchema,
  ReleaseExceptionSchema,
  ReleaseRequestSchema,
  ShipSchema,
  StoreSchema,
  ThawSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as lab from '../../services/productLab';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const ProductParams = z.object({ productId: z.uuid('product id must be a UUID') });
const WorklistQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      const parsed = z.array(ProductStatusSchema).safeParse(s.split(',').map((x) => x.trim()));
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: 'status is a comma-separated list of product statuses, e.g. stored,released',
        });
        return z.NEVER;
      }
      return parsed.data;
    })
    .describe('comma-separated statuses; default: every status but infused and discarded'),
});

export function registerProductRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  const clock = (): lab.LabClock => ({ today: today(), now: new Date().toISOString() });

  app.post(
    '/episodes/:episodeId/products',
    {
      config: { access: PRODUCT_PROCESSORS },
      schema: {
        summary: 'Register a product directly on an episode (cord unit from a bank, marrow harvest, DLI …)',
        description:
          'The DIN (13 characters; eye-readable with spaces, with the keyboard check character, or bar-code data "=DIN+flags"), the product code and the CoI are checked (ISBT 128): a wrong check character answers 422 with the field path. The same DIN, product code and division twice answers 409.',
        tags: ['products'],
        params: EpisodeParams,
        body: ProductLabRegisterSchema,
        response: { 201: ProductDetailSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await lab.registerProduct(db, actorOf(authOf(req)), req.params.episodeId, req.body, clock()))
  );

  app.get(
    '/episodes/:episodeId/products',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Products of an episode',
        tags: ['products'],
        params: EpisodeParams,
        response: { 200: z.array(ProductSchema) },
      },
    },
    async (req) => lab.listEpisodeProducts(db, actorOf(authOf(req)), req.params.episodeId)
  );

  app.get(
    '/products',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Lab worklist: the centre’s products by status (to process, awaiting a second release signature, stored inventory with location)',
        tags: ['products'],
        querystring: WorklistQuery,
        response: { 200: LabWorklistSchema },
      },
    },
    async (req) => ({
      today: today(),
      products: await lab.labWorklist(db, actorOf(authOf(req)), req.query.status ?? null),
    })
  );

  app.get(
    '/products/:productId',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'A product with its history (who/when), storage, QC, release signatures, release check and doses per kg of the recipient',
        tags: ['products'],
        params: ProductParams,
        response: { 200: ProductDetailSchema },
      },
    },
    async (req) => lab.getProductDetail(db, actorOf(authOf(req)), req.params.productId, clock())
  );

  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (actor: ReturnType<typeof actorOf>, id: string, b: z.output<S>) => Promise<ProductDetail>,
    access = PRODUCT_PROCESSORS
  ) =>
    app.post(
      `/products/:productId/${path}`,
      {
        config: { access },
        schema: { summary, tags: ['products'], params: ProductParams, body, response: { 200: ProductDetailSchema } },
      },
      async (req) => run(actorOf(authOf(req)), req.params.productId, req.body as z.output<S>)
    );

  action(
    'processing',
    'Record a processing step with post-processing counts (cryopreservation stores the product); a count outside its plausible range, above 110 % or below 10 % of the one before answers 422 confirmation-required until the request carries a reason per field',
    ProcessStepSchema,
    (a, id, b) => lab.processStep(db, a, id, b, clock())
  );
  action(
    'storage',
    'Put the product in a storage location or move it (freezer, rack, box, position)',
    StoreSchema,
    (a, id, b) => lab.store(db, a, id, b, clock())
  );
  action('qc', 'Record a QC result (sterility sets the product’s sterility)', QcResultSchema, (a, id, b) =>
    lab.recordQc(db, a, id, b, clock())
  );
  action('release-request', 'First release signature: request release', ReleaseRequestSchema, (a, id, b) =>
    lab.requestRelease(db, a, id, b.note, clock())
  );
  action(
    'release',
    'Second release signature: a different lab user confirms release',
    ReleaseConfirmSchema,
    (a, id, b) => lab.confirmRelease(db, a, id, b.note, clock())
  );
  action(
    'release-exception',
    'A physician authorises release despite a positive culture, with the reason',
    ReleaseExceptionSchema,
    (a, id, b) => lab.authoriseExceptionalRelease(db, a, id, b.reason, clock()),
    EXCEPTIONAL_RELEASERS
  );
  action('thaw', 'Thaw a released cryopreserved product (time, post-thaw counts)', ThawSchema, (a, id, b) =>
    lab.thaw(db, a, id, b, clock())
  );
  action(
    'discard-request',
    'First person: request that the product be discarded (reason required; the status does not change yet)',
    DiscardRequestSchema,
    (a, id, b) => lab.requestDiscard(db, a, id, b.reason, clock())
  );
  action(
    'discard',
    'Second person: a different lab user confirms the requested discard (reason required); the product becomes discarded',
    DiscardSchema,
    (a, id, b) => lab.confirmDiscard(db, a, id, b.reason, clock())
  );
  action('discard-cancel', 'Cancel a pending discard request (reason required)', DiscardCancelSchema, (a, id, b) =>
    lab.cancelDiscard(db, a, id, b.reason, clock())
  );
  action('ship', 'Ship the product (destination)', ShipSchema, (a, id, b) => lab.ship(db, a, id, b, clock()));
  action('receive', 'Receive a shipped product back (frozen: stored; fresh: collected)', ReceiveSchema, (a, id, b) =>
    lab.receive(db, a, id, b, clock())
  );

  app.get(
    '/products/:productId/label.pdf',
    {
      config: { access: LABEL_PRINTERS, responseContract: 'binary' },
      schema: {
        summary:
          'Printable ISBT 128 label (PDF, 100 × 100 mm): Code 128 DIN, product code and expiry, DataMatrix; records "label printed"',
        description:
          'Refused (409) while the record has a blocking finding: an implausible count nobody confirmed, counts missing or impossible, a positive culture without exceptional release, or a product infused or discarded.',
        tags: ['products'],
        params: ProductParams,
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const detail = await lab.labelPrinted(db, actorOf(auth), req.params.productId, clock());
      // pdf-lib and bwip-js are loaded on the first label printed, not at every server start (issue 15 §4).
      const { renderProductLabel } = await import('../../services/productLabelPdf');
      const pdf = await renderProductLabel(detail, auth.centreName);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="label-${detail.product.din}-${detail.product.division}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    }
  );
}
