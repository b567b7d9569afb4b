// Compact, human-readable input shapes for help texts, e.g. {"maxTempC":number|null,"hypotension":"none"|...}.
// Derived from the zod schemas through JSON Schema so help never drifts from validation.
import { z } from 'zod';

type Json = Record<string, unknown>;

function render(s: Json): string {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join('|');
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(render).join('|');
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).map(render).join('|');
  if (Array.isArray(s.type)) return (s.type as unknown[]).map((t) => render({ ...s, type: t })).join('|');
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const req = new Set((s.required ?? []) as string[]);
      const parts = Object.entries(props).map(([k, v]) => `${JSON.stringify(k)}${req.has(k) ? '' : '?'}:${render(v)}`);
      return `{${parts.join(',')}}`;
    }
    case 'array':
      return `[${render((s.items ?? {}) as Json)},...]`;
    case 'integer':
    case 'number': {
      const min = s.minimum as number | undefined;
      const max = s.maximum as number | undefined;
      const bounded = min != null && max != null && Math.max(Math.abs(min), Math.abs(max)) < Number.MAX_SAFE_INTEGER;
      if (s.type === 'integer' && bounded) return `${min}..${max}`;
      return s.type === 'integer' ? 'int' : 'number';
    }
    case 'string':
      return s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' ? '"YYYY-MM-DD"' : 'string';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'null';
    default:
      return 'any';
  }
}

/** Compact shape of a zod schema's input, for `engraft clinical --help` and API docs. */
export function describeShape(schema: z.ZodType): string {
  return render(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}
