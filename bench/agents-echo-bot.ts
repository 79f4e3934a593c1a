// The other floor: an echo bot on the Microsoft 365 Agents SDK (@microsoft/agents-hosting) + restify, as its
// samples write one (an ActivityHandler, the CloudAdapter's process), nothing else. Run: node dist/bench/agents-echo-bot.js PORT
import restify from 'restify';
import { ActivityHandler, CloudAdapter, type InvokeResponse } from '@microsoft/agents-hosting';

const port = Number(process.argv[2] ?? 3998);
const adapter = new CloudAdapter({ clientId: '' });
const invokeCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'echo' }] };

/** An Action.Execute is answered with a one-line card: the floor of a card button's turn. */
class EchoAgent extends ActivityHandler {
  protected override async onInvokeActivity(): Promise<InvokeResponse> {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: invokeCard } };
  }
}
const agent = new EchoAgent();
agent.onMessage(async (context, next) => {
  await context.sendActivity(`echo: ${context.activity.text}`);
  await next();
});

/** The SDK writes through an Express-shaped response; restify's `status()` returns a number. */
function expressLike(res: restify.Response) {
  let status = 200;
  const web = {
    status: (code: number) => ((status = code), web),
    setHeader: (name: string, value: string) => (res.setHeader(name, value), web),
    send: (body?: unknown) => (res.send(status, body), web),
    end: () => (res.headersSent || res.send(status), web),
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return web;
}

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process({ body: req.body, headers: req.headers, method: 'POST', user: { name: 'anonymous' } } as never, expressLike(res) as never, (context) => agent.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(port, '127.0.0.1');
