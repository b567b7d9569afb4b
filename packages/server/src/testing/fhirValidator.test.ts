import { describe, expect, it } from 'vitest';
import { validateR4 } from './fhirValidator';

describe('validateR4 (the R4 validator the FHIR API tests rely on)', () => {
  it('accepts a minimal valid Patient and Observation', () => {
    expect(() => validateR4({ resourceType: 'Patient', id: 'p1', gender: 'female' } as never)).not.toThrow();
    expect(() =>
      validateR4({ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'ANC' } } as never)
    ).not.toThrow();
  });

  it('refuses a code outside a required binding, a missing required element and a wrong type', () => {
    expect(() => validateR4({ resourceType: 'Patient', id: 'p2', gender: 'F' } as never)).toThrow(/Patient\/p2/);
    expect(() => validateR4({ resourceType: 'Observation', id: 'o2', code: { text: 'ANC' } } as never)).toThrow(
      /status/
    );
    expect(() => validateR4({ resourceType: 'Patient', id: 'p3', birthDate: 19700504 } as never)).toThrow();
  });
});
