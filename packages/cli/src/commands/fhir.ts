import { FhirScopeSchema } from '@engraft/domain';
import { fhirClients } from '@engraft/server';
import { type Command, Option } from 'commander';
import { inCentre } from '../io/inCentre';

const centreOption = (): Option =>
  new Option('--centre <name>', 'centre (programme) whose data the client may read').makeOptionMandatory();

/**
 * engraft fhir clients create | list | revoke: API clients of the FHIR R4 API (system access, OAuth 2.0 client
 * credentials; ADR 0700), the same service functions as `/api/v1/fhir-clients`, audited as the actor "cli".
 */
export function registerFhirCommands(program: Command): void {
  const fhir = program.command('fhir').description('FHIR R4 API (/fhir/R4)');
  const clients = fhir.command('clients').description('API clients (system access with client credentials)');

  clients
    .command('create')
    .description('create a client; prints its client_id and secret once (only a hash is kept)')
    .addOption(centreOption())
    .requiredOption('--name <text>', 'who the client is (e.g. "CIBMTR extract")')
    .requiredOption('--scope <scopes...>', 'scopes, e.g. system/Patient.read system/Observation.read or system/*.read')
    .action(async (opts: { centre: string; name: string; scope: string[] }) => {
      for (const s of opts.scope) {
        const r = FhirScopeSchema.safeParse(s);
        if (!r.success) throw new Error(`--scope ${s}: ${r.error.issues[0]!.message}`);
      }
      await inCentre(opts.centre, async (db, actor) => {
        const c = await fhirClients.createClient(db, actor, { name: opts.name, scopes: opts.scope });
        console.log(`created API client ${c.name} (${c.id})`);
        console.log(`client_id:     ${c.clientId}`);
        console.log(`client_secret: ${c.clientSecret}`);
        console.log(`scopes:        ${c.scopes.join(' ')}`);
        console.log('The secret is shown only now; keep it in the client’s secret store.');
      });
    });

  clients
    .command('list')
    .description('clients of a centre: id, client_id, name, scopes, created, revoked')
    .addOption(centreOption())
    .action(async (opts: { centre: string }) => {
      await inCentre(opts.centre, async (db, actor) => {
        for (const c of (await fhirClients.listClients(db, actor)).items) {
          const state = c.revokedAt ? `revoked ${c.revokedAt.slice(0, 10)}` : 'active';
          console.log([c.id, c.clientId.padEnd(22), c.name.padEnd(24), state.padEnd(18), c.scopes.join(' ')].join(' '));
        }
      });
    });

  clients
    .command('revoke <id>')
    .description('revoke a client (its tokens stop working at once)')
    .addOption(centreOption())
    .action(async (id: string, opts: { centre: string }) => {
      await inCentre(opts.centre, async (db, actor) => {
        const c = await fhirClients.revokeClient(db, actor, id);
        console.log(`${c.clientId}: revoked`);
      });
    });
}
