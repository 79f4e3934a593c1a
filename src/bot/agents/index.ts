// The Agents SDK adapter's parts, loaded together (once) by src/bot/sdk.ts when BOT_SDK=agents.
export { createAgentsAdapter } from './agents-adapter.js';
export { agentsEndpoint } from './agents-endpoint.js';
export { AgentsProactiveSender } from './agents-proactive-sender.js';
