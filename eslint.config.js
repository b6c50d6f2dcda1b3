import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The lab core is plain Node: it must run without Electron.
    files: ['electron/lab/**/*', 'electron/host/**/*', 'electron/shared/**/*'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
);
