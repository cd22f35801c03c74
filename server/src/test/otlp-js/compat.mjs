// Sends CLI runs as spans with the official OTLP/HTTP protobuf exporter, configured only through
// the standard environment variables (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS,
// OTEL_EXPORTER_OTLP_COMPRESSION), as a Node CLI instrumented with the SDK would.
// The runs are those of CliRunsScenario.java; the Java test then checks /reports/summary.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api'

const results = []

function provider(host) {
  const exporter = new OTLPTraceExporter()
  // records each export's result: the batch processor itself only logs failures
  const recording = {
    export: (spans, done) =>
      exporter.export(spans, (result) => {
        results.push(result)
        done(result)
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  }
  return new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'terraform',
      'service.version': '1.9.2',
      'host.id': host,
    }),
    spanProcessors: [new BatchSpanProcessor(recording)],
  })
}

function run(tracer, parent, start, exit, user, ...args) {
  const span = tracer.startSpan(
    'terraform',
    {
      kind: SpanKind.INTERNAL,
      startTime: start,
      attributes: {
        'process.executable.name': 'terraform',
        'process.command_args': ['terraform', ...args],
        'enduser.id': user,
      },
    },
    parent,
  )
  span.setAttribute('process.exit.code', exit)
  if (exit !== 0) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'Error: creating instance: permission denied' })
  }
  span.end(new Date(start.getTime() + 30_000))
  return span
}

const threeHoursAgo = new Date(Date.now() - 3 * 3600_000)
const at = (seconds) => new Date(threeHoursAgo.getTime() + seconds * 1000)

const alice = provider('host-alice')
const aliceTracer = alice.getTracer('terraform-cli')
// the shell that ran Alice's commands propagated one trace context (TRACEPARENT)
const shell = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
})
run(aliceTracer, shell, at(0), 0, 'alice', 'plan', '-out=plan.bin')
const failing = run(aliceTracer, shell, at(120), 1, 'alice', 'apply')
aliceTracer
  .startSpan('GET', { kind: SpanKind.CLIENT, startTime: at(121) }, trace.setSpan(ROOT_CONTEXT, failing))
  .end(at(122))
run(aliceTracer, shell, at(240), 0, 'alice', 'apply', '--auto-approve')
await alice.shutdown()

const bob = provider('host-bob')
run(bob.getTracer('terraform-cli'), ROOT_CONTEXT, at(0), 1, 'bob', 'apply')
await bob.shutdown()

const carol = provider('host-carol')
const now = new Date(Date.now() - 60_000)
carol
  .getTracer('terraform-cli')
  .startSpan(
    'terraform',
    {
      kind: SpanKind.INTERNAL,
      startTime: now,
      attributes: {
        'process.executable.name': 'terraform',
        'process.command_args': ['terraform', 'version'],
        'enduser.id': 'carol',
      },
    },
    ROOT_CONTEXT,
  )
  .end(new Date(now.getTime() + 40))
await carol.shutdown()

const failed = results.filter((r) => r.code !== 0)
if (results.length === 0 || failed.length > 0) {
  console.error(`otlp-js compat FAILED: ${results.length} exports, failures: ${failed.map((r) => String(r.error))}`)
  process.exit(1)
}
console.log(JSON.stringify({ ok: true, exports: results.length }))
