// Processing laboratory (issue 7): the ISBT 128 collection type printed in the product code (ST-001 Table 7;
// null = derived from the episode: 1 autologous, V allogeneic), and an index for the lab worklist by status.
export default /* sql */ `
alter table products add column collection_type text;
create index products_centre_status on products(centre_id, status);
`;
