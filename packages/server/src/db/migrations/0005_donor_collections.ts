// Donor choice and collections (issue 7, ADR 0500): what 0004 did not hold. A donor's age is often known only
// as a birth year (registry results); a collection's CD34+ targets are explicit (minimum, target, maximum,
// ×10^6/kg; CD34+ dose thresholds per Duong et al. 2014 BBMT) so the progress shown is against the figures the team agreed.
export default /* sql */ `
alter table episode_donors add column birth_year integer;
alter table collections add column min_cd34_per_kg numeric;
alter table collections add column max_cd34_per_kg numeric;
alter table collections add column status_on date;
create index collection_days_collection on collection_days(collection_id, collected_on);
create index products_collection on products(collection_id);
`;
