// The floor: an echo bot on the same botbuilder + restify stack, nothing else. No bot can answer a turn
// faster than this on this machine. Run: node dist/bench/echo-bot.js PORT
import { readFileSync } from 'node:fs';
import restify from 'restify';
import { ActivityHandler, type InvokeResponse, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';

const port = Number(process.argv[2] ?? 3999);
/**
 * ECHO_CARDS (a JSON file { "invoke"?: card, "message"?: card }): the same echo, answering with the bot's
 * own card instead of one line: what the card's size alone costs the stack, with no logic behind it.
 */
const cards = (process.env.ECHO_CARDS ? JSON.parse(readFileSync(process.env.ECHO_CARDS, 'utf8')) : {}) as { invoke?: object; message?: object };
const invokeCard = cards.invoke ?? { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'echo' }] };
const settings = { MicrosoftAppId: '', MicrosoftAppPassword: '' };
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings)));
/** An Action.Execute is answered with a one-line card: the floor of a card button's turn. */
class EchoBot extends ActivityHandler {
  protected override async onInvokeActivity(): Promise<InvokeResponse> {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: invokeCard } };
  }
}
const bot = new EchoBot();
bot.onMessage(async (context, next) => {
  await context.sendActivity(cards.message ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cards.message }] } : `echo: ${context.activity.text}`);
  await next();
});
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res as never, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(port, '127.0.0.1');
