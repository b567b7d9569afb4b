import { FHIR_RESOURCE_TYPES, type SmartConfiguration } from '@engraft/domain';

/** Scope suffixes the token endpoint grants: SMART v1 `read`, v2 `rs` (read and search), `r`, `s`. */
const PERMISSIONS = ['read', 'rs', 'r', 's'] as const;

/**
 * The SMART configuration of this FHIR base (HL7 SMART App Launch 2.0.0, 2021, §"Conformance" and
 * §"Backend Services"), describing what `POST <base>/auth/token` implements (ADR 0700, 0702): the OAuth 2.0
 * client-credentials grant (RFC 6749 §4.4); clients authenticate with a JWT assertion signed RS384 or ES384
 * (`private_key_jwt`, RFC 7523; capability `client-confidential-asymmetric`) or a secret (`client_secret_post`,
 * `client_secret_basic`; `client-confidential-symmetric`); system scopes per resource type in the v1 (`read`) and
 * v2 (`rs`, `r`, `s`) grammars (`permission-v1`, `permission-v2`). No user launch, so no authorization endpoint.
 */
export function smartConfiguration(base: string): SmartConfiguration {
  return {
    token_endpoint: `${base}/auth/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_post', 'client_secret_basic'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: ['*', ...FHIR_RESOURCE_TYPES].flatMap((t) => PERMISSIONS.map((p) => `system/${t}.${p}`)),
    response_types_supported: ['token'],
    capabilities: ['client-confidential-asymmetric', 'client-confidential-symmetric', 'permission-v1', 'permission-v2'],
    code_challenge_methods_supported: [],
  };
}
