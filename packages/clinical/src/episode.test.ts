import { describe, expect, it } from 'vitest';
import { agvhdMaxima, summarizeGradeEpisode } from './episode';

describe('toxicity episode summary', () => {
  it('onset, first date of the maximum grade and resolution (unsorted input)', () => {
    const r = summarizeGradeEpisode({
      assessments: [
        { date: '2026-01-05', grade: 3 },
        { date: '2026-01-03', grade: 1 },
        { date: '2026-01-02', grade: 0 },
        { date: '2026-01-04', grade: 2 },
        { date: '2026-01-06', grade: 3 },
        { date: '2026-01-07', grade: 1 },
        { date: '2026-01-08', grade: 0 },
        { date: '2026-01-09', grade: 0 },
      ],
    });
    expect(r).toMatchObject({
      onsetDate: '2026-01-03',
      maxGrade: 3,
      maxGradeDate: '2026-01-05',
      resolutionDate: '2026-01-08',
      ongoing: false,
    });
  });
  it('ongoing when the last assessment is still positive; recurrence moves resolution', () => {
    expect(summarizeGradeEpisode({ assessments: [{ date: '2026-01-03', grade: 2 }] })).toMatchObject({
      ongoing: true,
      resolutionDate: null,
    });
    const r = summarizeGradeEpisode({
      assessments: [
        { date: '2026-01-03', grade: 2 },
        { date: '2026-01-04', grade: 0 },
        { date: '2026-01-05', grade: 1 },
        { date: '2026-01-06', grade: 0 },
      ],
    });
    expect(r.resolutionDate).toBe('2026-01-06');
    expect(summarizeGradeEpisode({ assessments: [] })).toMatchObject({ onsetDate: null, maxGrade: 0, ongoing: false });
  });
  it('acute GVHD maxima per organ', () => {
    const r = agvhdMaxima({
      assessments: [
        { date: '2026-02-01', stages: { skin: 3, liver: 0, upperGi: 1, lowerGi: 0 }, grade: 2 },
        { date: '2026-02-08', stages: { skin: 1, liver: 2, upperGi: 0, lowerGi: 1 }, grade: 3 },
      ],
    });
    expect(r).toEqual({
      maxGrade: 3,
      maxGradeDate: '2026-02-08',
      maxStages: { skin: 3, liver: 2, upperGi: 1, lowerGi: 1 },
    });
  });
});
