import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../hla/src/testing/sharedData';
import { runCli } from './hla/runCli';

// The CLI contract of issue 3, exercised through the real `engraft` binary (tsx, TypeScript sources).
const imgt = sharedData('imgt/3.58.0');
const macFile = sharedData('mac/atlas-LargeMacDictionary.csv');

describe('engraft hla (CLI contract)', () => {
  it('reduce writes <input>\\t<result> per line, in order, and ERROR lines without stopping', async () => {
    const input = ['A*01:01:01', 'HLA-C*02:10', 'A*01:AB+B*08:01', 'A*99:99', '', 'B*07:02:01:01'].join('\n') + '\n';
    const run = await runCli(['hla', 'reduce', '--to', 'lgx', '--imgt-dir', imgt, '--mac-file', macFile], input);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'A*01:01:01\tA*01:01',
      'HLA-C*02:10\tHLA-C*02:02',
      'A*01:AB+B*08:01\tA*01:01/A*01:02+B*08:01',
      'A*99:99\tERROR\tA*99:99 is not an allele of IMGT/HLA 3.58.0',
      '\tERROR\tempty typing name',
      'B*07:02:01:01\tB*07:02',
      '',
    ]);
    expect(run.stderr).toBe('');
  });

  it('reduce honours --ars-as-lg, --no-ping and --non-strict', async () => {
    const input = 'A*01:01:01\nDQB1*02:180\nA*24:329\n';
    const run = await runCli(
      ['hla', 'reduce', '--to', 'lg', '--imgt-dir', imgt, '--ars-as-lg', '--no-ping', '--non-strict'],
      input
    );
    expect(run.stdout).toBe('A*01:01:01\tA*01:01ARS\nDQB1*02:180\tDQB1*02:180ARS\nA*24:329\tA*24:329QARS\n');
  });

  it('validate and expand follow the same line contract', async () => {
    const validate = await runCli(
      ['hla', 'validate', '--imgt-dir', imgt, '--mac-file', macFile],
      'A*01:01+B*08:01\nA*01:ZZ\nA*01:01//A*02:01\n'
    );
    expect(validate.stdout).toBe(
      'A*01:01+B*08:01\tvalid\n' +
        'A*01:ZZ\tinvalid\tA*01:ZZ: ZZ is not a MAC code in the loaded dictionary\n' +
        "A*01:01//A*02:01\tinvalid\tempty operand after '/' at position 8 in GL string\n"
    );
    const expand = await runCli(['hla', 'expand', '--imgt-dir', imgt], 'A*01:04N\n');
    expect(expand.stdout).toBe('A*01:04N\tA*01:04:01:01N/A*01:04:01:02N\n');
  });

  it('reduces a name newer than the release as its parent with a warning on stderr, or refuses it', async () => {
    const old = sharedData('imgt/3.44.0');
    const run = await runCli(['hla', 'reduce', '--to', 'lgx', '--imgt-dir', old], 'DRB4*01:03:22\nA*0105N\n');
    expect(run.stdout).toBe('DRB4*01:03:22\tDRB4*01:01\nA*0105N\tA*01:01\n');
    expect(run.stderr.split('\n')).toEqual([
      'warning\tDRB4*01:03:22\tDRB4*01:03:22 is not in IMGT/HLA 3.44.0 (named in a later release?): reduced as its parent DRB4*01:03',
      'warning\tA*0105N\tA*0105N was deleted from IMGT/HLA on 20010717 (Sequence identical): read as A*01:04:01:01N',
      '',
    ]);
    const refused = await runCli(['hla', 'validate', '--imgt-dir', old, '--refuse-newer-names'], 'DRB4*01:03:22\n');
    expect(refused.stdout).toMatch(
      /^DRB4\*01:03:22\tinvalid\t.*its parent DRB4\*01:03 is, but names newer than the loaded release are refused\n$/
    );
  });

  it('uses <data dir>/mac/numer.v3.txt when no --mac-file is given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-hla-mac-'));
    mkdirSync(join(dataDir, 'mac'));
    writeFileSync(join(dataDir, 'mac', 'numer.v3.txt'), '"LAST UPDATED: 11/26/26"\nCODE\tSUBTYPE\n\nAB\t01/02\n');
    const run = await runCli(['hla', 'reduce', '--to', 'lgx', '--imgt-dir', imgt], 'A*01:AB\n', {
      ENGRAFT_DATA_DIR: dataDir,
    });
    expect(run.stdout).toBe('A*01:AB\tA*01:01/A*01:02\n');
  });

  it('says how to get a release when none is cached, and rejects unknown levels', async () => {
    const none = await runCli(['hla', 'reduce', '--to', 'G'], 'A*01:01\n');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/run 'engraft hla data fetch' \(or pass --imgt-dir DIR\)/);
    const bad = await runCli(['hla', 'reduce', '--to', 'X', '--imgt-dir', imgt], '');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are G, P, lg, lgx, W, exon, U2, S, 1F/);
  });
});
