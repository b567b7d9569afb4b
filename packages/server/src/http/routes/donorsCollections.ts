import {
  ALL_ROLES,
  COLLECTION_PRODUCT_REGISTRARS,
  COLLECTION_WRITERS,
  CollectionBagSchema,
  CollectionSchema,
  CollectionCreateSchema,
  CollectionDayCreateSchema,
  CollectionStatusChangeSchema,
  DONOR_WORKUP_WRITERS,
  DonorChooseSchema,
  DonorDetailsSchema,
  DonorSchema,
  EpisodeDonorsSchema,
  ProductSchema,
  DonorStatusChangeSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as collections from '../../services/collections';
import * as donors from '../../services/donors';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const DonorParams = z.object({ donorId: z.uuid('donor id must be a UUID') });
const CollectionParams = z.object({ collectionId: z.uuid('collection id must be a UUID') });
const DayParams = CollectionParams.extend({ dayId: z.uuid('day id must be a UUID') });

// Donor choice and work-up, collections and collection days (issue 7; ADR 0500).
export function registerDonorCollectionRoutes(app: TypedApp): void {
  const { db, today } = app.deps;

  app.get(
    '/episodes/:episodeId/donors',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'The donors or cord units chosen for an episode, with their work-up history (none for autologous episodes: the patient is the source)',
        tags: ['donors'],
        params: EpisodeParams,
        response: { 200: EpisodeDonorsSchema },
      },
    },
    async (req) => ({ ...(await donors.listDonors(db, actorOf(authOf(req)), req.params.episodeId)), today: today() })
  );

  app.post(
    '/episodes/:episodeId/donors',
    {
      config: { access: DONOR_WORKUP_WRITERS },
      schema: {
        summary:
          'Choose a donor for an allogeneic episode: a saved search result, a related donor or a cord unit (at most two)',
        description:
          'The donor starts at "identified" today. 409 for an autologous episode, a donor chosen twice or a third cord unit.',
        tags: ['donors'],
        params: EpisodeParams,
        body: DonorChooseSchema,
        response: { 201: DonorSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await donors.chooseDonor(db, actorOf(authOf(req)), req.params.episodeId, req.body, today(), app.donorRegistry)
        )
  );

  app.post(
    '/donors/:donorId/status',
    {
      config: { access: DONOR_WORKUP_WRITERS },
      schema: {
        summary:
          'Move a donor’s work-up one step (identified → confirmatory typing → work-up → medically cleared → collection scheduled → collected) or cancel it; refused moves answer 409',
        tags: ['donors'],
        params: DonorParams,
        body: DonorStatusChangeSchema,
        response: { 200: DonorSchema },
      },
    },
    async (req) => donors.changeDonorStatus(db, actorOf(authOf(req)), req.params.donorId, req.body)
  );

  app.patch(
    '/donors/:donorId',
    {
      config: { access: DONOR_WORKUP_WRITERS },
      schema: {
        summary: 'Complete a donor’s details: HLA typing, ABO/Rh, CMV, sex, birth date or year, weight',
        tags: ['donors'],
        params: DonorParams,
        body: DonorDetailsSchema,
        response: { 200: DonorSchema },
      },
    },
    async (req) => donors.updateDonorDetails(db, actorOf(authOf(req)), req.params.donorId, req.body, app.donorRegistry)
  );

  app.get(
    '/episodes/:episodeId/collections',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Collections of an episode with their days, bags and cumulative CD34+/kg against the targets',
        tags: ['collections'],
        params: EpisodeParams,
        response: { 200: z.array(CollectionSchema) },
      },
    },
    async (req) => collections.listCollections(db, actorOf(authOf(req)), req.params.episodeId)
  );

  app.post(
    '/episodes/:episodeId/collections',
    {
      config: { access: COLLECTION_WRITERS },
      schema: {
        summary:
          'Plan a collection: bone marrow harvest, apheresis (with mobilisation and CD34+/kg targets), cord unit receipt or leukapheresis',
        description:
          'Apheresis targets default to the ASBMT mobilisation guidelines (Duong et al., Biol Blood Marrow Transplant 2014;20:1262): autologous 2/4, tandem 4/8, allogeneic 2/4/max 8 ×10^6 CD34+/kg.',
        tags: ['collections'],
        params: EpisodeParams,
        body: CollectionCreateSchema,
        response: { 201: CollectionSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await collections.createCollection(db, actorOf(authOf(req)), req.params.episodeId, req.body, today()))
  );

  app.post(
    '/collections/:collectionId/days',
    {
      config: { access: COLLECTION_WRITERS },
      schema: {
        summary:
          'Record a collection day (processed volume, CD34+ and TNC collected) and optionally register its bag as a product',
        description: 'The bag’s DIN is checked (ISBT 128 MOD 37-2): a wrong keyboard check character answers 400.',
        tags: ['collections'],
        params: CollectionParams,
        body: CollectionDayCreateSchema,
        response: { 201: CollectionSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await collections.addCollectionDay(db, actorOf(authOf(req)), req.params.collectionId, req.body, today()))
  );

  app.post(
    '/collections/:collectionId/days/:dayId/product',
    {
      config: { access: COLLECTION_PRODUCT_REGISTRARS },
      schema: {
        summary: 'Register the bag of a recorded collection day as a product (DIN, product code, division)',
        tags: ['collections'],
        params: DayParams,
        body: CollectionBagSchema,
        response: { 201: ProductSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await collections.registerDayProduct(
            db,
            actorOf(authOf(req)),
            req.params.collectionId,
            req.params.dayId,
            req.body
          )
        )
  );

  app.post(
    '/collections/:collectionId/status',
    {
      config: { access: COLLECTION_WRITERS },
      schema: {
        summary: 'Move a collection: planned → in progress → complete | cancelled; refused moves answer 409',
        tags: ['collections'],
        params: CollectionParams,
        body: CollectionStatusChangeSchema,
        response: { 200: CollectionSchema },
      },
    },
    async (req) => collections.changeCollectionStatus(db, actorOf(authOf(req)), req.params.collectionId, req.body)
  );
}
