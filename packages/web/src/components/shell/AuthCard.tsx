// The card of the pages shown instead of the app (sign-in, the forced password change): a form alone in the middle
// of the page, named by its heading, with a line under the heading.
import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

export function AuthCard({
  titleId,
  title,
  intro,
  maxWidth,
  onSubmit,
  children,
}: {
  titleId: string;
  title: string;
  intro: ReactNode;
  maxWidth: number;
  onSubmit: (e?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <main style={{ width: '100%', maxWidth }}>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
            <Stack>
              <div>
                <Title order={1} fz="h2" id={titleId}>
                  {title}
                </Title>
                <Text c="dimmed" fz="sm">
                  {intro}
                </Text>
              </div>
              {children}
            </Stack>
          </form>
        </Paper>
      </main>
    </Center>
  );
}
