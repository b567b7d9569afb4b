import type { DiagnosisCreate, PatientCreate } from '@engraft/domain';
import { patientWithEpisode } from './patientEpisodes';
import type { as } from './testApp';

type Client = ReturnType<typeof as>;

export interface AllogeneicEpisodeInput {
  patient: PatientCreate;
  diagnosis: DiagnosisCreate;
  plannedDayZero: string;
}

/** Registers a patient with one diagnosis and an allogeneic HCT episode through the API; the episode's id. */
export async function allogeneicEpisode(coordinator: Client, input: AllogeneicEpisodeInput): Promise<string> {
  const { patient, diagnosis, plannedDayZero } = input;
  return (
    await patientWithEpisode(coordinator, { patient, diagnosis, episode: { type: 'allogeneic-hct', plannedDayZero } })
  ).episodeId;
}
