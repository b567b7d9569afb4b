import type { CapabilityStatement } from 'fhir/r4';
import { FHIR_TYPES, SEARCH_PARAMS } from './search/params';

/**
 * The CapabilityStatement (HL7 FHIR R4 §3.1.0.11 "capabilities", resource §2.40): exactly what `/fhir/R4`
 * implements — read and search-type per type with its search parameters, `Patient/$everything`, and Bulk Data
 * `Patient/$export` (Bulk Data Access IG 2.0.0 §"Bulk Data Kick-off Request"); security: session or SMART
 * backend-style client-credentials tokens.
 */
export function capabilityStatement(base: string, date: string, version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Engraft',
    kind: 'instance',
    software: { name: 'Engraft', version },
    implementation: { description: 'Engraft FHIR R4 API (read-only)', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    rest: [
      {
        mode: 'server',
        security: {
          // SMART App Launch 2.0.0 §"Conformance": the token endpoint, also in .well-known/smart-configuration.
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: `${base}/auth/token` }],
            },
          ],
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          description:
            'A signed-in Engraft session (same roles and centre as the web app), or a bearer token from ' +
            `${base}/auth/token (OAuth 2.0 client credentials with a secret, or SMART Backend Services with an ` +
            'RS384/ES384 client assertion; scopes system/<Type>.read).',
        },
        resource: FHIR_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
          searchParam: [
            { name: '_id', type: 'token' as const },
            ...Object.entries(SEARCH_PARAMS[type]).map(([name, t]) => ({
              name,
              type: t,
            })),
          ],
          ...(type === 'Patient'
            ? {
                operation: [
                  { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
                  { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}
