import { gradeAgvhdMagic, gradeCrs, gradeIcans, scoreIce } from '@engraft/clinical';
import type { AgvhdResult, CrsIcansResult } from '@engraft/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/renderPage';
import { API, http, HttpResponse, problem, server } from '../../testing/server';
import { AgvhdForm, CrsIcansForm } from './assessmentForms';
import { emptyIce } from './assessmentFields';
import { EPISODE_ID, PATIENT_ID } from './testFixtures';

const url = `/patients/${PATIENT_ID}`;
const TODAY = '2026-12-06';
const DAY_ZERO = '2026-08-08';
const crsUrl = `${API}/episodes/${EPISODE_ID}/assessments/crs-icans`;
const agvhdUrl = `${API}/episodes/${EPISODE_ID}/assessments/agvhd`;
const ID = '7a000000-0000-4000-8000-0000000000f9';

// The answers are graded by the published rules themselves (ASTCT 2019; MAGIC 2016), as the server does.
const crsAnswer = (body: { crs: Parameters<typeof gradeCrs>[0]; assessedOn: string }): CrsIcansResult => {
  const ice = scoreIce(emptyIce(true));
  return {
    id: ID,
    assessedOn: body.assessedOn,
    crs: gradeCrs(body.crs),
    ice,
    icans: gradeIcans({
      ageYears: 40,
      ice: ice.score,
      capd: null,
      consciousness: 'normal',
      seizure: 'none',
      motor: 'none',
      cerebralEdema: 'none',
    }),
  };
};

const openCrs = async (feverMasked = false) => {
  const onSaved = vi.fn();
  await renderPage(
    <CrsIcansForm
      episodeId={EPISODE_ID}
      today={TODAY}
      dayZero={DAY_ZERO}
      feverMasked={feverMasked}
      onSaved={onSaved}
    />,
    { url, roles: ['nurse'] }
  );
  return { form: screen.getByRole('form', { name: 'Daily CRS and ICANS assessment' }), onSaved };
};
const masked = (form: HTMLElement) => within(form).getByRole<HTMLInputElement>('checkbox', { name: /^Fever masked/ });
const temperature = (form: HTMLElement) => within(form).getByLabelText<HTMLInputElement>('Highest temperature (°C)');

