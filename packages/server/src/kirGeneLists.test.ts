// The KIR gene list is written twice on purpose: in @engraft/domain (the API contract, which depends on nothing but
// @engraft/clinical) and in @engraft/donors (the ranking's rule). The server uses both; they must not drift apart.
import { KIR_GENE_NAMES } from '@engraft/domain';
import { KIR_GENES } from '@engraft/donors';
import { describe, expect, it } from 'vitest';

describe('KIR gene lists', () => {
  it('the API contract accepts exactly the genes the ranking reads', () => {
    expect([...KIR_GENE_NAMES]).toEqual([...KIR_GENES]);
  });
});
