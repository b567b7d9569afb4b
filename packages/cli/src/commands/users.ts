import { PasswordResetSchema, ROLES, RoleSchema } from '@engraft/domain';
import { type Database, userAdmin } from '@engraft/server';
import { type Command, Option } from 'commander';
import { readPasswordFromStdin } from '../io/stdin';
import { inCentre } from '../io/inCentre';

interface CentreOpts {
  centre: string;
  reason?: string;
}

const centreOption = (): Option =>
  new Option('--centre <name>', 'centre (programme) whose accounts are managed').makeOptionMandatory();
const reasonOption = (): Option =>
  new Option('--reason <text>', 'why (recorded in the audit trail)').makeOptionMandatory();

/**
 * engraft users list | disable | enable | unlock | reset-password | roles | sign-out: the same service functions
 * as the administrator's page (services/users.ts), audited as the actor "cli".
 */
export function registerUserCommands(program: Command): void {
  const users =
    program.commands.find((c) => c.name() === 'users') ?? program.command('users').description('local accounts');

  users
    .command('list')
    .description('accounts of a centre: roles, locked, disabled, must change password, created by')
    .addOption(centreOption())
    .action(async (opts: CentreOpts) => {
      await inCentre(opts.centre, async (db, actor) => {
        for (const u of await userAdmin.listUsers(db, actor.centreId)) {
          const flags = [u.disabled && 'disabled', u.locked && 'locked', u.mustChangePassword && 'must-change-password']
            .filter(Boolean)
            .join(',');
          console.log(
            [
              u.username.padEnd(16),
              u.roles.join(',').padEnd(24),
              (flags || 'active').padEnd(28),
              `created by ${u.createdBy ?? 'cli/setup'} ${u.createdAt.slice(0, 10)}`,
            ].join(' ')
          );
        }
      });
    });

  const simple = (
    name: string,
    description: string,
    run: (db: Database, actor: userAdmin.AdminActor, id: string, reason: string) => Promise<unknown>,
    done: string
  ) =>
    users
      .command(`${name} <username>`)
      .description(description)
      .addOption(centreOption())
      .addOption(reasonOption())
      .action(async (username: string, opts: CentreOpts) => {
        await inCentre(opts.centre, async (db, actor) => {
          const id = await userAdmin.userIdInCentre(db, actor.centreId, username);
          await run(db, actor, id, opts.reason ?? '');
          console.log(`${username}: ${done}`);
        });
      });
  simple(
    'disable',
    'disable an account: it cannot sign in and its sessions end at once',
    (db, a, id, reason) => userAdmin.disableUser(db, a, id, { reason }),
    'disabled, sessions ended'
  );
  simple(
    'enable',
    'enable a disabled account',
    (db, a, id, reason) => userAdmin.enableUser(db, a, id, { reason }),
    'enabled'
  );
  simple(
    'unlock',
    'unlock an account locked after repeated failed sign-ins',
    (db, a, id, reason) => userAdmin.unlockUser(db, a, id, { reason }),
    'unlocked'
  );
  simple(
    'sign-out',
    'sign an account out everywhere (end all its sessions)',
    (db, a, id, reason) => userAdmin.signOutEverywhere(db, a, id, { reason }),
    'signed out everywhere'
  );

  users
    .command('roles <username>')
    .description("set an account's roles in the centre (replaces them)")
    .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
    .addOption(centreOption())
    .addOption(reasonOption())
    .action(async (username: string, opts: CentreOpts & { role: string[] }) => {
      const roles = opts.role.map((r) => RoleSchema.parse(r));
      await inCentre(opts.centre, async (db, actor) => {
        const id = await userAdmin.userIdInCentre(db, actor.centreId, username);
        await userAdmin.setUserRoles(db, actor, id, { roles, reason: opts.reason ?? '' });
        console.log(`${username}: roles ${roles.join(', ')}`);
      });
    });

  users
    .command('reset-password <username>')
    .description(
      'set a temporary password, read from stdin (never from the command line); the user must choose a new one at the next sign-in'
    )
    .addOption(centreOption())
    .addOption(reasonOption())
    .action(async (username: string, opts: CentreOpts) => {
      const password = await readPasswordFromStdin('Temporary password: ');
      const input = PasswordResetSchema.parse({ password, reason: opts.reason });
      await inCentre(opts.centre, async (db, actor) => {
        const id = await userAdmin.userIdInCentre(db, actor.centreId, username);
        await userAdmin.resetPassword(db, actor, id, input);
        console.log(`${username}: password reset, sessions ended; a new password must be set at the next sign-in`);
      });
    });
}
