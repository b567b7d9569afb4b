import { describe, expect, it } from 'vitest';
import { alloRecord, carTRecord, DAY_ZERO } from '../testing/registryFixtures';
import { completenessOf } from './completeness';
import { type EpisodeRecord, reportTimepoints, timepointOf } from './episodeRecord';

const missing = (r: EpisodeRecord, key: string) => {
  const t = timepointOf(r.episode.type, DAY_ZERO, key);
  if (!t) throw new Error(key);
  return completenessOf(r, t).missing.map((m) => m.item);
};

describe('registry report completeness', () => {
  it('a complete allogeneic record misses nothing at Pre-TED, day 100 and MED-A', () => {
    expect(missing(alloRecord(), 'cibmtr-2400')).toEqual([]);
    expect(missing(alloRecord(), 'cibmtr-2450-d100')).toEqual([]);
    expect(missing(alloRecord(), 'ebmt-registration-d100')).toEqual([]);
  });

  it('names each missing item with the page where it is entered', () => {
    const r = alloRecord({ donor: null, conditioning: null, infusions: [], neutrophil: null, grades: [], events: [] });
    const t = timepointOf('allogeneic-hct', DAY_ZERO, 'ebmt-registration-d100');
    const items = t ? completenessOf(r, t).missing : [];
    expect(items.map((m) => [m.item, m.link])).toEqual([
      ['infusion', `/episodes/${r.episode.id}/bedside`],
      ['donor', `/episodes/${r.episode.id}/cells`],
      ['conditioning', `/episodes/${r.episode.id}/conditioning`],
      ['survival', `/patients/${r.patient.id}?tab=monitoring&episode=${r.episode.id}#record-follow-up-event`],
      ['engraftment.neutrophil', `/patients/${r.patient.id}?tab=monitoring&episode=${r.episode.id}#add-result`],
      ['gvhd.acute', `/patients/${r.patient.id}?tab=monitoring&episode=${r.episode.id}#gvhd-assessment`],
    ]);
  });

  it('survival needs a contact on or after the previous timepoint: 6 months (day 180) needs one from day 100', () => {
    const contact = (on: string) =>
      missing(
        alloRecord({ events: [{ kind: 'last-contact', occurredOn: on, causeOfDeath: null }] }),
        'cibmtr-2450-d180'
      );
    expect(contact('2026-04-19')).toEqual(['survival']); // day 99
    expect(contact('2026-04-20')).toEqual([]); // day 100
  });

  it('a death before the timepoint answers survival whenever it happened', () => {
    expect(
      missing(
        alloRecord({ events: [{ kind: 'death', occurredOn: '2026-02-01', causeOfDeath: 'infection' }] }),
        'cibmtr-2450-d365'
      )
    ).toEqual([]);
  });

  it('CAR-T day 100 needs CRS/ICANS assessments, not engraftment or GVHD', () => {
    expect(missing(carTRecord(), 'cibmtr-4100-d100')).toEqual([]);
    expect(missing(carTRecord({ grades: [] }), 'cibmtr-4100-d100')).toEqual(['crs']);
    expect(missing(carTRecord(), 'cibmtr-4000')).toEqual([]);
  });

  it('each registry timepoint covers the interval since the previous one of the same registry', () => {
    const ts = reportTimepoints('allogeneic-hct', DAY_ZERO);
    const of = (key: string) => ts.find((t) => t.key === key);
    expect(of('cibmtr-2400')).toMatchObject({ form: '2400', day: 0, fromDay: 0 });
    expect(of('cibmtr-2450-d100')).toMatchObject({ form: '2450', fromDay: 0 });
    expect(of('cibmtr-2450-d180')).toMatchObject({ fromDay: 100 });
    expect(of('cibmtr-2450-d365')).toMatchObject({ fromDay: 180 });
    expect(of('ebmt-registration-d100')).toMatchObject({ form: 'MED-A', fromDay: 0 });
    expect(of('ebmt-followup-y1')).toMatchObject({ form: 'MED-A-FU', fromDay: 100 });
  });
});
