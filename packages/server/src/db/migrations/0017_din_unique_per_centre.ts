// DINs per issuing facility (issue 14, ADR 0012): a product's (DIN, product code, division) is unique within the
// centre that registered it. The old installation-wide constraint turned another centre's identical DIN into a
// 500 (a raw unique violation) and let one centre block another's DINs; the service now answers that case with a
// 409 that names neither the other centre nor its patient, and records the refusal.
export default /* sql */ `
alter table products drop constraint products_din_product_code_division_key;
create unique index products_centre_din on products (centre_id, din, product_code, division);
`;
