import { describe, expect, it } from 'vitest';
import { EngraftError } from '../errors';
import { validatedTyping } from './hlaTypings';

// The one validation path of every stored typing (the patient's and each relative's): what it stores, and what
// it refuses naming the field. Without a loaded release only the GL grammar is checked (typingCheckOf).
const HML = (date: string) => `<?xml version="1.0"?>
<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1" version="1.0.1">
  <sample id="S-7">
    <typing gene-family="HLA" date="${date}">
      <allele-assignment allele-db="IPD-IMGT/HLA" allele-version="3.58.0">
        <glstring>HLA-A*01:01+HLA-A*02:01</glstring>
      </allele-assignment>
      <typing-method><sbt-ngs locus="HLA-A" test-id="T" test-id-source="GTR"/></typing-method>
    </typing>
  </sample>
</hml>
`;

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(EngraftError);
  return err as EngraftError;
};

describe('the one typing validation path', () => {
  it('stores an entered GL string with its lab and date, source "entered"', async () => {
    const t = await validatedTyping({
      kind: 'gl',
      body: { glString: 'A*01:01+A*02:01', lab: 'HLA lab', typingDate: '2026-01-05' },
    });
    expect(t).toEqual({
      glString: 'A*01:01+A*02:01',
      source: 'entered',
      hmlFileName: null,
      hmlSampleId: null,
      lab: 'HLA lab',
      typingDate: '2026-01-05',
      release: null,
      methods: null,
    });
  });

  it('refuses a GL string that does not parse, naming glString', async () => {
    const err = await refusal(validatedTyping({ kind: 'gl', body: { glString: 'A*01:01++' } }));
    expect(JSON.stringify(err)).toContain('glString');
    expect(err.message).toMatch(/not a valid GL string/);
  });

  it('reads one HML sample with its file, sample, date and release', async () => {
    const t = await validatedTyping({ kind: 'hml', upload: { fileName: 'lab.hml', content: HML('2025-03-01') } });
    expect(t).toMatchObject({
      glString: 'A*01:01+A*02:01',
      source: 'hml',
      hmlFileName: 'lab.hml',
      hmlSampleId: 'S-7',
      typingDate: '2025-03-01',
      release: '3.58.0',
    });
  });

  it('refuses an HML typing dated in the future on content, naming file and sample', async () => {
    const err = await refusal(
      validatedTyping({ kind: 'hml', upload: { fileName: 'lab.hml', content: HML('2999-01-01') } })
    );
    expect(err.message).toMatch(/^lab\.hml, sample S-7: /);
    expect(JSON.stringify(err)).toContain('content');
  });
});
