import { describe, expect, it } from 'vitest';
import { createHlaEngine } from '../engine';
import { loadImgtRelease } from '../imgt/loadRelease';
import { sharedData } from '../testing/sharedData';
import { HmlError } from './hmlError';
import { parseHml } from './parseHml';

// HML written by hand after the NMDP HML 1.0.1 schema (hml-1.0.1.xsd): root, sample, typing,
// allele-assignment with glstring or haploid, typing-method.
const NS = 'http://schemas.nmdp.org/spec/hml/1.0.1';
const good = `<?xml version="1.0" encoding="UTF-8"?>
<hml xmlns="${NS}" version="1.0.1" project-name="LAB">
  <hmlid root="2.999.1.42" extension="hml-000123"/>
  <reporting-center reporting-center-id="789"/>
  <sample id="PAT-0001" center-code="789">
    <typing gene-family="HLA" date="2025-03-01">
      <allele-assignment date="2025-03-02" allele-db="IPD-IMGT/HLA" allele-version="3.44.0">
        <glstring>HLA-A*01:01:01:01+HLA-A*02:01:01:01</glstring>
      </allele-assignment>
      <typing-method><sbt-ngs locus="HLA-A" test-id="GTR000000000.1" test-id-source="GTR"/></typing-method>
    </typing>
    <typing gene-family="HLA" date="2025-03-01">
      <allele-assignment date="2025-03-02" allele-db="IPD-IMGT/HLA" allele-version="3.44.0">
        <haploid locus="HLA-DRB1" method="DNA" type="15:01"/><haploid locus="HLA-DRB1" method="DNA" type="04:01/04:AB"/>
      </allele-assignment>
      <typing-method><sso locus="HLA-DRB1" test-id="KIT-DRB1-01" test-id-source="NMDP" scores="1181"/></typing-method>
    </typing>
    <typing gene-family="KIR" date="2025-03-01">
      <allele-assignment allele-db="IPD-KIR" allele-version="2.7.0"><glstring>KIR2DL1*001</glstring></allele-assignment>
      <typing-method><sbt-ngs locus="KIR2DL1" test-id="X" test-id-source="GTR"/></typing-method>
    </typing>
  </sample>
  <sample id="PAT-0002">
    <typing gene-family="HLA" date="2025-04-01">
      <allele-assignment allele-db="IPD-IMGT/HLA" allele-version="3.58.0">
        <glstring>B*08:01+B*44:02^C*07:01+C*05:01</glstring>
      </allele-assignment>
      <typing-method><ssp locus="HLA-B" test-id="SSP-1" test-id-source="NMDP"/></typing-method>
    </typing>
    <typing gene-family="HLA">
      <allele-assignment allele-version="3.58.0"><haploid locus="HLA-A" method="SER" type="2"/></allele-assignment>
      <typing-method><sso locus="HLA-A" test-id="S" test-id-source="NMDP"/></typing-method>
    </typing>
  </sample>
</hml>
`;

function errorOf(text: string, engine?: Parameters<typeof parseHml>[1]): HmlError {
  try {
    parseHml(text, engine);
  } catch (err) {
    if (err instanceof HmlError) return err;
    throw err;
  }
  throw new Error('expected an HmlError');
}

