import type restify from 'restify';
import { z } from '../lib/zod.js';
import type { Clock } from '../ports/clock.js';
import type { WorkStore } from '../ports/work-store.js';
import type { Logger } from '../observability/logger.js';
import type { ActivationProcessor } from '../app/activations/activation-processor.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignedRequest } from './signed-request.js';
import { errorAnswer } from './error-answer.js';
import { parseStrictJson } from '../lib/strict-json.js';
import type { DomainError, ErrorCode } from '../domain/errors.js';

/** One kind of completion the back office reports: its path and body, and how to read the target. */
export interface FulfilmentRoute<B extends { nonce: string }> {
  path: string;
  kind: string;
  body: z.ZodType<B>;
  target(body: B): string;
  fulfilment(body: B): unknown;
}

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
const nonce = z.string().min(16).max(128).regex(/^[A-Za-z0-9._~-]+$/);

/** POST /api/fulfilment/technical-activations: {benefitId, accessId, contractId, nonce} (R6.3). */
export const technicalActivationRoute: FulfilmentRoute<{ benefitId: string; accessId: string; contractId: string; nonce: string }> = {
  path: '/api/fulfilment/technical-activations',
  kind: 'technical',
  body: z.strictObject({ benefitId: id, accessId: id, contractId: id, nonce }),
  target: (b) => b.benefitId,
  fulfilment: (b) => ({ accessId: b.accessId, contractId: b.contractId }),
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real date (YYYY-MM-DD)');

/** POST /api/fulfilment/go-to-market-activations: {offerId, expiresOn, nonce} (R7.5). */
export const goToMarketActivationRoute: FulfilmentRoute<{ offerId: string; expiresOn: string; nonce: string }> = {
  path: '/api/fulfilment/go-to-market-activations',
  kind: 'goToMarket',
  body: z.strictObject({ offerId: id, expiresOn: isoDate, nonce }),
  target: (b) => b.offerId,
  fulfilment: (b) => ({ expiresOn: b.expiresOn }),
};

export interface FulfilmentEndpointOptions {
  secret: string;
  toleranceMs: number;
  clock: Clock;
  store: WorkStore;
  processor: ActivationProcessor;
  logger: Logger;
  routes: FulfilmentRoute<{ nonce: string }>[];
}

/**
 * The processor's refusals as the back office reads them: its codes speak to a person who asked for an
 * activation in chat ("activate it first"), not to the system that reports one done.
 */
const COMPLETION_CODE: Partial<Record<ErrorCode, ErrorCode>> = {
  notFound: 'completionTargetNotFound',
  notActivated: 'completionNotPending',
  activationConflict: 'completionConflict',
};

function send(res: restify.Response, error: DomainError, extra: Record<string, unknown> = {}): void {
  const { status, body } = errorAnswer(error);
  res.send(status, { ...body, ...extra });
}

/**
 * The back office's way in: a completion, signed with the shared secret (HMAC-SHA256 over timestamp
 * + '.' + raw body), fresh (timestamp within the tolerance) and used once (nonce). Registered only
 * when a secret is configured: without one these paths do not exist (404).
 */
export function fulfilmentEndpoint(o: FulfilmentEndpointOptions): (server: restify.Server) => void {
  return (server) => {
    for (const route of o.routes) {
      server.post(route.path, async (req: restify.Request, res: restify.Response) => {
        const raw = typeof (req as { rawBody?: unknown }).rawBody === 'string' ? ((req as { rawBody?: string }).rawBody as string) : '';
        const now = o.clock.now();
        const check = verifySignedRequest(o.secret, { signature: req.headers[SIGNATURE_HEADER], timestamp: req.headers[TIMESTAMP_HEADER] }, raw, now, o.toleranceMs);
        if (!check.ok) {
          o.logger.warn({ path: route.path, reason: check.reason }, 'fulfilment: request refused');
          send(res, { code: check.reason === 'stale' ? 'timestampStale' : 'signatureInvalid' });
          return;
        }
        // The signed bytes are read as JSON and nothing else: restify also parses a form, and JSON.parse keeps
        // the last of two equal keys (what a signature checker upstream read may not be what we act on).
        if (!req.is('application/json')) {
          o.logger.warn({ path: route.path }, 'fulfilment: body not JSON refused');
          send(res, { code: 'requestNotJson' });
          return;
        }
        const json = parseStrictJson(raw);
        if (!json.ok) {
          send(res, { code: 'requestBodyInvalid' }, { issues: [json.reason] });
          return;
        }
        const parsed = route.body.safeParse(json.value);
        if (!parsed.success) {
          send(res, { code: 'requestBodyInvalid' }, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
          return;
        }
        const fresh = await o.store.rememberNonce(parsed.data.nonce, new Date(check.timestampMs + o.toleranceMs), now);
        if (!fresh) {
          o.logger.warn({ path: route.path }, 'fulfilment: replayed nonce refused');
          send(res, { code: 'nonceReplayed' });
          return;
        }
        const result = await o.processor.complete(route.kind, route.target(parsed.data), route.fulfilment(parsed.data), 'backOffice');
        if (!result.ok) {
          send(res, { ...result.error, code: COMPLETION_CODE[result.error.code] ?? result.error.code });
          return;
        }
        res.send(200, { status: result.value });
      });
    }
  };
}
