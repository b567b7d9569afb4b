import {
  ALL_ROLES,
  CustodyEventCreateSchema,
  DEFAULT_TEST_FIN,
  MANUFACTURING_WRITERS,
  ManufacturingOrderCreateSchema,
  ManufacturingOrderViewSchema,
  ManufacturingEpisodeSchema,
  ManufacturingReceiptSchema,
  ManufacturingStatusChangeSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as manufacturing from '../../services/manufacturing';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const OrderParams = z.object({ orderId: z.uuid('order id must be a UUID') });

// Cell-therapy manufacturing orders, chain of custody and receipt (issue 7, ADR 0520).
export function registerManufacturingRoutes(app: TypedApp): void {
  const { db, today, config } = app.deps;
  const fin = config.fin ?? DEFAULT_TEST_FIN;
  const now = () => new Date().toISOString();

  app.get(
    '/episodes/:episodeId/manufacturing-orders',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Manufacturing orders of a cell-therapy episode, newest first, with status history, custody, received product and vein-to-vein time',
        tags: ['manufacturing'],
        params: EpisodeParams,
        response: { 200: ManufacturingEpisodeSchema },
      },
    },
    async (req) => manufacturing.listOrders(db, actorOf(authOf(req)), req.params.episodeId, today())
  );

  app.post(
    '/episodes/:episodeId/manufacturing-orders',
    {
      config: { access: MANUFACTURING_WRITERS },
      schema: {
        summary:
          'Order a CAR-T or in-house cell-therapy product; the order gets its Chain of Identity (ISBT 128 DS040)',
        description: `Without a coi the centre assigns one from its FIN (ENGRAFT_FIN, now ${fin}) and the year's sequence. 409 when the episode already has an active order.`,
        tags: ['manufacturing'],
        params: EpisodeParams,
        body: ManufacturingOrderCreateSchema,
        response: { 201: ManufacturingOrderViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await manufacturing.createOrder(db, actorOf(authOf(req)), req.params.episodeId, req.body, {
          fin,
          now: now(),
          today: today(),
        })
      )
  );

  app.get(
    '/manufacturing-orders/:orderId',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'One manufacturing order',
        tags: ['manufacturing'],
        params: OrderParams,
        response: { 200: ManufacturingOrderViewSchema },
      },
    },
    async (req) => manufacturing.getOrderView(db, actorOf(authOf(req)), req.params.orderId, today())
  );

  app.post(
    '/manufacturing-orders/:orderId/status',
    {
      config: { access: MANUFACTURING_WRITERS },
      schema: {
        summary:
          'Move the order to its next status (or cancel it, or record that manufacturing failed); 409 for a move the status machine refuses',
        tags: ['manufacturing'],
        params: OrderParams,
        body: ManufacturingStatusChangeSchema,
        response: { 200: ManufacturingOrderViewSchema },
      },
    },
    async (req) =>
      manufacturing.changeStatus(db, actorOf(authOf(req)), req.params.orderId, req.body, { now: now(), today: today() })
  );

  app.post(
    '/manufacturing-orders/:orderId/custody',
    {
      config: { access: MANUFACTURING_WRITERS },
      schema: {
        summary:
          'Record a chain-of-custody hand-over (from, to, time, temperature); 409 when earlier than the previous one',
        tags: ['manufacturing'],
        params: OrderParams,
        body: CustodyEventCreateSchema,
        response: { 201: ManufacturingOrderViewSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await manufacturing.addCustodyEvent(db, actorOf(authOf(req)), req.params.orderId, req.body, today()))
  );

  app.post(
    '/manufacturing-orders/:orderId/receipt',
    {
      config: { access: MANUFACTURING_WRITERS },
      schema: {
        summary:
          "Receive the final product: its CoI must be the order's (409 otherwise); registers the product as stored and checks the dose against the label",
        tags: ['manufacturing'],
        params: OrderParams,
        body: ManufacturingReceiptSchema,
        response: { 201: ManufacturingOrderViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await manufacturing.receiveProduct(db, actorOf(authOf(req)), req.params.orderId, req.body, {
          now: now(),
          today: today(),
        })
      )
  );
}
