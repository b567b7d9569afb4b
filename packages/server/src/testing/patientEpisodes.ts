import type { DiagnosisCreate, EpisodeCreate, EpisodePhase, PatientCreate } from '@engraft/domain';
import type { as } from './testApp';

type Client = ReturnType<typeof as>;
type Answer = Awaited<ReturnType<Client['post']>>;

/** An episode to open for a patient; `phases` are recorded in the order given, each on its date. */
export type EpisodeInput = Omit<EpisodeCreate, 'diagnosisId'> & { phases?: Partial<Record<EpisodePhase, string>> };

export interface PatientWithEpisodesInput<E extends readonly EpisodeInput[]> {
  patient: PatientCreate;
  diagnosis: DiagnosisCreate;
  episodes: E;
}

export interface PatientWithEpisodes<E extends readonly EpisodeInput[]> {
  patientId: string;
  diagnosisId: string;
  /** One per entry of `episodes`, in order. */
  episodeIds: { [K in keyof E]: string };
}

/** The id of what a setup call created; throws with the answer when the API refused it. */
function idOf(res: Answer, what: string): string {
  if (res.statusCode !== 201) throw new Error(`test setup: ${what} refused: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Registers a patient through the API; the patient's id. */
export async function registerPatient(coordinator: Client, patient: PatientCreate): Promise<string> {
  return idOf(await coordinator.post('/api/v1/patients', patient), `patient ${patient.mrn}`);
}

/** Records a diagnosis of a patient through the API; the diagnosis's id. */
export async function addDiagnosis(
  coordinator: Client,
  patientId: string,
  diagnosis: DiagnosisCreate
): Promise<string> {
  return idOf(await coordinator.post(`/api/v1/patients/${patientId}/diagnoses`, diagnosis), 'diagnosis');
}

/** Opens an episode for a patient's diagnosis and moves it through `episode.phases`; the episode's id. */
export async function addEpisode(
  coordinator: Client,
  patientId: string,
  diagnosisId: string,
  episode: EpisodeInput
): Promise<string> {
  const { phases = {}, ...body } = episode;
  const id = idOf(
    await coordinator.post(`/api/v1/patients/${patientId}/episodes`, { ...body, diagnosisId }),
    `${episode.type} episode`
  );
  for (const [phase, date] of Object.entries(phases)) {
    const res = await coordinator.post(`/api/v1/episodes/${id}/phase`, { phase, date });
    if (res.statusCode !== 200) throw new Error(`test setup: phase ${phase} refused: ${res.statusCode} ${res.body}`);
  }
  return id;
}

/** Registers a patient with one diagnosis and one episode per entry of `episodes`, through the API. */
export async function patientWithEpisodes<const E extends readonly EpisodeInput[]>(
  coordinator: Client,
  input: PatientWithEpisodesInput<E>
): Promise<PatientWithEpisodes<E>> {
  const patientId = await registerPatient(coordinator, input.patient);
  const diagnosisId = await addDiagnosis(coordinator, patientId, input.diagnosis);
  const episodeIds: string[] = [];
  for (const episode of input.episodes) episodeIds.push(await addEpisode(coordinator, patientId, diagnosisId, episode));
  return { patientId, diagnosisId, episodeIds: episodeIds as { [K in keyof E]: string } };
}

/** Registers a patient with one diagnosis and one episode through the API; the patient's and the episode's ids. */
export async function patientWithEpisode(
  coordinator: Client,
  input: { patient: PatientCreate; diagnosis: DiagnosisCreate; episode: EpisodeInput }
): Promise<{ patientId: string; episodeId: string }> {
  const { patientId, episodeIds } = await patientWithEpisodes(coordinator, { ...input, episodes: [input.episode] });
  return { patientId, episodeId: episodeIds[0] };
}
