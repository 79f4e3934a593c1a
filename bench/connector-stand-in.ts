// A stand-in for the Teams connector service (Bot Framework REST: POST /v3/conversations/{id}/activities),
// for the benchmarks. With `limits`, it enforces Teams' rate limits for a bot (NOTES.md: per conversation
// 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app per tenant 30/s) and answers 429 + Retry-After when one is
// exceeded; with `random429` it also throttles that share of requests at random, as Teams does under load.
// It counts accepted deliveries per notification id (the bench renderer writes the id in the text).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONVERSATION_LIMITS, TENANT_LIMITS, type RateWindow } from '../src/app/notifications/rate-limiter.js';
import { prng } from './prng.js';

export interface StandInOptions {
  limits?: boolean;
  /** Share of requests answered 429 at random (0..1). */
  random429?: number;
  retryAfterSeconds?: number;
  /** Seeded, so that runs are comparable. */
  seed?: number;
}

export interface StandInStats {
  requests: number;
  accepted: number;
  throttledByLimit: number;
  throttledAtRandom: number;
  /** notification id → how many times it was accepted */
  delivered: Map<string, number>;
  firstAt: number;
  lastAcceptedAt: number;
}

export interface ConnectorStandIn {
  url: string;
  stats: StandInStats;
  close(): Promise<void>;
}

const NOTIFICATION_ID = /bench-notification:(\S+)/;

class Windows {
  private readonly times = new Map<string, number[]>();
  /** Records the request and answers true when it fits every window of its key. */
  admit(key: string, windows: readonly RateWindow[], now: number): boolean {
    const longest = Math.max(...windows.map((w) => w.ms));
    const kept = (this.times.get(key) ?? []).filter((t) => t > now - longest);
    kept.push(now);
    this.times.set(key, kept);
    return windows.every((w) => {
      let n = 0;
      for (let i = kept.length - 1; i >= 0 && kept[i]! > now - w.ms; i--) n++;
      return n <= w.limit;
    });
  }
}

export async function startConnectorStandIn(options: StandInOptions = {}): Promise<ConnectorStandIn> {
  const random = prng(options.seed ?? 42);
  const windows = new Windows();
  const stats: StandInStats = { requests: 0, accepted: 0, throttledByLimit: 0, throttledAtRandom: 0, delivered: new Map(), firstAt: 0, lastAcceptedAt: 0 };
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const now = Date.now();
      stats.requests++;
      stats.firstAt ||= now;
      const throttle = () => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
      };
      if (options.limits) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { conversation?: { tenantId?: string }; text?: string };
        // Every request counts against the windows, the refused ones too (the stricter reading).
        const conversationOk = windows.admit(`conversation:${decodeURIComponent(match[1]!)}`, CONVERSATION_LIMITS, now);
        const tenantOk = windows.admit(`tenant:${body.conversation?.tenantId ?? ''}`, TENANT_LIMITS, now);
        if (!conversationOk || !tenantOk) {
          stats.throttledByLimit++;
          return throttle();
        }
        if (options.random429 && random() < options.random429) {
          stats.throttledAtRandom++;
          return throttle();
        }
        const id = NOTIFICATION_ID.exec(body.text ?? '')?.[1];
        if (id) stats.delivered.set(id, (stats.delivered.get(id) ?? 0) + 1);
      }
      stats.accepted++;
      stats.lastAcceptedAt = now;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${stats.requests}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
