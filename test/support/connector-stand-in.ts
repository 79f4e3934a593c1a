import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, any>;
}

/** Decides the connector's answer to one request; the default accepts everything. */
export type ConnectorBehaviour = (request: ReceivedActivity, index: number) => { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * A local stand-in for the Teams connector service (Bot Framework REST: POST
 * /v3/conversations/{id}/activities[/{replyToId}]): records what the bot sends.
 */
export class ConnectorStandIn {
  readonly received: ReceivedActivity[] = [];
  behaviour: ConnectorBehaviour = () => ({ status: 200 });
  /**
   * When set, a request waits for it before it is answered; 'drop' closes the connection
   * unanswered (the request is not recorded: the connector never accepted it).
   */
  gate?: (request: ReceivedActivity) => Promise<'answer' | 'drop'>;
  private server?: Server;
  private count = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  clear(): void {
    this.received.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const request: ReceivedActivity = {
      conversationId: decodeURIComponent(match[1]!),
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
    };
    if (this.gate && (await this.gate(request)) === 'drop') {
      res.destroy();
      return;
    }
    const answer = this.behaviour(request, this.count++);
    if (answer.status < 300) this.received.push(request);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.body ?? { id: `activity-${this.count}` }));
  }
}
