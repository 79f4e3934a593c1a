// The botbuilder adapter's parts, loaded together (once) by src/bot/sdk.ts when BOT_SDK=botbuilder (the default).
export { createAdapter, createProactiveAdapter } from './adapter.js';
export { BenefitsActivityHandler } from './benefits-activity-handler.js';
export { botEndpoint } from './bot-endpoint.js';
export { BotFrameworkProactiveSender } from './proactive-sender.js';
