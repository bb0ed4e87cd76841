import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import react from 'eslint-plugin-react';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import vitest from '@vitest/eslint-plugin';
import boundaries from './eslint-rules/boundaries.js';
import outsideDocs from './eslint-rules/outside-docs.js';

const local = { rules: { ...boundaries.rules, ...outsideDocs.rules } };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', '.data', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint-rules/*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { local, 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'local/boundaries': 'error',
      // Comments cite docs/ and PROTOCOL.md, never design notes outside the repository.
      'local/outside-docs': 'error',
      // Import cycles make load order matter and hide layering mistakes the zones above cannot see.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A switch over a union names every member (or has a default): a new role, table or outcome
      // cannot fall through unnoticed.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, react },
    settings: { react: { version: '19' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      'react/no-danger': 'error',
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true, allowedStrings: ['·', '—', '%', '/', ':', '(', ')', '×', '+', '−'] }],
      // Only the data layer talks to IndexedDB.
      'no-restricted-imports': ['error', { paths: [{ name: 'dexie', message: 'Only src/client/data talks to Dexie.' }] }],
      // Only the sync module talks to the network.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only src/client/sync talks to the network.' }, { name: 'localStorage', message: 'Use the data layer (src/client/data).' }],
    },
  },
  { files: ['src/client/data/**'], rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' } },
  { files: ['src/client/sync/**'], rules: { 'no-restricted-globals': 'off' } },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-*', 'dexie', 'dexie-*', 'fastify', '@fastify/*', 'pg', 'better-sqlite3', 'node:*'], message: 'src/shared is pure code used by client and server.' }] }] },
  },
  { files: ['test/**', '**/*.test.{ts,tsx}'], rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
  {
    // No focused or skipped tests: a .only silences the rest of the suite, a .skip a test that can no longer fail.
    files: ['test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    plugins: { vitest },
    rules: { 'vitest/no-focused-tests': 'error', 'vitest/no-disabled-tests': 'error' },
  },
  { files: ['eslint-rules/**', 'eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  // The one script that reads the design folder beside the repository, as its input data.
  { files: ['scripts/build-seed.ts'], rules: { 'local/outside-docs': 'off' } },
  // The rule's own description names what it refuses.
  { files: ['eslint-rules/outside-docs.js'], rules: { 'local/outside-docs': 'off' } },
);
