/**
 * Code systems and identifier systems of the FHIR API. Standard ones are the systems named by HL7 FHIR R4
 * (4.0.1) §4.2 "Using Codes in Resources" (LOINC, UCUM, SNOMED CT); Engraft's own codes live under
 * https://engraft.dev/fhir/ (the same base the lab import already reads: `@engraft/domain` labImport.ts).
 */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const ENGRAFT = 'https://engraft.dev/fhir';
export const MRN_SYSTEM = `${ENGRAFT}/sid/mrn`;
export const ANALYTE_SYSTEM = `${ENGRAFT}/CodeSystem/analyte`;
export const RULE_SYSTEM = `${ENGRAFT}/CodeSystem/clinical-rule`;
export const GRADE_SYSTEM = `${ENGRAFT}/CodeSystem/grade`;
/** Engraftment dates derived from the counts (no LOINC or SNOMED CT code could be verified; ADR 0704 [VERIFY]). */
export const ENGRAFTMENT_SYSTEM = `${ENGRAFT}/CodeSystem/engraftment`;
export const DISEASE_SYSTEM = `${ENGRAFT}/CodeSystem/disease`;
export const DISEASE_STATUS_SYSTEM = `${ENGRAFT}/CodeSystem/disease-status`;
export const EPISODE_TYPE_SYSTEM = `${ENGRAFT}/CodeSystem/episode-type`;
export const EPISODE_PHASE_SYSTEM = `${ENGRAFT}/CodeSystem/episode-phase`;
export const PRODUCT_KIND_SYSTEM = `${ENGRAFT}/CodeSystem/product-kind`;
export const PRODUCT_STATUS_SYSTEM = `${ENGRAFT}/CodeSystem/product-status`;
export const AGENT_SYSTEM = `${ENGRAFT}/CodeSystem/conditioning-agent`;
export const USERNAME_SYSTEM = `${ENGRAFT}/sid/username`;
/** Extensions defined by Engraft (a StructureDefinition URL each; documented in docs/adr/0700-fhir-api.md). */
export const EXT_DAY_ZERO = `${ENGRAFT}/StructureDefinition/day-zero`;
export const EXT_PLANNED_DAY_ZERO = `${ENGRAFT}/StructureDefinition/planned-day-zero`;
export const EXT_LINEAGE = `${ENGRAFT}/StructureDefinition/chimerism-lineage`;
/** The cell fraction a chimerism was measured in (`@engraft/domain` CHIMERISM_LINEAGES), as `Observation.method`. */
export const LINEAGE_SYSTEM = `${ENGRAFT}/CodeSystem/chimerism-lineage`;
/**
 * ISBT 128 identifiers as URIs: ICCBBA's namespace, as used by the HL7 FHIR R5 BiologicallyDerivedProduct
 * (§8.x, `biologicalSourceEvent` and `productCode` examples) and ICCBBA ST-027 "ISBT 128 and FHIR".
 */
export const ISBT_DIN = 'https://www.isbt128.org/uri/donationidentificationnumber';
export const ISBT_PRODUCT_CODE = 'https://www.isbt128.org/uri/productdescriptioncode';
/** HL7 v2 table 0203 identifier type (FHIR R4 `http://terminology.hl7.org/CodeSystem/v2-0203`): MR = medical record number. */
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** FHIR R4 Observation category codes (`observation-category`, §12.20.4). */
export const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
