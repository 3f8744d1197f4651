package outpost.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds TCP listeners configured on the same port (syslog TCP, TLS, RELP, RELP over TLS and the web
 * server), which would fail only when the second one binds. Port 0 (any free port) and -1 (off)
 * never collide; neither do listeners on two different specific addresses. Stateless.
 */
final class PortConflicts {
  private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]", "*");

  private PortConflicts() {}

  /** One message per key whose port an earlier key already uses, naming both keys. */
  static List<String> find(ConfigSource src, OutpostConfig config) {
    OutpostConfig.Syslog s = config.syslog();
    Map<ConfigKey, Integer> ports = new LinkedHashMap<>();
    ports.put(ConfigKeys.SYSLOG_TCP_PORT, s.tcpPort());
    ports.put(ConfigKeys.SYSLOG_TLS_PORT, s.tlsPort());
    ports.put(ConfigKeys.SYSLOG_RELP_PORT, s.relpPort());
    ports.put(ConfigKeys.SYSLOG_RELP_TLS_PORT, s.relpTlsPort());
    ports.put(ConfigKeys.WEB_PORT, config.web().port());
    List<String> problems = new ArrayList<>();
    List<Map.Entry<ConfigKey, Integer>> seen = new ArrayList<>();
    for (Map.Entry<ConfigKey, Integer> e : ports.entrySet()) {
      for (Map.Entry<ConfigKey, Integer> earlier : seen) {
        if (e.getValue() > 0
            && e.getValue().equals(earlier.getValue())
            && sameAddress(config, e.getKey(), earlier.getKey())) {
          problems.add(
              src.invalid(
                      e.getKey(),
                      "port "
                          + e.getValue()
                          + " is also "
                          + earlier.getKey().path()
                          + "; each TCP listener needs its own port")
                  .getMessage());
          break;
        }
      }
      seen.add(e);
    }
    return problems;
  }

  private static boolean sameAddress(OutpostConfig config, ConfigKey a, ConfigKey b) {
    String bindA = a == ConfigKeys.WEB_PORT ? config.web().bind() : config.syslog().bind();
    String bindB = b == ConfigKeys.WEB_PORT ? config.web().bind() : config.syslog().bind();
    return bindA.equals(bindB) || ANY_ADDRESS.contains(bindA) || ANY_ADDRESS.contains(bindB);
  }
}
