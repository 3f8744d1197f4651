package outpost.alerts.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import outpost.alerts.check.CheckConfigException;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.state.CheckPolicy;

/**
 * Reads the policy fields, contacts and kind parameters of one check (in {@code checks}, a
 * template's {@code services} or {@code host_check}) and validates it by building it.
 */
final class CheckDefinitionReader {
  static final Set<String> POLICY_KEYS =
      Set.of(
          "max_check_attempts",
          "check_interval",
          "retry_interval",
          "notification_interval",
          "first_notification_delay",
          "flap_detection",
          "flap_low_threshold",
          "flap_high_threshold");
  private static final Set<String> ROUTING_KEYS = Set.of("contacts", "escalations");

  private final Path file;
  private final CheckBuilder builder;
  private final Set<String> contactNames;

  CheckDefinitionReader(Path file, CheckBuilder builder, Set<String> contactNames) {
    this.file = file;
    this.builder = builder;
    this.contactNames = contactNames;
  }

  /** The policy keys of {@code f} applied over {@code base}. */
  CheckPolicy policy(Fields f, CheckPolicy base) {
    CheckPolicy p;
    try {
      p =
          new CheckPolicy(
              f.integer("max_check_attempts", base.maxCheckAttempts(), 1, 100),
              f.duration("check_interval", base.checkInterval()),
              f.duration("retry_interval", base.retryInterval()),
              f.duration("notification_interval", base.notificationInterval()),
              f.duration("first_notification_delay", base.firstNotificationDelay()),
              base.escalations(),
              f.bool("flap_detection", base.flapDetection()),
              f.number("flap_low_threshold", base.flapLowThreshold(), 0, 100),
              f.number("flap_high_threshold", base.flapHighThreshold(), 0, 100));
    } catch (IllegalArgumentException e) {
      throw new AlertConfigException(file, f.line(), f.path(), e.getMessage());
    }
    return p;
  }

  /**
   * One check definition.
   *
   * @param fixedKeys the keys that are not kind parameters here ({@code name}, {@code host} ...)
   * @param target what to build it against for validation
   */
  CheckDefinition read(
      YamlNode node,
      String path,
      Set<String> fixedKeys,
      String service,
      String host,
      CheckTarget target,
      CheckPolicy basePolicy,
      Routing baseRouting) {
    Fields f = Fields.of(file, path, node, anyKey(node));
    Set<String> reserved = new HashSet<>(fixedKeys);
    reserved.addAll(POLICY_KEYS);
    reserved.addAll(ROUTING_KEYS);
    reserved.add("kind");
    String kind = f.required("kind");
    Map<String, String> params = new LinkedHashMap<>();
    for (var e : f.entries().entrySet()) {
      if (!reserved.contains(e.getKey())) {
        params.put(e.getKey(), paramText(f, e.getKey(), e.getValue()));
      }
    }
    CheckPolicy policy = policy(f, basePolicy);
    Routing routing = routing(f, baseRouting);
    policy = withEscalations(f, policy, routing);
    var def =
        new CheckDefinition(
            service,
            host,
            kind,
            params,
            policy,
            routing,
            new CheckDefinition.Source(path, f.line()));
    validate(f, def, target);
    return def;
  }

  private CheckPolicy withEscalations(Fields f, CheckPolicy p, Routing r) {
    return new CheckPolicy(
        p.maxCheckAttempts(),
        p.checkInterval(),
        p.retryInterval(),
        p.notificationInterval(),
        p.firstNotificationDelay(),
        r.delays(),
        p.flapDetection(),
        p.flapLowThreshold(),
        p.flapHighThreshold());
  }

  private static Set<String> anyKey(YamlNode node) {
    return node instanceof YamlNode.Mapping m ? m.entries().keySet() : Set.of();
  }

  private String paramText(Fields f, String key, YamlNode value) {
    return switch (value) {
      case YamlNode.Scalar s -> s.text() == null ? "" : s.text();
      case YamlNode.Sequence seq -> String.join(",", f.strings(key));
      case YamlNode.Mapping m -> throw f.error(key, "expected a value or a list, found a mapping");
    };
  }

  /** {@code contacts} and {@code escalations} of {@code f}, each replacing {@code base}'s. */
  Routing routing(Fields f, Routing base) {
    List<String> contacts = f.has("contacts") ? contacts(f, "contacts") : base.contacts();
    List<Escalation> escalations = base.escalations();
    if (f.has("escalations")) {
      List<YamlNode> items = f.items("escalations");
      escalations =
          Stream.iterate(0, i -> i < items.size(), i -> i + 1)
              .map(i -> escalation(items.get(i), f.path("escalations") + "[" + i + "]"))
              .toList();
    }
    return new Routing(contacts, escalations);
  }

  private Escalation escalation(YamlNode node, String path) {
    Fields e = Fields.of(file, path, node, Set.of("after", "contacts"));
    var after = e.duration("after", null);
    if (after == null) {
      throw new AlertConfigException(file, e.line(), e.path("after"), "missing");
    }
    List<String> contacts = contacts(e, "contacts");
    if (contacts.isEmpty()) {
      throw new AlertConfigException(file, e.line(), e.path("contacts"), "missing");
    }
    return new Escalation(after, contacts);
  }

  List<String> contacts(Fields f, String key) {
    List<String> names = f.strings(key);
    for (String n : names) {
      if (!contactNames.contains(n)) {
        throw f.error(
            key,
            "unknown contact \""
                + n
                + "\" (declared: "
                + (contactNames.isEmpty()
                    ? "none"
                    : String.join(", ", contactNames.stream().sorted().toList()))
                + ")");
      }
    }
    return names;
  }

  private void validate(Fields f, CheckDefinition def, CheckTarget target) {
    try {
      builder.build(def.kind(), def.params(), target);
    } catch (CheckConfigException e) {
      String param = e.parameter();
      throw new AlertConfigException(file, f.line(param), f.path(param), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new AlertConfigException(file, f.line("kind"), f.path("kind"), e.getMessage());
    }
  }
}
