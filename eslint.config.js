// The layering of the app is enforced here, not by convention:
//  - only the Electron shell (main/shell, main/preload, main/index.ts) may import `electron`;
//  - shared/ is pure TypeScript: no Node built-ins, no electron, no React, nothing from main/ or renderer/;
//  - renderer/ runs in a sandboxed page: no Node built-ins, no electron, nothing from main/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only main/shell, main/preload and main/index.ts may import electron (see DESIGN layering).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'screenshots/**', 'test-results/**', '.tmp/**', '.demo-idp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['main/shell/**', 'main/preload/**', 'main/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' }))],
          patterns: [
            { group: ['**/main/**', '../main', '**/renderer/**', '../renderer'], message: 'shared/ imports nothing from main/ or renderer/.' },
            { group: ['react', 'react-dom', 'zustand', 'keytar'], message: 'shared/ is pure: no UI or platform libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: use the contract in shared/contract.ts.' }))],
          patterns: [{ group: ['**/main/**', '../main', '../../main', 'keytar'], message: 'The renderer talks to main only through the contract.' }],
        },
      ],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/shell/**', 'main/preload/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [{ group: ['**/renderer/**', '../renderer', '**/shell/**', './shell/**'], message: 'Services import neither the renderer nor the Electron shell.' }],
        },
      ],
    },
  },
);
