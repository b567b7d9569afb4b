// The episode a care-journey step acts on, and its patient, both in the actor's centre (one definition for the
// services that used to copy it: an episode of another centre is "not found", never "forbidden").
import type { Queryable } from '../db/database';
import { notFound } from '../errors';
import * as episodesRepo from '../repo/episodes';
import * as patientsRepo from '../repo/patients';
import type { CentreActor } from './patients';

export async function requireEpisode(tx: Queryable, actor: CentreActor, episodeId: string) {
  const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
  if (!episode) throw notFound('episode');
  return episode;
}

export async function requireEpisodeAndPatient(tx: Queryable, actor: CentreActor, episodeId: string) {
  const episode = await requireEpisode(tx, actor, episodeId);
  const patient = await patientsRepo.getPatient(tx, actor.centreId, episode.patientId);
  if (!patient) throw notFound('patient');
  return { episode, patient };
}
