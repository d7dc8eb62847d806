// ESLint: typescript-eslint for all code, plus the layering rules of DESIGN.md section 2:
// the core and the contract never import Electron, React or an HTTP server; the renderer never
// imports Node modules; nothing imports a front door (main, preload, host, cli).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'worker_threads'];
const frontDoors = ['**/main/**', '**/preload/**', '**/host/**', '**/cli/**', '**/main', '**/preload', '**/host', '**/cli'];
const uiAndServers = ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'node:http', 'node:https', 'http', 'https', 'node:net', 'net'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/notebook/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: uiAndServers.map((name) => ({ name, message: 'the domain core is plain Node: no Electron, React or HTTP server' })),
          patterns: [{ group: frontDoors.map((g) => `../${g}`), message: 'the core never imports a front door' }],
        },
      ],
    },
  },
  {
    files: ['electron/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...new Set([...uiAndServers, ...nodeBuiltins.filter((n) => !n.includes('*'))])].map((name) => ({
            name,
            message: 'the contract holds schemas and types only',
          })),
          patterns: [
            { group: ['node:*'], message: 'the contract holds schemas and types only' },
            { group: ['../notebook', '../notebook/**', ...frontDoors.map((g) => `../${g}`)], message: 'the contract depends on nothing but zod' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins.filter((n) => !n.includes('*'))].map((name) => ({ name, message: 'the renderer never imports Node or Electron' })),
          patterns: [
            { group: ['node:*'], message: 'the renderer never imports Node modules' },
            { group: ['**/electron/notebook/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/host/**', '**/electron/cli/**'], message: 'the renderer talks to the contract (electron/api) only' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../cli', '../cli/**'], message: 'front doors do not import each other' }] }],
    },
  },
);
