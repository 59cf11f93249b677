// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'test-results/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['peer-server/**', 'test/**', 'game-demo/**', 'engine/examples/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The demo is a game like any other: it uses the packages' public entry points only.
    files: ['game-demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(engine|peer-server)/', message: "Import 'tickwire', 'tickwire/node' or 'tickwire-broker': a game sees only the public API." }] },
      ],
    },
  },
  {
    // A focused or skipped test hides failures: every test runs, everywhere.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(it|test|describe|suite|bench)$/][property.name=/^(only|skip|todo|skipIf|runIf)$/]",
          message: 'Every test runs: no .only, .skip, .todo, .skipIf or .runIf.',
        },
        { selector: "CallExpression[callee.name=/^(xit|xtest|xdescribe|fit|fdescribe)$/]", message: 'Every test runs: no skipped or focused tests.' },
      ],
    },
  },
  {
    files: ['.ci/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
