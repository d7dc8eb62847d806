// ESLint: typescript-eslint for all code, plus the layering rules of docs/DESIGN.md section 2 (each
// area's README.md says the same in prose):
// - the core (electron/notebook) never imports Electron, React, an HTTP server or a front door;
// - the contract (electron/api) imports nothing but zod and its own files;
// - the renderer imports no Node module, no Electron and no part of electron/ but the contract;
// - the front doors (main, preload, host, cli) import the core only through electron/notebook/index.ts,
//   and main, preload and host never import the CLI.
// tests/unit/lint/boundaries.test.ts proves each rule fires on a violation and stays quiet otherwise.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltin = '^(node:.*|fs|fs/promises|path|os|child_process|http|https|net|crypto|stream|url|worker_threads)$';
const uiOrServer = '^(electron|react|react-dom|node:http|node:https|http|https|node:net|net)(/.*)?$';

/**
 * One area's import rules. Each restriction is a regular expression over the import specifier; it
 * applies to static imports and re-exports (no-restricted-imports) and to dynamic `import()`
 * (no-restricted-syntax; esquery's regex literals cannot hold a slash, so it is written \x2F there).
 */
function boundaries(files, restrictions) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) }],
      'no-restricted-syntax': [
        'error',
        ...restrictions.map(({ regex, message }) => ({
          selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
          message,
        })),
      ],
    },
  };
}

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
  boundaries(['electron/notebook/**/*.ts'], [
    { regex: uiOrServer, message: 'the domain core is plain Node: no Electron, React or HTTP server' },
    { regex: '^(\\.\\./)+(main|preload|host|cli|renderer)(/|$)', message: 'the core never imports a front door' },
  ]),
  boundaries(['electron/api/**/*.ts'], [
    { regex: '^(?!zod$|\\./[^./][^/]*$)', message: 'the contract (electron/api) imports nothing but zod and its own files' },
  ]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  boundaries(['renderer/**/*.{ts,tsx}'], [
    { regex: nodeBuiltin, message: 'the renderer never imports Node modules' },
    { regex: '^electron(/|$)', message: 'the renderer never imports Electron' },
    { regex: '(^|/)electron/(notebook|main|preload|host|cli)(/|$)', message: 'the renderer talks to the contract (electron/api) only' },
  ]),
  boundaries(['electron/main/**/*.ts'], [
    // One exception: main writes its own small files (window state, recent notebooks) with the
    // core's atomic write, a leaf module of Node built-ins, without loading the core (which runs in
    // its utility process).
    { regex: '^(\\.\\./)+notebook/(?!index$|storage/atomic$)', message: 'front doors import the core through its index (electron/notebook) only' },
    { regex: '^(\\.\\./)+cli(/|$)', message: 'front doors do not import each other' },
  ]),
  boundaries(['electron/preload/**/*.ts', 'electron/host/**/*.ts'], [
    { regex: '^(\\.\\./)+notebook/(?!index$)', message: 'front doors import the core through its index (electron/notebook) only' },
    { regex: '^(\\.\\./)+cli(/|$)', message: 'front doors do not import each other' },
  ]),
  boundaries(['electron/cli/**/*.{ts,mjs}'], [
    { regex: '^(\\.\\./)+notebook/(?!index$)', message: 'front doors import the core through its index (electron/notebook) only' },
  ]),
);
