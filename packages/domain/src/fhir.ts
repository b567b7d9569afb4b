import { z } from 'zod';

/** Resource types served by the FHIR R4 API (`/fhir/R4`, ADR 0700). */
export const FHIR_RESOURCE_TYPES = [
  'Patient',
  'Condition',
  'EpisodeOfCare',
  'Procedure',
  'Observation',
  'BiologicallyDerivedProduct',
  'MedicationRequest',
  'MedicationAdministration',
  'Specimen',
  'Practitioner',
] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

/**
 * A system scope of SMART App Launch 2.x (§ "Scopes for requesting clinical data"): `system/<Type|*>.<read|rs|r|s>`
 * (v1 `read`, or v2 permissions `r` read and `s` search). The API is read-only, so no write scope exists.
 */
export const FHIR_SCOPE = new RegExp(`^system/(\\*|${FHIR_RESOURCE_TYPES.join('|')})\\.(read|rs|r|s)$`);
export const FhirScopeSchema = z
  .string()
  .regex(FHIR_SCOPE, 'scope must be system/<ResourceType or *>.read (or .rs, .r, .s), e.g. system/Patient.read');

/**
 * A public key of a SMART Backend Services client (RFC 7517 JWK; RSA for RS384, EC P-384 for ES384). A private key
 * (with `d`) is refused: the client keeps it, Engraft never holds it.
 */
export const FhirClientJwkSchema = z
  .looseObject({ kty: z.enum(['RSA', 'EC'], 'kty must be RSA or EC'), kid: z.string().max(200).optional() })
  .refine((k) => !('d' in k), { message: 'this is a private key: register the public key only', path: ['d'] });
export const FhirClientJwksSchema = z.object({
  keys: z.array(FhirClientJwkSchema).min(1, 'give at least one key').max(10, 'at most 10 keys'),
});

export const FhirClientCreateSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100, 'name can be at most 100 characters'),
  scopes: z.array(FhirScopeSchema).min(1, 'give at least one scope').max(20, 'at most 20 scopes'),
  jwks: FhirClientJwksSchema.optional().describe(
    'public keys (JWK Set) for SMART Backend Services: the client authenticates with a signed JWT (RS384/ES384) instead of a secret'
  ),
});
export type FhirClientCreate = z.infer<typeof FhirClientCreateSchema>;

export const FhirClientSchema = z.object({
  id: z.uuid(),
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  authentication: z.enum(['client-secret', 'private-key-jwt']),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FhirClient = z.infer<typeof FhirClientSchema>;
export const FhirClientListSchema = z.object({ items: z.array(FhirClientSchema) });
/** The secret is shown once, at creation; only its hash is kept. */
export const FhirClientCreatedSchema = FhirClientSchema.extend({
  clientSecret: z.string().optional().describe('absent for a client with registered public keys'),
});

/** Response schema of FHIR routes: any FHIR resource (the resources themselves are checked against R4 in the tests). */
export const FhirResourceJsonSchema = z.looseObject({ resourceType: z.string() });

/** OAuth 2.0 token response (RFC 6749 §5.1). */
export const FhirTokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});

/**
 * SMART configuration (`[base]/.well-known/smart-configuration`, HL7 SMART App Launch 2.0.0 §"Conformance",
 * 2021): how a backend service gets a token here. Only the client-credentials grant exists (no authorization
 * endpoint, no user launch), so the authorization-code fields are absent and no PKCE method is offered.
 */
export const SmartConfigurationSchema = z.object({
  token_endpoint: z.string().url(),
  grant_types_supported: z.array(z.literal('client_credentials')),
  token_endpoint_auth_methods_supported: z.array(
    z.enum(['private_key_jwt', 'client_secret_post', 'client_secret_basic'])
  ),
  token_endpoint_auth_signing_alg_values_supported: z.array(z.enum(['RS384', 'ES384'])),
  scopes_supported: z.array(FhirScopeSchema),
  response_types_supported: z.array(z.string()),
  capabilities: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
});
export type SmartConfiguration = z.infer<typeof SmartConfigurationSchema>;
