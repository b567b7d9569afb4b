import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getClinicalRule } from '@engraft/clinical';
import { clinicalRulesHelp, processClinicalLine, runClinicalStream } from './clinical';

const rule = (name: string): NonNullable<ReturnType<typeof getClinicalRule>> => getClinicalRule(name)!;
const line = (name: string, input: unknown, opts = {}): unknown =>
  JSON.parse(processClinicalLine(rule(name), JSON.stringify(input), opts));

describe('engraft clinical: contract shapes (issue 4)', () => {
  it('crs -> {grade}', () => {
    expect(
      line('crs', { maxTempC: 38.5, feverMaskedByTreatment: false, hypotension: 'one-vasopressor', oxygen: 'low-flow' })
    ).toEqual({ grade: 3 });
  });
  it('icans -> {grade}', () => {
    const input = {
      ageYears: 40,
      ice: 3,
      capd: null,
      consciousness: 'normal',
      seizure: 'self-limiting',
      motor: 'none',
      cerebralEdema: 'none',
    };
    expect(line('icans', input)).toEqual({ grade: 3 });
  });
  it('agvhd -> {stages, grade}', () => {
    const input = {
      skinRashBsaPercent: 30,
      skinBullae: false,
      bilirubinMgDl: 1,
      upperGi: true,
      pediatric: false,
      stoolMlPerDay: null,
      stoolMlPerKgPerDay: null,
      stoolEpisodesPerDay: null,
      severePainOrIleus: false,
      grossBleeding: true,
    };
    expect(line('agvhd', input)).toEqual({ stages: { skin: 2, liver: 0, upperGi: 1, lowerGi: 4 }, grade: 4 });
  });
  it('cgvhd -> {severity}', () => {
    expect(line('cgvhd', { skin: 1, mouth: 1, eyes: 0, gi: 0, liver: 0, lungs: 0, joints: 0, genital: null })).toEqual({
      severity: 'mild',
    });
  });
  it('engraftment -> {neutrophil, platelet}', () => {
    const input = {
      infusionDate: '2026-01-01',
      anc: [
        { date: '2026-01-05', value: 0.1 },
        { date: '2026-01-15', value: 0.6 },
        { date: '2026-01-16', value: 0.7 },
        { date: '2026-01-17', value: 1.1 },
      ],
      platelets: [{ date: '2026-01-05', value: 9 }],
      plateletTransfusions: ['2026-01-06'],
    };
    expect(line('engraftment', input)).toEqual({ neutrophil: { date: '2026-01-15', day: 14 }, platelet: null });
  });
  it('isbt-din -> {valid, checkCharacter}', () => {
    expect(line('isbt-din', { din: 'G123498654321' })).toEqual({ valid: true, checkCharacter: 'H' });
  });
  it('bsa -> {bsaM2}', () => {
    const r = line('bsa', { heightCm: 170, weightKg: 70, formula: 'mosteller' }) as { bsaM2: number };
    expect(Object.keys(r)).toEqual(['bsaM2']);
    expect(r.bsaM2).toBeCloseTo(1.818, 3);
  });
  it('--explain adds the explanation and rule id', () => {
    const r = line(
      'crs',
      { maxTempC: 38.5, feverMaskedByTreatment: false, hypotension: 'one-vasopressor', oxygen: 'none' },
      { explain: true }
    );
    expect(r).toEqual({ grade: 3, ruleId: 'astct-2019-crs@1', explanation: 'grade 3: one vasopressor' });
  });
  it('applies rule options', () => {
    expect(line('chimerism', { donorPercent: 85 }, { explain: true, options: { scheme: 'cibmtr-80' } })).toMatchObject({
      category: 'full-donor',
    });
    expect(line('chimerism', { donorPercent: 85 }, { options: { scheme: 'nope' } })).toMatchObject({
      path: 'options.scheme',
    });
  });
});

describe('engraft clinical: errors and streaming', () => {
  it('invalid objects yield {error, path}', () => {
    expect(line('crs', { maxTempC: 38, feverMaskedByTreatment: false, hypotension: 'x', oxygen: 'none' })).toEqual({
      error: expect.any(String),
      path: 'hypotension',
    });
    expect(
      line('engraftment', {
        infusionDate: '2026-01-01',
        anc: [{ date: '2026-02-30', value: 1 }],
        platelets: [],
        plateletTransfusions: [],
      })
    ).toEqual({
      error: 'not a calendar date',
      path: 'anc.0.date',
    });
    expect(JSON.parse(processClinicalLine(rule('crs'), '{oops'))).toEqual({
      error: expect.stringMatching(/^invalid JSON/),
      path: '',
    });
    expect(line('crs', [])).toEqual({ error: expect.any(String), path: '' });
  });
  it('streams one result per line and continues after errors', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const lines = ['{"din":"G123498654321"}', 'bad', '', '{"din":"A999921123456"}', '{"din":5}'];
    await runClinicalStream(rule('isbt-din'), Readable.from(lines.join('\n')), out);
    const results = chunks
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results).toHaveLength(4);
    expect(results[0]).toEqual({ valid: true, checkCharacter: 'H' });
    expect(results[1]).toHaveProperty('error');
    expect(results[2]).toEqual({ valid: true, checkCharacter: '3' });
    expect(results[3]).toMatchObject({ path: 'din' });
  });
  it('help lists every rule with its input shape', () => {
    const help = clinicalRulesHelp();
    expect(help).toContain('crs: CRS grade');
    expect(help).toContain('"hypotension":"none"|"no-vasopressor"|"one-vasopressor"|"multiple-vasopressors"');
    expect(help).toContain('bsa:');
  });
});

describe('engraft clinical: the real binary', () => {
  it('reads stdin and writes JSON lines', () => {
    const bin = fileURLToPath(new URL('../../bin/engraft.js', import.meta.url));
    const stdin = [
      '{"heightCm":177.8,"weightKg":110,"formula":"dubois"}',
      '{"heightCm":-1,"weightKg":110,"formula":"dubois"}',
    ].join('\n');
    const r = spawnSync(process.execPath, [bin, 'clinical', 'bsa'], {
      input: stdin,
      encoding: 'utf8',
      env: { ...process.env, ENGRAFT_FROM_SOURCE: '1' },
    });
    expect(r.status).toBe(0);
    const [ok, err] = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok!.bsaM2).toBeCloseTo(2.265, 3);
    expect(err).toMatchObject({ path: 'heightCm' });
  }, 30_000);
});
