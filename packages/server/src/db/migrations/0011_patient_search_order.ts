// Bounded patient search (issue 2, ADR 0008): one index in the list's order, per centre, byte-wise ("C"
// collation, which also lets LIKE 'prefix%' use it). The search takes the first page of each kind of match
// (family name, given name, MRN) by walking this index or by the prefix indexes of 0001, whichever the planner
// finds cheaper, instead of sorting every match; the count stops at 1,001.
export default /* sql */ `
create index patients_search_order on patients (
  centre_id, lower(family_name) collate "C", lower(given_name) collate "C", mrn collate "C"
);
`;
