// ESLint (flat config) with typescript-eslint's type-aware rules.
// Contracts enforced here: src/core, src/cli and webview/protocol.ts never import `vscode` (type imports only),
// no floating promises, no console (the extension logs through one LogOutputChannel).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscodeValueImports = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'vscode',
          message: 'src/core and webview/protocol.ts stay free of vscode: move this to src/host.',
          allowTypeImports: true,
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', '**/*.cjs', '**/*.mjs', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  { files: ['webview/protocol.ts', 'src/worker/**/*.ts', 'src/cli/**/*.ts', 'src/team/**/*.ts'], rules: noVscodeValueImports },
  {
    // The core is shared by the host, the workers, the CLI and the page: it imports neither vscode nor the page.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: noVscodeValueImports['@typescript-eslint/no-restricted-imports'][1].paths,
        patterns: [{ group: ['**/webview/*'], message: 'src/core does not import from webview/: shared view models live in src/core/dashboard.' }],
      }],
    },
  },
  {
    // Tests and benchmarks may print their figures and use chai-style loose typing of fixtures.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
