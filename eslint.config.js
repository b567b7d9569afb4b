// ESLint flat config: type-aware rules that guard clinical code (exhaustive switches over grade enums,
// no floating promises) and import boundaries that keep the pure packages free of server/DB/HTTP code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const serverOnly = ['fastify', '@fastify/*', 'pg', '@electric-sql/pglite', 'node:http', 'node:https', '@engraft/server', '@engraft/cli', 'react', 'react-dom'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-output/**', '**/*.config.js', 'packages/cli/bin/**', 'packages/cli/build.mjs', 'scripts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      'no-console': 'off',
      // Fastify handlers and interface implementations are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/{hla,clinical,outcomes,domain,donors}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: serverOnly, message: 'Pure packages never import server, database, HTTP or UI code.' }] }],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@engraft/server', 'pg', '@electric-sql/pglite', 'fastify'], message: 'The web app talks to the server over HTTP only.' }],
          // Mantine's NumberInput rewrites what was typed ("4e10" became 410, "-5" became 0): issue 13, H-INPUT-1.
          paths: [{ name: '@mantine/core', importNames: ['NumberInput'], message: 'Use components/NumericField: it sends exactly what was typed or shows an error (H-INPUT-1).' }],
        },
      ],
    },
  },
  // Layer rules of the server (docs/architecture.md, ADR 0020): SQL only in repo/ and db/; routes call services.
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/repo/**', 'packages/server/src/db/**', 'packages/server/src/testing/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL lives in packages/server/src/repo/ (or db/).' },
        { selector: "CallExpression[callee.property.name='query']", message: 'SQL lives in packages/server/src/repo/ (or db/): call a repository function.' },
      ],
    },
  },
  {
    files: ['packages/server/src/http/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/repo/*', '**/db/*'], message: 'Routes call services; services call repositories (routes → services → repo).' }] }],
    },
  },
  // Web feature directories (each directory under pages/) never import each other; shared code goes to components/.
  {
    files: ['packages/web/src/pages/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@engraft/server', 'pg', '@electric-sql/pglite', 'fastify'], message: 'The web app talks to the server over HTTP only.' },
            { regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'A feature (pages/<feature>/) never imports another feature: move the shared code to components/.' },
          ],
          paths: [{ name: '@mantine/core', importNames: ['NumberInput'], message: 'Use components/NumericField: it sends exactly what was typed or shows an error (H-INPUT-1).' }],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  }
);
