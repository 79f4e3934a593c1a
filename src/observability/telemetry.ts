import { metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * What the bot reports through OpenTelemetry's API. Without an SDK registered (src/observability/
 * telemetry-sdk.ts does that at start-up) every call here is a no-op. Attributes are ids, names, codes
 * and counts: never a product key, a token, card data or typed text.
 */
const SCOPE = 'partner-benefits-bot';
const tracer = () => trace.getTracer(SCOPE);
const meter = () => metrics.getMeter(SCOPE);

export type TurnOutcome = 'answered' | 'refused' | 'failed';

export interface TurnFacts {
  kind: string;
  /** A verb of the router's VERBS table, or `(unknown)`: a verb as sent is untrusted text. */
  verb?: string;
  correlationId: string;
  conversationType: string;
}

/** One span per turn, and its latency in the `benefits.turn.duration` histogram. */
export async function inTurnSpan<T>(facts: TurnFacts, run: () => Promise<T>, outcomeOf: (value: T) => { outcome: TurnOutcome; code?: string }): Promise<T> {
  const started = performance.now();
  const attributes: Attributes = {
    'benefits.turn.kind': facts.kind,
    'benefits.correlation_id': facts.correlationId,
    'benefits.conversation.type': facts.conversationType,
    ...(facts.verb ? { 'benefits.turn.verb': facts.verb } : {}),
  };
  return tracer().startActiveSpan(`turn ${facts.kind}${facts.verb ? ` ${facts.verb}` : ''}`, { kind: SpanKind.SERVER, attributes }, async (span) => {
    let outcome: TurnOutcome = 'failed';
    try {
      const value = await run();
      const result = outcomeOf(value);
      outcome = result.outcome;
      span.setAttribute('benefits.turn.outcome', outcome);
      if (result.code) span.setAttribute('benefits.error.code', result.code);
      if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
      return value;
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      const latencyMs = performance.now() - started;
      span.setAttribute('benefits.turn.latency_ms', Math.round(latencyMs * 1000) / 1000);
      turnDuration().record(latencyMs, { 'benefits.turn.kind': facts.kind, 'benefits.turn.outcome': outcome });
      span.end();
    }
  });
}

/** A span around one call to a dependency (a store transaction, a connector request). */
export async function inSpan<T>(name: string, attributes: Attributes, run: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  // Inside a turn whose span records nothing (no exporter), a child would record nothing either: the call
  // runs in the turn's span, whose trace id the log lines carry. Making the child was ~5% of a read turn.
  const current = trace.getActiveSpan();
  if (current && !current.isRecording()) return run(current);
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** An error's name and its coded status, never its message (which may quote what a person typed). */
function failed(span: Span, error: unknown): void {
  const e = error as { name?: unknown; status?: unknown; code?: unknown };
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof e?.name === 'string' ? e.name : 'Error' });
  if (typeof e?.status === 'number') span.setAttribute('benefits.error.status', e.status);
  if (typeof e?.code === 'string') span.setAttribute('benefits.error.code', e.code.slice(0, 64));
}

/**
 * Asked of the meter at each use, not kept: the metrics API has no proxy provider, so an instrument made
 * before the SDK is registered would stay a no-op. The SDK hands back the same instrument each time.
 */
function turnDuration() {
  return meter().createHistogram('benefits.turn.duration', { unit: 'ms', description: 'Time from a turn reaching the router to its reply' });
}

/** The outbox's gauges and histogram: how many notifications wait, and how long one took to be delivered. */
export function outboxInstruments(depth: () => number): { deliveredAfter(ms: number, kind: string): void; stop(): void } {
  const gauge = meter().createObservableGauge('benefits.outbox.depth', { description: 'Notifications waiting to be delivered' });
  const observe = (result: { observe(value: number): void }) => result.observe(depth());
  gauge.addCallback(observe);
  const latency = meter().createHistogram('benefits.outbox.delivery_latency', { unit: 'ms', description: 'From a notification being queued to the connector accepting it' });
  return {
    deliveredAfter: (ms, kind) => latency.record(Math.max(0, ms), { 'benefits.notification.kind': kind }),
    stop: () => gauge.removeCallback(observe),
  };
}

/** The active span's trace and span ids, for a log line (empty when no span is recording). */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}
