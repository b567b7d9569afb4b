import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../hla/src/testing/sharedData';
import { runCli } from './runCli';

// py-ard's functions beyond reduce/expand/validate, through the real `engraft` binary.
const imgt = sharedData('imgt/3.58.0');
const macFile = sharedData('mac/atlas-LargeMacDictionary.csv');
const data = ['--imgt-dir', imgt, '--mac-file', macFile];

// Each run spawns a process that loads a release; on a loaded machine that takes seconds.
describe('engraft hla mac-encode, serology, cwd, DRB3/4/5 check, --ignore-suffixes', { timeout: 60_000 }, () => {
  it('mac-encode writes the MAC, NONE, or an ERROR line', async () => {
    const run = await runCli(
      ['hla', 'mac-encode', ...data],
      'A*01:01/A*01:02\nA*01:02/A*01:04N/A*01:09\nA*01:01/B*08:01\n'
    );
    expect(run.stdout).toBe(
      'A*01:01/A*01:02\tA*01:AB\n' +
        'A*01:02/A*01:04N/A*01:09\tNONE\n' +
        'A*01:01/B*08:01\tERROR\tB*08:01: a MAC covers one locus; the list starts with A\n'
    );
  });

  it('serology prints XX codes and the broad/split/associated family', async () => {
    const run = await runCli(['hla', 'serology', '--imgt-dir', imgt, 'A24', 'A9', 'A99'], '');
    expect(run.stdout).toBe(
      'A24\tA*24:XX\tbroad A9\tsplits -\tsiblings A23\tassociated A2403\n' +
        'A9\tA*23:XX/A*24:XX\tbroad -\tsplits A23/A24\tsiblings -\tassociated -\n' +
        'A99\tERROR\tA99 is not a serological antigen of IMGT/HLA 3.58.0\n'
    );
  });

  it('cwd reduces against CWD2.csv and reports lists without a CWD member', async () => {
    const run = await runCli(
      ['hla', 'cwd', ...data, '--cwd-file', sharedData('ciwd/CWD2.csv')],
      'A*01:01/A*01:07/A*01:09\nA*01:07/A*01:08+A*01:01\n'
    );
    expect(run.stdout).toBe(
      'A*01:01/A*01:07/A*01:09\tA*01:01/A*01:09\n' +
        'A*01:07/A*01:08+A*01:01\tA*01:01+A*01:07/A*01:08\twithout CWD A*01:07/A*01:08\n'
    );
  });

  it('drbx says whether DRB3/4/5 agree with DRB1, passing DRBX*NNNN placeholders with --ignore-suffixes', async () => {
    const input =
      'DRB1*03:01+DRB1*04:01^DRB3*01:01^DRB4*01:03\n' +
      'DRB1*01:01+DRB1*15:01^DRB5*01:01^DRB4*01:01\n' +
      'DRB1*01:01+DRB1*15:01^DRB5*01:01+DRBX*NNNN\n';
    const run = await runCli(['hla', 'drbx', ...data, '--ignore-suffixes', 'NNNN,UUUU'], input);
    expect(run.stdout.split('\n')).toEqual([
      'DRB1*03:01+DRB1*04:01^DRB3*01:01^DRB4*01:03\tagrees\tDRB3*01:01+DRB4*01:03',
      'DRB1*01:01+DRB1*15:01^DRB5*01:01^DRB4*01:01\tdisagrees\tDRB5*01:01+DRBX*NNNN\t' +
        'DRB4 typed (DRB4*01:01) but neither DRB1 allele is of a DR group that carries DRB4',
      'DRB1*01:01+DRB1*15:01^DRB5*01:01+DRBX*NNNN\tagrees\tDRB5*01:01+DRBX*NNNN',
      '',
    ]);
  });

  it('--ignore-suffixes passes placeholders through that strict reduction refuses', async () => {
    const strict = await runCli(['hla', 'reduce', '--to', 'lgx', ...data], 'DRBX*NNNN\n');
    expect(strict.stdout).toMatch(/^DRBX\*NNNN\tERROR\t/);
    const ignored = await runCli(['hla', 'reduce', '--to', 'G', ...data, '--ignore-suffixes', 'NNNN'], 'DRBX*NNNN\n');
    expect(ignored.stdout).toBe('DRBX*NNNN\tDRBX*NNNN\n');
  });
});

describe('engraft hla hml FILE', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'engraft-hml-'));
  const file = join(dir, 'lab.hml');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1" version="1.0.1">
  <sample id="DNR-1">
    <typing gene-family="HLA" date="2025-03-01">
      <allele-assignment allele-db="IPD-IMGT/HLA" allele-version="3.58.0">
        <glstring>HLA-A*01:01:01:01+HLA-A*02:01:01:01</glstring>
        <haploid locus="HLA-DRB1" method="DNA" type="15:01"/><haploid locus="HLA-DRB1" method="DNA" type="04:01"/>
      </allele-assignment>
      <typing-method><sbt-ngs locus="HLA-A" test-id="T" test-id-source="GTR"/></typing-method>
    </typing>
  </sample>
</hml>
`
  );

  it('prints sampleId%GL lines, and JSON with --json', async () => {
    const run = await runCli(['hla', 'hml', file, '--imgt-dir', imgt], '');
    expect(run.stdout).toBe('DNR-1%A*01:01:01:01+A*02:01:01:01^DRB1*15:01+DRB1*04:01\n');
    const json = await runCli(['hla', 'hml', file, '--imgt-dir', imgt, '--json'], '');
    const doc = JSON.parse(json.stdout) as { samples: { loci: { method: string; release: string }[] }[] };
    expect(doc.samples[0]?.loci.map((l) => [l.method, l.release])).toEqual([
      ['sbt-ngs', '3.58.0'],
      ['sbt-ngs', '3.58.0'],
    ]);
  });

  it('fails with the line and element of a bad file', async () => {
    const bad = join(dir, 'bad.hml');
    writeFileSync(
      bad,
      '<hml version="1.0.1">\n<sample id="X">\n<typing gene-family="HLA">\n</typing>\n</sample>\n</hml>\n'
    );
    const run = await runCli(['hla', 'hml', bad, '--imgt-dir', imgt], '');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${bad}: HML line 3, <hml/sample[1]/typing[1]>: typing has no <typing-method>\n`);
  });
});
