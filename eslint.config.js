// Lint, and the house's layering rules (../shared/ARCHITECTURE.md): imports point down, src-shared
// stays pure, nothing imports the Electron shell or the host, and the app reaches the KRA simulator
// only through its launcher.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'util', 'stream'];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**'],
    rules: restrict([
      { group: node, message: 'src-shared is pure: no Node built-ins.' },
      { group: ['electron', 'react', 'react-dom', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'src-shared is pure: no platform or I/O packages.' },
      { regex: '(^|/)src-(main|renderer)(/|$)', message: 'src-shared must not import main or renderer code.' },
    ]),
  },
  {
    files: ['src-renderer/**'],
    ignores: ['src-renderer/vite.config.ts'],
    rules: restrict([
      { group: node, message: 'The renderer has no Node: talk to main through src-shared/api.' },
      { group: ['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'The renderer reaches main only through src-shared/api.' },
      { regex: '(^|/)src-main(/|$)', message: 'The renderer reaches main only through src-shared/api.' },
    ]),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**', 'src-main/host/**', 'src-main/kra-sim/**', 'src-main/conformance/**'],
    rules: restrict([
      { group: ['react', 'react-dom', 'electron'], message: 'The engine runs under plain Node: no React, no Electron.' },
      { regex: '(^|/)src-renderer(/|$)', message: 'main must not import renderer code.' },
      { regex: '(^|/)(electron|host)/', message: 'Nothing imports the Electron shell or the headless host.' },
      { regex: '(^|/)kra-sim/(?!launch$)', message: 'The app starts the simulator as a process, through kra-sim/launch only.' },
    ]),
  },
  {
    files: ['src-main/kra-sim/**'],
    rules: restrict([
      { group: ['react', 'react-dom', 'electron', 'drizzle-orm', 'drizzle-orm/*'], message: 'The simulator is its own server.' },
      { regex: '^\\.\\./(?!\\.\\./src-shared/(etims|clock))', message: 'kra-sim shares only src-shared/etims (and the clock type) with the app.' },
    ]),
  },
);
