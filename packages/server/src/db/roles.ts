/**
 * PostgreSQL privileges of the application's role (docs/security.md "Database roles"): the owner role owns the
 * schema, runs the migrations and owns the audit table and functions; the application role gets DML only, and
 * on the audit trail only SELECT and INSERT. It can then neither UPDATE, DELETE nor TRUNCATE audit events,
 * disable their trigger, nor replace a function: those need ownership. Run as the owner after `engraft db migrate`
 * (and again after a migration adds tables).
 */
export const appRoleGrants = (schema: string, appRole: string): string => /* sql */ `
grant usage on schema ${schema} to ${appRole};
revoke create on schema ${schema} from ${appRole};
grant select, insert, update, delete on all tables in schema ${schema} to ${appRole};
grant usage, select on all sequences in schema ${schema} to ${appRole};
revoke update, delete, truncate on audit_events from ${appRole};
grant execute on all functions in schema ${schema} to ${appRole};
`;
