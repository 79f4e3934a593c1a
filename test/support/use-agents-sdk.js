// Setup file of the jest projects that run the suites on the Microsoft 365 Agents SDK (test/support/sdk-under-test.ts).
globalThis.BOT_SDK_UNDER_TEST = 'agents';
