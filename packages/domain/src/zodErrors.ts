import { z } from 'zod';

// Messages a coordinator can act on: "required" rather than "expected string, received undefined".
z.config({
  customError: (iss) => {
    if (iss.input === undefined) return 'required';
    if (iss.code === 'invalid_type' && iss.input === null) return 'required';
    if (iss.code === 'invalid_value' && 'values' in iss) return `choose one of: ${iss.values.map(String).join(', ')}`;
    return undefined;
  },
});