describe('HML 1.0.1 import', () => {
  it('reads samples, per-locus GL strings, methods and releases', () => {
    const doc = parseHml(good);
    expect(doc.version).toBe('1.0.1');
    expect(doc.namespace).toBe(NS);
    expect(doc.samples.map((s) => [s.id, s.line, s.gl])).toEqual([
      ['PAT-0001', 5, 'A*01:01:01:01+A*02:01:01:01^DRB1*15:01+DRB1*04:01/DRB1*04:AB'],
      ['PAT-0002', 23, 'A2^B*08:01+B*44:02^C*07:01+C*05:01'],
    ]);
    expect(doc.samples[0]?.loci[0]).toEqual({
      locus: 'A',
      gl: 'A*01:01:01:01+A*02:01:01:01',
      method: 'sbt-ngs',
      release: '3.44.0',
      alleleDb: 'IPD-IMGT/HLA',
      date: '2025-03-01',
      line: 8,
    });
    expect(doc.samples[0]?.loci[1]?.method).toBe('sso');
    expect(doc.samples[1]?.loci.map((l) => [l.locus, l.method, l.release, l.date])).toEqual([
      ['A', 'sso', '3.58.0', undefined],
      ['B', 'ssp', '3.58.0', '2025-04-01'],
      ['C', 'ssp', '3.58.0', '2025-04-01'],
    ]);
  });

  it('reads the 1.0.2 namespace and namespace prefixes', () => {
    const v102 = good.replace(
      `xmlns="${NS}" version="1.0.1"`,
      'xmlns="http://schemas.nmdp.org/spec/hml/1.0" version="1.0.2"'
    );
    expect(parseHml(v102).samples).toHaveLength(2);
    const prefixed = good
      .replace(`<hml xmlns="${NS}"`, `<h:hml xmlns:h="${NS}"`)
      .replace('</hml>', '</h:hml>')
      .replace(/<(\/?)sample\b/g, '<$1h:sample');
    expect(parseHml(prefixed).samples[1]?.id).toBe('PAT-0002');
  });

  it.each([
    ['not XML', 'A*01:01+A*02:01', 1, '', /not well-formed XML/],
    ['an empty file', '  \n', 1, '', /empty, not XML/],
    ['unclosed tags', good.replace('</typing>\n  </sample>', '</typing>\n'), 0, '', /not well-formed XML/],
    [
      'a wrong root',
      `<?xml version="1.0"?>\n<patients><sample id="x"/></patients>`,
      2,
      'patients',
      /root element is <patients>, not <hml>/,
    ],
    [
      'a foreign namespace',
      good.replace(NS, 'urn:other'),
      2,
      'hml',
      /namespace urn:other is not an HML 1.0.x namespace/,
    ],
    [
      'a missing sample id',
      good.replace('<sample id="PAT-0002">', '<sample>'),
      23,
      'hml/sample[2]',
      /sample has no id attribute/,
    ],
    ['a duplicate sample id', good.replace('PAT-0002', 'PAT-0001'), 23, 'hml/sample[2]', /already used on line 5/],
    [
      'an empty glstring',
      good.replace('B*08:01+B*44:02^C*07:01+C*05:01', ' '),
      26,
      'hml/sample[2]/typing[1]/allele-assignment[1]/glstring[1]',
      /glstring is empty/,
    ],
    [
      'an unknown locus',
      good.replace('B*08:01+B*44:02^', 'QQ*01:01+QQ*01:02^'),
      26,
      'hml/sample[2]/typing[1]/allele-assignment[1]/glstring[1]',
      /unknown HLA locus 'QQ'/,
    ],
    [
      'an invalid allele name',
      good.replace('HLA-A*02:01:01:01', 'HLA-A*02;01'),
      8,
      'hml/sample[1]/typing[1]/allele-assignment[1]/glstring[1]',
      /GL string .*character ';'/,
    ],
    [
      'a malformed name',
      good.replace('type="15:01"', 'type="15:0x1"'),
      14,
      'hml/sample[1]/typing[2]/allele-assignment[1]/haploid[1]',
      /invalid allele name: DRB1\*15:0x1/,
    ],
    [
      'a missing typing-method',
      good.replace(/<typing-method><ssp[^\n]*\n/, ''),
      24,
      'hml/sample[2]/typing[1]',
      /no <typing-method>/,
    ],
    [
      'an unknown method',
      good.replace('<ssp locus', '<pcr locus').replace('</ssp>', ''),
      28,
      'hml/sample[2]/typing[1]/typing-method[1]',
      /holds pcr, not one of sbt-ngs/,
    ],
    [
      'a locus typed twice',
      good.replace('haploid locus="HLA-A" method="SER"', 'haploid locus="HLA-B" method="SER"'),
      31,
      'hml/sample[2]/typing[2]/allele-assignment[1]/haploid[1]',
      /locus B of sample 'PAT-0002' is already typed on line 26/,
    ],
    [
      'a DOCTYPE',
      `<?xml version="1.0"?>\n<!DOCTYPE hml [<!ENTITY a "aaaa">]>\n<hml/>`,
      2,
      '',
      /DOCTYPE declarations are not allowed/,
    ],
  ])('refuses %s, naming line and element', (_what, text, line, element, message) => {
    const err = errorOf(text);
    if (line > 0) expect(err.line).toBe(line);
    expect(err.element).toBe(element);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^HML line \d+/);
  });

  it('validates names against a release when given an engine', () => {
    const engine = createHlaEngine({ release: loadImgtRelease(sharedData('imgt/3.58.0')) });
    const err = errorOf(good.replace('HLA-A*02:01:01:01', 'HLA-A*99:01:01:01'), { engine });
    expect([err.line, err.element]).toEqual([8, 'hml/sample[1]/typing[1]/allele-assignment[1]/glstring[1]']);
    expect(err.message).toMatch(/invalid typing 'A\*01:01:01:01\+A\*99:01:01:01': .*A\*99/);
  });
});
