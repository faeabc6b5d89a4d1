import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'playwright-report',
      'test-results',
      'node_modules',
      'bench/main.bundle.mjs',
      '.stryker-tmp',
      'reports',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Data flows one way: scenario → engine → timeline → worker → store → view (design.md). A
  // layer never imports from one downstream of it; the engine stays pure.
  {
    files: ['src/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [downstream(['ui'])] }] },
  },
  {
    files: ['src/timeline/**/*.ts', 'src/scenario/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [downstream(['ui', 'worker', 'cli'])] }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/engine/selftests/**', 'src/engine/oracle/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            downstream(['ui', 'worker', 'timeline', 'cli']),
            {
              regex: '^(node:|react|comlink|zustand|d3-)',
              message: 'The engine is pure: no Node, DOM, React, worker or d3 modules.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is deterministic.' },
        { object: 'Date', property: 'now', message: 'The engine has no clock.' },
        { object: 'performance', property: 'now', message: 'The engine has no clock.' },
      ],
    },
  },
);

/** An import pattern refusing the given src/ layers (by relative path). */
function downstream(layers) {
  return {
    regex: `^(\\.\\.?/)+(${layers.join('|')})(/|$)`,
    message: `Data flows one way (design.md): this layer must not import from src/${layers.join(', src/')}.`,
  };
}
