import type { as } from './testApp';

type Client = ReturnType<typeof as>;

export interface AllogeneicEpisodeInput {
  patient: { mrn: string; familyName: string; givenName: string; dateOfBirth: string; sex: 'female' | 'male' };
  diagnosis: { disease: string; diagnosisDate: string; status: string };
  plannedDayZero: string;
}

/** Registers a patient with one diagnosis and an allogeneic HCT episode through the API; the episode's id. */
export async function allogeneicEpisode(coordinator: Client, input: AllogeneicEpisodeInput): Promise<string> {
  const patientId = (await coordinator.post('/api/v1/patients', input.patient)).json<{ id: string }>().id;
  const dx = (await coordinator.post(`/api/v1/patients/${patientId}/diagnoses`, input.diagnosis)).json<{
    id: string;
  }>().id;
  return (
    await coordinator.post(`/api/v1/patients/${patientId}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId: dx,
      plannedDayZero: input.plannedDayZero,
    })
  ).json<{ id: string }>().id;
}