describe('Daily CRS/ICANS assessment form', () => {
  it('starts on today with its day, nothing abnormal, the ICE not scored, and fever masked as the episode says', async () => {
    const { form } = await openCrs(true);
    const date = within(form).getByLabelText<HTMLInputElement>('Assessment date');
    expect(date.value).toBe(TODAY);
    expect(form.textContent).toContain('6 Dec 2026 = D+120'); // spelled out: the input may read 12/06/2026
    expect(temperature(form).value).toBe('');
    expect(masked(form).checked).toBe(true);
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: /Blood pressure/ }).value).toBe('none');
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: /Oxygen support/ }).value).toBe('none');
    expect(within(form).getByTestId('ice-live').textContent).toBe('ICE score: not scored yet');
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Tocilizumab' }).checked).toBe(false);
  });

  it('refuses, before sending, an unscored ICE and a temperature outside 30–45 °C', async () => {
    // no handler: a request would fail the test
    const { form, onSaved } = await openCrs();
    await userEvent.type(temperature(form), '46');
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/^Score the ICE items/);
    expect(within(form).getByText('Temperature must be between 30 and 45 °C')).toBeTruthy();
    expect(temperature(form).getAttribute('aria-invalid')).toBe('true');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends the assessment with the CSRF header, shows the grades the server answered and masks later fever', async () => {
    let sent: unknown = null;
    let csrf: string | null = null;
    server.use(
      http.post(crsUrl, async ({ request }) => {
        const body = (await request.json()) as Parameters<typeof crsAnswer>[0];
        sent = body;
        csrf = request.headers.get('x-csrf-token');
        return HttpResponse.json(crsAnswer(body), { status: 201 });
      })
    );
    const { form, onSaved } = await openCrs();
    await userEvent.type(temperature(form), '38.6');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /Blood pressure/ }), 'no-vasopressor');
    await userEvent.click(within(form).getByRole('button', { name: 'All 10 correct' }));
    expect(within(form).getByTestId('ice-live').textContent).toBe('ICE score: 10/10');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Tocilizumab' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    const result = await within(form).findByTestId('crs-icans-result');
    expect(result.textContent).toContain('Saved for D+120 (2026-12-06)');
    expect(result.textContent).toContain('CRS');
    expect(sent).toEqual({
      assessedOn: TODAY,
      crs: { maxTempC: 38.6, feverMaskedByTreatment: false, hypotension: 'no-vasopressor', oxygen: 'none' },
      ice: emptyIce(true),
      capd: null,
      consciousness: 'normal',
      seizure: 'none',
      motor: 'none',
      cerebralEdema: 'none',
      tocilizumab: true,
      steroids: false,
    });
    expect(csrf).toBe('test-csrf-token');
    expect(await screen.findByText('D+120: CRS grade 2, ICANS grade 0')).toBeTruthy();
    expect(onSaved).toHaveBeenCalledTimes(1);
    // tocilizumab given: a later fever no longer has to be present to grade CRS
    expect(masked(form).checked).toBe(true);
  });

  it('shows the server’s refusal at the field it names, with its detail', async () => {
    server.use(
      http.post(crsUrl, () =>
        problem(400, 'crs.maxTempC: temperature must be a number in °C', [
          { path: 'maxTempC', message: 'temperature must be a number in °C' },
        ])
      )
    );
    const { form, onSaved } = await openCrs();
    await userEvent.type(temperature(form), '38,6');
    await userEvent.click(within(form).getByRole('button', { name: 'All 10 correct' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    expect(await within(form).findByText('Temperature must be a number in °C')).toBeTruthy();
    expect(temperature(form).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toBe('crs.maxTempC: temperature must be a number in °C');
    expect(within(form).queryByTestId('crs-icans-result')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });
});

const openAgvhd = async (bilirubin: number | null) => {
  const onSaved = vi.fn();
  await renderPage(
    <AgvhdForm episodeId={EPISODE_ID} today={TODAY} dayZero={DAY_ZERO} bilirubin={bilirubin} onSaved={onSaved} />,
    { url, roles: ['physician'] }
  );
  return { form: screen.getByRole('form', { name: 'Acute GVHD assessment' }), onSaved };
};
const rash = (form: HTMLElement) => within(form).getByLabelText<HTMLInputElement>('Active rash, % body surface');
const bili = (form: HTMLElement) => within(form).getByLabelText<HTMLInputElement>('Total bilirubin (mg/dL)');

describe('Acute GVHD assessment form', () => {
  it('starts on today with no rash and the latest bilirubin prefilled, saying where it comes from', async () => {
    const { form } = await openAgvhd(2.5);
    expect(within(form).getByLabelText<HTMLInputElement>('Assessment date').value).toBe(TODAY);
    expect(rash(form).value).toBe('0');
    expect(bili(form).value).toBe('2.5');
    expect(within(form).getByText('Bilirubin pre-filled with the latest result (2.5 mg/dL).')).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Stool output (mL/day)').value).toBe('');
  });

  it('refuses, before sending, an assessment without a bilirubin', async () => {
    // no handler: a request would fail the test
    const { form, onSaved } = await openAgvhd(null);
    expect(within(form).queryByText(/Bilirubin pre-filled/)).toBeNull();
    expect(bili(form).value).toBe('');
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    await waitFor(() => expect(bili(form).getAttribute('aria-invalid')).toBe('true'));
    expect(rash(form).getAttribute('aria-invalid')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends the organ data with the CSRF header and shows the stages and grade the server answered', async () => {
    let sent: { assessedOn: string; organs: Parameters<typeof gradeAgvhdMagic>[0] } | null = null;
    let csrf: string | null = null;
    server.use(
      http.post(agvhdUrl, async ({ request }) => {
        const body = (await request.json()) as NonNullable<typeof sent>;
        sent = body;
        csrf = request.headers.get('x-csrf-token');
        const answer: AgvhdResult = { id: ID, assessedOn: body.assessedOn, ...gradeAgvhdMagic(body.organs) };
        return HttpResponse.json(answer, { status: 201 });
      })
    );
    const { form, onSaved } = await openAgvhd(2.5);
    await userEvent.clear(rash(form));
    await userEvent.type(rash(form), '30');
    await userEvent.type(within(form).getByLabelText('Stool output (mL/day)'), '600');
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    const result = await within(form).findByTestId('agvhd-result');
    expect(sent).toEqual({
      assessedOn: TODAY,
      organs: {
        skinRashBsaPercent: 30,
        skinBullae: false,
        bilirubinMgDl: 2.5,
        upperGi: false,
        pediatric: false,
        stoolMlPerDay: 600,
        stoolMlPerKgPerDay: null,
        stoolEpisodesPerDay: null,
        severePainOrIleus: false,
        grossBleeding: false,
      },
    });
    expect(csrf).toBe('test-csrf-token');
    const expected = gradeAgvhdMagic(sent!.organs);
    const skin = within(result).getByRole('rowheader', { name: 'Skin' }).closest('tr')!;
    expect(skin.textContent).toContain(`stage ${expected.stages.skin}`);
    expect(result.textContent).toContain(expected.explanation);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s refusal at the organ field it names', async () => {
    server.use(
      http.post(agvhdUrl, () =>
        problem(400, 'organs.skinRashBsaPercent: the rash cannot cover more than 100% of the body', [
          { path: 'organs.skinRashBsaPercent', message: 'the rash cannot cover more than 100% of the body' },
        ])
      )
    );
    const { form, onSaved } = await openAgvhd(1);
    await userEvent.clear(rash(form));
    await userEvent.type(rash(form), '99');
    await userEvent.click(within(form).getByRole('button', { name: 'Save assessment and grade' }));
    expect(await within(form).findByText('The rash cannot cover more than 100% of the body')).toBeTruthy();
    expect(rash(form).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toContain('organs.skinRashBsaPercent');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
