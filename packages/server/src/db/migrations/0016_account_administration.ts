// Account administration (issue 14): who created each account (two-person controls refuse an account created by
// the first person, or by the same creator, within the configured window; ADR 0011), a forced password change
// after an administrator's reset, and when the user last signed in.
export default /* sql */ `
alter table users
  add column created_by uuid references users(id),
  add column must_change_password boolean not null default false,
  add column last_sign_in_at timestamptz;
create index users_created_by on users(created_by);
`;
