// ESLint: the recommended rules of eslint and typescript-eslint on the source, tests and scripts,
// and typescript-eslint's type-checked rules on the source (src/), which the types make sound.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', 'templates/**', 'test/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        document: 'readonly',
        window: 'readonly',
        performance: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      // Unused names starting with _ are deliberate (callback positions).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // These files exist to find control characters in text: their patterns name them on purpose.
    files: ['src/cli/report.ts', 'src/content/controls.ts', 'src/content/decode.ts', 'src/layout/title-lines.ts', 'test/unit/hostile-values.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
