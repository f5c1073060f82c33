// Lint enforces the layers (see docs/ARCHITECTURE.md): src/ is the host-agnostic
// core and may not import electron, react or the host folders; src/contract is
// pure (no node:*) because the renderer bundles it; renderer/ never imports
// node or electron; only main/ imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiAndElectron = [
  { name: 'electron', message: 'src/ is host-agnostic: only main/ may import electron.' },
  { name: 'react', message: 'src/ is host-agnostic: React lives in renderer/.' },
  { name: 'react-dom', message: 'src/ is host-agnostic: React lives in renderer/.' },
  { name: 'zustand', message: 'src/ is host-agnostic: UI state lives in renderer/.' },
];
const hostFolders = {
  group: ['**/main/**', '**/renderer/**', '../main', '../renderer', 'react-dom/*', 'electron/*'],
  message: 'src/ may not import main/, renderer/ or UI/electron subpaths.',
};
const nodeBuiltins = {
  // `node:` specifiers; bare built-in names are listed in `bareBuiltins` as exact paths, because
  // a pattern such as 'net' would also match a local module './net'.
  group: ['node:*'],
  message: 'This layer must run in a browser: no Node built-ins.',
};
const bareBuiltins = ['fs', 'path', 'os', 'net', 'dgram', 'child_process', 'crypto', 'http', 'https', 'worker_threads'].map((name) => ({
  name,
  message: 'This layer must run in a browser: no Node built-ins.',
}));

export const layerRules = {
  src: { 'no-restricted-imports': ['error', { paths: uiAndElectron, patterns: [hostFolders] }] },
  contract: {
    'no-restricted-imports': ['error', { paths: [...uiAndElectron, ...bareBuiltins], patterns: [hostFolders, nodeBuiltins] }],
  },
  renderer: {
    'no-restricted-imports': ['error', {
      paths: [{ name: 'electron', message: 'The renderer talks to main only through window.fieldkit.' }, ...bareBuiltins],
      patterns: [nodeBuiltins, { group: ['**/main/**', '**/src/hosts/**', '**/src/platform/**', '**/src/db/**'], message: 'The renderer reaches the core only through the RPC client.' }],
    }],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'renderer/dist/', 'release/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/**/*.ts'], rules: layerRules.src },
  { files: ['src/contract/**/*.ts'], rules: layerRules.contract },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...layerRules.renderer, 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
