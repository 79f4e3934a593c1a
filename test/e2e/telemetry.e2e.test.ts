import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { startHarness, message, execute, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { demoProductKeys } from '../support/secret-scan.js';
import { startTelemetry, type Telemetry } from '../../src/observability/telemetry-sdk.js';
import { createLogger } from '../../src/observability/logger.js';

/** Collects on demand (no timer): the test reads the metrics when it wants them. */
class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const spans = new InMemorySpanExporter();
const reader = new OnDemandReader();
const WINDOWS = demoInventoryFile().benefits.software.find((b) => b.id === 'sw-windows-server-2022')!;
let telemetry: Telemetry;
let h: Harness;

beforeAll(async () => {
  // As src/index.ts does: the SDK first, then the bot.
  telemetry = await startTelemetry({ extraSpanProcessors: [new SimpleSpanProcessor(spans)], extraMetricReaders: [reader] }, createLogger('silent'));
  h = await startHarness({ LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await h?.stop();
  await telemetry?.stop();
});
beforeEach(() => spans.reset());

const turnSpans = () => spans.getFinishedSpans().filter((s) => s.name.startsWith('turn '));
const inTrace = (span: ReadableSpan) => spans.getFinishedSpans().filter((s) => s.spanContext().traceId === span.spanContext().traceId);

describe('a span per turn, whichever way the turn came', () => {
  it('a message: its kind, outcome and correlation id, and its latency', async () => {
    await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
    const [turn] = turnSpans();
    expect(turnSpans()).toHaveLength(1);
    expect(turn!.name).toBe('turn message');
    expect(turn!.attributes).toMatchObject({ 'benefits.turn.kind': 'message', 'benefits.turn.outcome': 'answered', 'benefits.conversation.type': 'personal' });
    expect(turn!.attributes['benefits.correlation_id']).toMatch(/^[0-9a-f]{8}$/);
    expect(turn!.attributes['benefits.turn.latency_ms']).toEqual(expect.any(Number));
  });

  it('the log lines written during a turn carry its trace id and correlation id', async () => {
    const lines = h.logs.lines.length;
    await h.post(message(h.connector, PEOPLE.noRole, 'benefits'));
    const [turn] = turnSpans();
    const written = h.logs.lines.slice(lines).map((l) => JSON.parse(l)).filter((l) => l.msg === 'turn refused');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ trace_id: turn!.spanContext().traceId, correlationId: turn!.attributes['benefits.correlation_id'] });
  });

  it('a card verb: the verb is named, and the store transactions and audit line are spans of the same trace', async () => {
    await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { verb: 'getSoftwareKeys', benefitId: WINDOWS.id, confirmed: true }));
    const [turn] = turnSpans();
    expect(turn).toMatchObject({ name: 'turn action getSoftwareKeys' });
    expect(turn!.attributes).toMatchObject({ 'benefits.turn.verb': 'getSoftwareKeys', 'benefits.turn.outcome': 'answered' });
    const names = inTrace(turn!).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['store inventory.transact', 'store audit.append']));
  });

  it.each([
    ['a person with no role', () => message(h.connector, PEOPLE.noRole, 'benefits'), { 'benefits.turn.outcome': 'refused', 'benefits.error.code': expect.any(String) }],
    ['an unknown verb (its text is not recorded)', () => execute(h.connector, PEOPLE.globalAdmin, 'dropTables; <script>', {}), { 'benefits.turn.verb': '(unknown)', 'benefits.turn.outcome': 'refused', 'benefits.error.code': 'unknownAction' }],
    ['a payload its schema refuses', () => execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: 42 }), { 'benefits.turn.outcome': 'refused', 'benefits.error.code': 'invalidPayload' }],
  ])('%s: the outcome is "refused", with its code', async (_name, activity, expected) => {
    await h.post(activity());
    expect(turnSpans()).toHaveLength(1);
    expect(turnSpans()[0]!.attributes).toMatchObject(expected);
    expect(JSON.stringify(turnSpans()[0]!.attributes)).not.toContain('dropTables');
  });
});

describe('connector calls and the outbox', () => {
  const notify = (id: string) =>
    h.services.outbox.notify({ id, recipient: PEOPLE.mpnPartnerAdmin.aadObjectId, locale: 'en-US', content: { kind: 'technicalActivationCompleted', params: { name: 'Signature Product Support', accessId: 'ACC-1', contractId: 'CTR-1' } } });

  it('each delivery is a span with its connector call; a refused call records its status; delivery latency and outbox depth are metrics', async () => {
    await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'help'));
    h.connector.behaviour = () => ({ status: 502 });
    spans.reset();
    await notify('telemetry-1');
    await h.services.outbox.drain();
    const connector = spans.getFinishedSpans().filter((s) => s.name === 'connector send');
    expect(connector).toHaveLength(1);
    expect(connector[0]!.attributes).toMatchObject({ 'benefits.error.status': 502 });
    expect(connector[0]!.status.code).toBe(2); // ERROR

    const waiting = await metric('benefits.outbox.depth');
    expect(waiting?.dataPoints[0]?.value).toBe(1);

    h.connector.behaviour = () => ({ status: 200 });
    await h.stores.work.reschedule('telemetry-1', { attempts: 1, nextAttemptAt: new Date(0).toISOString() });
    await h.services.outbox.drain();
    const delivered = spans.getFinishedSpans().filter((s) => s.name === 'connector send');
    expect(delivered.at(-1)!.status.code).not.toBe(2);
    const parent = spans.getFinishedSpans().find((s) => s.spanContext().spanId === delivered.at(-1)!.parentSpanContext?.spanId);
    expect(parent?.name).toBe('outbox deliver');
    const latency = await metric('benefits.outbox.delivery_latency');
    expect((latency?.dataPoints[0]?.value as { count: number }).count).toBe(1);
    expect((await metric('benefits.outbox.depth'))?.dataPoints[0]?.value).toBe(0);
    expect((await metric('benefits.turn.duration'))?.dataPoints.length).toBeGreaterThan(0);
  });
});

describe('nothing secret in any attribute', () => {
  it('after keys are revealed in every way, no span attribute holds a product key, a name, an email or typed text', async () => {
    spans.reset();
    for (const person of [PEOPLE.globalAdmin, PEOPLE.mpnPartnerAdmin]) {
      await h.post(execute(h.connector, person, 'getSoftwareKeys', { verb: 'getSoftwareKeys', benefitId: WINDOWS.id, confirmed: true }));
      await h.post(message(h.connector, person, `people ${PEOPLE.userAdmin.name}`));
    }
    const all = JSON.stringify(spans.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    for (const secret of [...demoProductKeys(), PEOPLE.userAdmin.name, PEOPLE.globalAdmin.aadObjectId]) expect(all).not.toContain(secret);
  });
});

async function metric(name: string) {
  const { resourceMetrics } = (await reader.collect()) as { resourceMetrics: ResourceMetrics };
  return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
}
