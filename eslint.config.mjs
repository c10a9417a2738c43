// Type-aware linting: the rules that catch real bugs (floating and misused promises,
// unsafe any, non-exhaustive switches) plus consistent type imports. Formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test/artifacts/', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Features import each other only through a feature's public index.ts; every folder of src
    // but common and database (shared infrastructure, importable file by file) is a feature and
    // has one. The database's entity list and the migrations must name entity files directly.
    files: ['src/**/*.ts'],
    ignores: ['src/database/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'action-items',
            'audit',
            'auth',
            'config',
            'dashboard',
            'events',
            'health',
            'jobs',
            'metrics',
            'notifications',
            'people',
            'postmortems',
            'quality',
            'recommendations',
            'teams',
            'trackers',
          ].map((feature) => ({
            group: [`**/${feature}/**`, `!**/${feature}/index.js`],
            message:
              `Import ${feature} through its public file ${feature}/index.js.` +
              (feature === 'auth' ? ' Roles, Actor, @MinRole, @Public and @CurrentActor are in common/.' : ''),
          })),
        },
      ],
    },
  },
  {
    // supertest's response.body and JSON fixtures are `any` by design; the suites check their
    // shape with expect(). Test doubles stand in for async functions without awaiting anything.
    // The promise, switch and import rules still apply to tests.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
