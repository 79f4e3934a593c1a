import { metrics, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { AlwaysOffSampler, BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { readFileSync } from 'node:fs';
import { projectPath } from '../lib/paths.js';
import type { Logger } from './logger.js';

export interface TelemetrySettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans and metrics over OTLP/HTTP (the exporters read OTEL_EXPORTER_OTLP_* themselves). */
  otlpEndpoint?: string;
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: spans and metrics to Application Insights (Azure Monitor's distro). */
  applicationInsights?: string;
  /** The service.version resource attribute: package.json's version unless given. */
  serviceVersion?: string;
  /** Tests add an in-memory exporter and reader. */
  extraSpanProcessors?: SpanProcessor[];
  extraMetricReaders?: MetricReader[];
}

export interface Telemetry {
  /** Flushes what is buffered and stops the exporters. */
  stop(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK for the process, once, before the bot starts. A tracer provider is
 * always registered (with the async-context manager), so that log lines carry a trace id even when
 * nothing is exported (spans are then not recorded); exporters only for the settings given.
 */
export async function startTelemetry(settings: TelemetrySettings, logger: Logger): Promise<Telemetry> {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'partner-benefits-bot', [ATTR_SERVICE_VERSION]: settings.serviceVersion ?? packageVersion() });
  const spanProcessors: SpanProcessor[] = [...(settings.extraSpanProcessors ?? [])];
  const metricReaders: MetricReader[] = [...(settings.extraMetricReaders ?? [])];
  if (settings.otlpEndpoint) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-http');
    const { PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter() as SpanExporter));
    metricReaders.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 60_000 }));
  }
  if (settings.applicationInsights) {
    // Azure Monitor's distro registers its own providers (with HTTP and pg instrumentation, live
    // metrics): ours, and any OTLP exporter, go through it.
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: settings.applicationInsights },
      resource,
      spanProcessors,
      metricReaders,
    } as Parameters<typeof useAzureMonitor>[0]);
    logger.info({ otlp: Boolean(settings.otlpEndpoint), applicationInsights: true }, 'telemetry: exporting');
    return { stop: () => shutdownAzureMonitor() };
  }
  // With nowhere to send them, spans are not recorded (they still carry a trace id, for the log lines):
  // recording each turn's spans and their attributes only to drop them was ~5% of a turn's CPU. Metrics
  // with no reader are not collected at all (the API's no-op meter; the metrics SDK, ~20 ms of a start, is not loaded).
  const tracing = new NodeTracerProvider({ resource, spanProcessors, ...(spanProcessors.length ? {} : { sampler: new AlwaysOffSampler() }) });
  tracing.register();
  const metering = metricReaders.length ? new (await import('@opentelemetry/sdk-metrics')).MeterProvider({ resource, readers: metricReaders }) : undefined;
  if (metering) metrics.setGlobalMeterProvider(metering);
  if (settings.otlpEndpoint) logger.info({ otlp: true, applicationInsights: false }, 'telemetry: exporting');
  return {
    stop: async () => {
      await Promise.allSettled([tracing.shutdown(), metering?.shutdown()]);
      trace.disable();
      metrics.disable();
    },
  };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
}
