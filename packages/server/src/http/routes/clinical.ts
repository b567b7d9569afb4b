import { clinicalRules, runRule } from '@engraft/clinical';
import { ALL_ROLES } from '@engraft/domain';
import { z } from 'zod';
import { EngraftError } from '../../errors';
import type { TypedApp } from '../app';

const RuleListSchema = z.array(
  z.object({
    name: z.string(),
    id: z.string(),
    title: z.string(),
    description: z.string(),
    source: z.string(),
    inputSchema: z.unknown(),
  })
);

/**
 * The clinical rules library over HTTP: `POST /api/v1/clinical/<rule>` with `{input, options?}` for every rule
 * in the registry. Pure computation: nothing is stored, so nothing is audited here; features that store a
 * grade call the rule themselves and audit the write.
 */
export function registerClinicalRoutes(app: TypedApp): void {
  app.get(
    '/clinical',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'List the clinical rules with their input JSON Schemas',
        tags: ['clinical'],
        response: { 200: RuleListSchema },
      },
    },
    async () =>
      Object.values(clinicalRules).map((r) => ({
        name: r.name,
        id: r.id,
        title: r.title,
        description: r.description,
        source: r.source,
        inputSchema: z.toJSONSchema(r.inputSchema, { io: 'input', unrepresentable: 'any' }),
      }))
  );

  for (const rule of Object.values(clinicalRules)) {
    app.post(
      `/clinical/${rule.name}`,
      {
        config: { access: ALL_ROLES },
        schema: {
          summary: rule.title,
          description: `${rule.description}\n\nSource: ${rule.source}`,
          tags: ['clinical'],
          body: z.object({ input: rule.inputSchema, options: rule.optionsSchema.optional() }),
          response: { 200: rule.outputSchema },
        },
      },
      async (req) => {
        const body = req.body;
        const res = runRule(rule, body.input, body.options);
        if (!res.ok) {
          const path = res.path.startsWith('options') ? res.path : ['input', res.path].filter(Boolean).join('.');
          throw new EngraftError('invalid', res.error, [{ path, message: res.error }]);
        }
        return res.output;
      }
    );
  }
}
