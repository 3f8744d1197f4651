package outpost.alerts.config;

import java.util.Map;
import java.util.Objects;
import outpost.alerts.state.CheckPolicy;

/**
 * One check as configured, before it is bound to a host.
 *
 * @param service the service name; empty for a host check
 * @param host the host it is bound to; null in a template (bound to each host of the group)
 * @param kind the check kind ({@code http}, {@code log}, ...)
 * @param params the kind's parameters as written (macros not yet expanded)
 * @param policy scheduling and notification policy, the file's defaults overridden
 * @param routing contacts and escalations
 * @param source where it was declared ({@code checks[2]}, {@code templates[0].services[1]}) and on
 *     which line, for errors found later
 */
public record CheckDefinition(
    String service,
    String host,
    String kind,
    Map<String, String> params,
    CheckPolicy policy,
    Routing routing,
    Source source) {

  /** Where a definition sits in the checks file. */
  public record Source(String path, int line) {}

  public CheckDefinition {
    service = Objects.requireNonNullElse(service, "");
    Objects.requireNonNull(kind, "kind");
    params = Map.copyOf(params);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(source, "source");
  }

  /** The same definition bound to {@code host}. */
  public CheckDefinition on(String host) {
    return new CheckDefinition(service, host, kind, params, policy, routing, source);
  }
}
