package outpost.alerts.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.notify.TimePeriod;
import outpost.alerts.state.CheckPolicy;

/**
 * Loads and validates the checks file (format in {@code alerts/CHECKS-FILE.md}). Every error is an
 * {@link AlertConfigException} naming the file, line, key and reason: unknown keys, bad values,
 * unknown contacts, groups or parents, and every check kind's own parameter errors (each check is
 * built once against its host, or a sample host for templates).
 */
public final class ChecksFileLoader {
  /** Bigger files are refused: a checks file is written by hand. */
  public static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The target template checks are validated against. */
  public static final CheckTarget SAMPLE_TARGET = new CheckTarget("sample-host", "192.0.2.10");

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,254}");
  private static final Set<String> TOP =
      Set.of("defaults", "contacts", "notify", "hosts", "host_groups", "templates", "checks");

  private final CheckBuilder builder;
  private final String selfName;

  /**
   * @param builder builds checks to validate them ({@code new CheckFactory(env)::create})
   * @param selfName the host of checks that name none
   */
  public ChecksFileLoader(CheckBuilder builder, String selfName) {
    this.builder = builder;
    this.selfName = selfName;
  }

  /**
   * @throws IOException when the file cannot be read
   * @throws AlertConfigException when it is invalid
   */
  public ChecksFile load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new AlertConfigException(
          file, 0, "(document)", "size " + size + " bytes exceeds limit " + MAX_FILE_BYTES);
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file, new YamlReader(file).read(r));
    }
  }

  private ChecksFile parse(Path file, YamlNode root) {
    Fields top = Fields.of(file, "", root, TOP);
    List<ContactConfig> contacts = contacts(file, top);
    Set<String> contactNames = new LinkedHashSet<>();
    contacts.forEach(c -> contactNames.add(c.name()));
    var reader = new CheckDefinitionReader(file, builder, contactNames);
    CheckDefaults defaults = defaults(file, top, reader);
    Routing routing = Routing.NONE;
    if (top.has("notify")) {
      routing =
          reader.routing(
              Fields.of(file, "notify", top.node("notify"), Set.of("contacts", "escalations")),
              Routing.NONE);
    }
    List<StaticHost> hosts = hosts(file, top);
    List<HostGroup> groups = groups(file, top);
    List<HostTemplate> templates = templates(file, top, reader, defaults, routing, groups);
    List<CheckDefinition> checks = checks(file, top, reader, defaults, routing, hosts);
    return new ChecksFile(defaults, contacts, routing, hosts, groups, templates, checks);
  }

  private CheckDefaults defaults(Path file, Fields top, CheckDefinitionReader reader) {
    if (!top.has("defaults")) {
      return CheckDefaults.BUILT_IN;
    }
    Set<String> keys = new HashSet<>(CheckDefinitionReader.POLICY_KEYS);
    keys.add("self_checks");
    keys.add("host_freshness");
    Fields f = Fields.of(file, "defaults", top.node("defaults"), keys);
    CheckPolicy policy = reader.policy(f, CheckPolicy.DEFAULTS);
    boolean self = f.bool("self_checks", true);
    Duration freshness =
        f.parsed(
            "host_freshness",
            CheckDefaults.DEFAULT_HOST_FRESHNESS,
            s -> s.strip().equalsIgnoreCase("off") ? null : positive(Durations.parse(s)));
    if (f.has("host_freshness") && "off".equalsIgnoreCase(f.string("host_freshness", "").strip())) {
      freshness = null;
    }
    return new CheckDefaults(policy, self, freshness);
  }

  private static Duration positive(Duration d) {
    if (d.isZero()) {
      throw new IllegalArgumentException("must be positive (or off)");
    }
    return d;
  }

  private List<ContactConfig> contacts(Path file, Fields top) {
    List<ContactConfig> out = new ArrayList<>();
    Set<String> phones = new HashSet<>();
    List<YamlNode> items = top.items("contacts");
    for (int i = 0; i < items.size(); i++) {
      Fields f =
          Fields.of(
              file,
              "contacts[" + i + "]",
              items.get(i),
              Set.of("name", "phone", "webhook", "period", "zone"));
      String name = name(file, f, "name");
      if (out.stream().anyMatch(c -> c.name().equals(name))) {
        throw f.error("name", "contact \"" + name + "\" declared twice");
      }
      String phone = f.string("phone", "");
      if (!phone.isEmpty() && !E164.matcher(phone).matches()) {
        throw f.error("phone", "\"" + phone + "\" is not an E.164 number (+ and 7 to 15 digits)");
      }
      if (!phone.isEmpty() && !phones.add(phone)) {
        throw f.error("phone", phone + " belongs to another contact already");
      }
      URI webhook = f.parsed("webhook", null, ChecksFileLoader::webhook);
      if (phone.isEmpty() && webhook == null) {
        throw new AlertConfigException(
            file, f.line(), f.path("phone"), "a contact needs a phone or a webhook");
      }
      ZoneId zone = f.parsed("zone", ZoneId.of("UTC"), ZoneId::of);
      f.parsed("period", null, text -> TimePeriod.parse(text, zone));
      out.add(
          new ContactConfig(
              name, phone, webhook, f.string("period", null), zone, f.line("period")));
    }
    return out;
  }

  private static URI webhook(String text) {
    try {
      URI u = new URI(text.strip());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("\"" + text + "\" is not an http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason());
    }
  }

  private static String name(Path file, Fields f, String key) {
    String name = f.required(key);
    if (!NAME.matcher(name).matches()) {
      throw f.error(
          key, "\"" + name + "\" is not a name (letters, digits, . _ : @ -; at most 255)");
    }
    return name;
  }

  private List<StaticHost> hosts(Path file, Fields top) {
    List<StaticHost> out = new ArrayList<>();
    List<YamlNode> items = top.items("hosts");
    List<Fields> fields = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Fields f =
          Fields.of(file, "hosts[" + i + "]", items.get(i), Set.of("name", "address", "parents"));
      String name = name(file, f, "name");
      if (name.equals(selfName) || out.stream().anyMatch(h -> h.name().equals(name))) {
        throw f.error("name", "host \"" + name + "\" declared twice (or is Outpost's own name)");
      }
      out.add(new StaticHost(name, f.string("address", null), f.strings("parents")));
      fields.add(f);
    }
    for (int i = 0; i < out.size(); i++) {
      for (String parent : out.get(i).parents()) {
        if (parent.equals(out.get(i).name())
            || out.stream().noneMatch(h -> h.name().equals(parent))) {
          throw fields
              .get(i)
              .error("parents", "parent \"" + parent + "\" is not another host declared in hosts");
        }
      }
    }
    return out;
  }

  private List<HostGroup> groups(Path file, Fields top) {
    List<HostGroup> out = new ArrayList<>();
    List<YamlNode> items = top.items("host_groups");
    for (int i = 0; i < items.size(); i++) {
      Fields f = Fields.of(file, "host_groups[" + i + "]", items.get(i), Set.of("name", "match"));
      String name = name(file, f, "name");
      if (out.stream().anyMatch(g -> g.name().equals(name))) {
        throw f.error("name", "host group \"" + name + "\" declared twice");
      }
      if (!f.has("match")) {
        throw new AlertConfigException(file, f.line(), f.path("match"), "missing");
      }
      Fields m = Fields.of(file, f.path("match"), f.node("match"), Set.of("host", "app"));
      if (!m.has("host") && !m.has("app")) {
        throw new AlertConfigException(file, m.line(), m.path(), "needs host and/or app");
      }
      out.add(new HostGroup(name, m.string("host", ""), m.string("app", "")));
    }
    return out;
  }

  private List<HostTemplate> templates(
      Path file,
      Fields top,
      CheckDefinitionReader reader,
      CheckDefaults defaults,
      Routing routing,
      List<HostGroup> groups) {
    List<HostTemplate> out = new ArrayList<>();
    List<YamlNode> items = top.items("templates");
    for (int i = 0; i < items.size(); i++) {
      String path = "templates[" + i + "]";
      Fields f = Fields.of(file, path, items.get(i), Set.of("group", "host_check", "services"));
      String group = f.required("group");
      if (groups.stream().noneMatch(g -> g.name().equals(group))) {
        throw f.error("group", "unknown host group \"" + group + "\"");
      }
      CheckDefinition hostCheck = null;
      if (f.has("host_check")) {
        hostCheck =
            reader.read(
                f.node("host_check"),
                f.path("host_check"),
                Set.of(),
                "",
                null,
                SAMPLE_TARGET,
                defaults.policy(),
                routing);
      }
      List<CheckDefinition> services = new ArrayList<>();
      List<YamlNode> svc = f.items("services");
      for (int j = 0; j < svc.size(); j++) {
        String sp = f.path("services") + "[" + j + "]";
        String name = serviceName(file, sp, svc.get(j));
        if (services.stream().anyMatch(s -> s.service().equals(name))) {
          throw new AlertConfigException(
              file,
              svc.get(j).line(),
              sp + ".name",
              "service \"" + name + "\" declared twice in this template");
        }
        services.add(
            reader.read(
                svc.get(j),
                sp,
                Set.of("name"),
                name,
                null,
                SAMPLE_TARGET,
                defaults.policy(),
                routing));
      }
      out.add(new HostTemplate(group, hostCheck, services));
    }
    return out;
  }

  private static String serviceName(Path file, String path, YamlNode node) {
    Fields f =
        Fields.of(
            file, path, node, node instanceof YamlNode.Mapping m ? m.entries().keySet() : Set.of());
    return name(file, f, "name");
  }

  private List<CheckDefinition> checks(
      Path file,
      Fields top,
      CheckDefinitionReader reader,
      CheckDefaults defaults,
      Routing routing,
      List<StaticHost> hosts) {
    List<CheckDefinition> out = new ArrayList<>();
    List<YamlNode> items = top.items("checks");
    for (int i = 0; i < items.size(); i++) {
      String path = "checks[" + i + "]";
      YamlNode node = items.get(i);
      Fields f =
          Fields.of(
              file,
              path,
              node,
              node instanceof YamlNode.Mapping m ? m.entries().keySet() : Set.of());
      String service = name(file, f, "name");
      String host = f.has("host") ? name(file, f, "host") : selfName;
      if (out.stream().anyMatch(c -> c.host().equals(host) && c.service().equals(service))) {
        throw f.error("name", "check \"" + host + "/" + service + "\" declared twice");
      }
      String address =
          hosts.stream()
              .filter(h -> h.name().equals(host))
              .map(StaticHost::address)
              .findFirst()
              .orElse(host);
      out.add(
          reader.read(
              node,
              path,
              Set.of("name", "host"),
              service,
              host,
              new CheckTarget(host, address),
              defaults.policy(),
              routing));
    }
    return out;
  }
}
