// Creating a local account (issue 14): username, display name, initial password and roles, checked by the same
// schema as the server; the server's per-field errors land on the fields.
import { type Role, UserCreateSchema } from '@engraft/domain';
import { Alert, Button, Checkbox, Group, Paper, PasswordInput, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zodResolver } from '../../zodResolver';
import { ROLE_OPTIONS } from './AccountCard';
import { useCreateUser } from './api';

export function CreateAccountForm() {
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', displayName: '', password: '', roles: [] as Role[] },
    validate: zodResolver(UserCreateSchema),
  });
  const create = useCreateUser({ onFieldErrors: form.setErrors, onSaved: () => form.reset() });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-title">
      <Title order={2} fz="h3" id="create-title" mb="sm">
        Create an account
      </Title>
      <form onSubmit={form.onSubmit((values) => void create.submit(values))} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Username" required autoComplete="off" {...form.getInputProps('username')} />
          <TextInput label="Display name" required {...form.getInputProps('displayName')} />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; common passwords and the username are refused."
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Checkbox.Group label="Roles" withAsterisk {...form.getInputProps('roles')}>
            <SimpleGrid cols={2} spacing={6} mt={6}>
              {ROLE_OPTIONS.map((o) => (
                <Checkbox key={o.value} value={o.value} label={o.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </SimpleGrid>
        {create.error && (
          <Alert color="red" title="Account not created" role="alert" mt="sm">
            {create.error}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={create.submitting}>
            Create account
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
