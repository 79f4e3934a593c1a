/**
 * The SDK the bot under test runs on: botbuilder (the default), or the Agents SDK in the jest projects
 * that repeat the end-to-end and security suites on it (their setup file sets it). The harnesses start the
 * bot with BOT_SDK set to it.
 */
export type SdkUnderTest = 'botbuilder' | 'agents';

export function sdkUnderTest(): SdkUnderTest {
  return (globalThis as { BOT_SDK_UNDER_TEST?: SdkUnderTest }).BOT_SDK_UNDER_TEST ?? 'botbuilder';
}
