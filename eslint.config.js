// One linter for the whole repo; `pnpm check` runs it with the type check and Prettier.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Packages that run only on the server (Node): the web app never imports them. */
const SERVER_ONLY = [
  '@talkoot/server',
  '@talkoot/sync',
  '@talkoot/storage-sqlite',
  '@talkoot/storage-postgres',
  '@talkoot/fanout-redis',
  '@talkoot/boards',
  '@talkoot/exporters',
  '@talkoot/board-image',
  '@talkoot/translate',
];
const TRANSPORT = ['hono', 'hono/*', '@hono/*', 'ws', 'node:http', 'node:https', 'node:net', 'y-websocket'];
const pattern = (group, message) => ({ group, message });
/** Nothing imports another workspace member by a relative path into its folder. */
const crossFolder = pattern(
  ['**/apps/*/src/**', '**/packages/*/src/**', '../../*/src/**', '../../../packages/**', '../../../apps/**'],
  'import another workspace package by its name (@talkoot/…), not by a path into its folder',
);
/** Who may import whom: apps compose packages; packages never import apps; the room knows no transport. */
const boundaries = [
  {
    files: ['packages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['@talkoot/server', '@talkoot/web', '@talkoot/e2e'], 'packages never import apps'),
            crossFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/sync/src/**/*.ts'],
    ignores: ['packages/sync/src/**/*.test.ts', 'packages/sync/src/testing.ts', 'packages/sync/src/test-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(TRANSPORT, 'the sync room never knows the transport: the server adapts sockets to SyncSocket'),
            pattern(['@talkoot/*', '!@talkoot/protocol'], 'the sync core depends only on @talkoot/protocol'),
            crossFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/protocol/src/**/*.ts', 'packages/locales/src/**/*.ts', 'packages/action-plan/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['@talkoot/*'],
              'protocol, locales and the action-plan model are leaves: they import no other package of ours',
            ),
            pattern(['node:*'], 'shared by the browser and the server: no Node built-ins'),
            crossFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}', 'packages/tldraw-yjs/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(SERVER_ONLY, 'server-only package: the browser bundle must not include it'),
            pattern(['node:*'], 'runs in the browser: no Node built-ins'),
            crossFolder,
          ],
        },
      ],
      // @types/qrcode references Node's types, so tsc alone cannot keep Node globals out of the web app.
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'runs in the browser: no Node globals',
        })),
      ],
    },
  },
  {
    files: ['apps/server/src/**/*.ts', 'bench/src/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pattern(['@talkoot/web'], 'the server serves the built web app, never imports it'), crossFolder] },
      ],
    },
  },
  {
    files: [
      'apps/web/src/**/*.tsx',
      'packages/tldraw-yjs/src/**/*.tsx',
      'apps/web/src/**/use-*.ts',
      'packages/*/src/**/use-*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/test-results/**', '**/playwright-report/**', 'data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  ...boundaries,
);
