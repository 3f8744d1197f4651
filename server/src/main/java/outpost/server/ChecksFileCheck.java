package outpost.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.InstantSource;
import java.util.Optional;
import outpost.alerts.AlertSettings;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.CheckFactory;
import outpost.alerts.check.SelfStatus;
import outpost.alerts.config.ChecksFileLoader;
import outpost.index.HostDirectory;
import outpost.index.LogSearch;

/**
 * {@code --check-config} for the checks file: loads and validates it as the engine would (every
 * check built once) without opening the store or the alerts database. The checks are only
 * constructed, never run, so the store they would read is a stand-in that refuses every call.
 * Stateless.
 */
final class ChecksFileCheck {
  private ChecksFileCheck() {}

  /**
   * @throws outpost.alerts.config.AlertConfigException naming file, line, key and reason
   * @throws UncheckedIOException when the file cannot be read
   */
  static void validate(AlertSettings settings) {
    if (settings == null || settings.checksFile() == null) {
      return;
    }
    CheckEnvironment env =
        new CheckEnvironment(
            unavailable(LogSearch.class),
            unavailable(HostDirectory.class),
            (host, service) -> Optional.empty(),
            () -> new SelfStatus(0, 0, 0, 0, 0, 0),
            InstantSource.system());
    try {
      new ChecksFileLoader(new CheckFactory(env)::create, settings.selfName())
          .load(settings.checksFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + settings.checksFile(), e);
    }
  }

  private static <T> T unavailable(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "toString" -> "unavailable " + type.getSimpleName();
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> proxy == args[0];
                };
              }
              throw new IllegalStateException(
                  type.getSimpleName() + " is not open while checking the configuration");
            }));
  }
}
