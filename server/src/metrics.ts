// Prometheus metrics of the service itself (GET /metrics), on prom-client's default registry.
import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client'

collectDefaultMetrics({ prefix: 'radar_' })

export const ingestCounter = new Counter({
  name: 'radar_ingest_events_total',
  help: 'Events received at POST /api/v1/events, by outcome',
  labelNames: ['outcome'] as const,
})

export const httpDuration = new Histogram({
  name: 'radar_http_request_duration_seconds',
  help: 'HTTP request duration by route and status code',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
})

export { register as metricsRegistry }
