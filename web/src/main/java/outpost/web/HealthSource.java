package outpost.web;

/**
 * Reports the current health of one component (ingest, index, ...) for {@code GET /health}. The
 * server registers one per component name, usually as a lambda adapting the component's own status
 * record: {@code () -> ComponentHealth.up(ingest.status())}.
 *
 * <p>Called on every {@code /health} request, from HTTP worker threads, possibly concurrently: it
 * must be thread-safe, cheap and non-blocking (read counters and flags; do no I/O). If it throws,
 * the component is reported {@code down} and the exception is logged.
 */
@FunctionalInterface
public interface HealthSource {
  ComponentHealth health();
}
