package outpost.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogSearch;
import outpost.web.api.HealthController;
import outpost.web.api.MetricsController;
import outpost.web.api.SearchController;
import outpost.web.api.TimeParser;
import outpost.web.api.TimeSpec;
import outpost.web.auth.BasicAuthenticator;
import outpost.web.auth.CredentialCache;
import outpost.web.auth.LoginThrottle;
import outpost.web.auth.UserStore;
import outpost.web.http.Access;
import outpost.web.http.AccessFilter;
import outpost.web.http.ErrorMapper;
import outpost.web.http.HtmlSafeEscapes;
import outpost.web.http.RequestMetrics;
import outpost.web.http.SecurityHeaders;
import outpost.web.ui.PageController;
import outpost.web.ui.UiAssets;

/**
 * Outpost's HTTP server: a small facade over Javalin (Jetty) serving {@code /health}, {@code
 * /metrics} and the JSON API under {@code /api}. All routes are registered in one method, {@code
 * routes}. {@link #start()} binds the JVM metrics (memory, GC, threads, class loading, processor,
 * uptime) to the registry; {@link #close()} unbinds the GC listeners.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()} (safe to call twice, and without
 * a start). The owner closes it. {@code start} and {@code close} are thread-safe.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  private final WebConfig config;
  private final PrometheusMeterRegistry registry;
  private final Javalin app;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the server without binding anything.
   *
   * @param search the store's read side
   * @param health one source per component name ({@code ingest}, {@code index}, ...)
   * @param registry the application's registry, served at {@code /metrics}
   * @param users who may log in
   * @param clock for default time ranges and {@code now-15m}; the login throttle and cache
   */
  public WebServer(
      WebConfig config,
      LogSearch search,
      Map<String, HealthSource> health,
      PrometheusMeterRegistry registry,
      UserStore users,
      InstantSource clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(clock, "clock");
    var basic =
        new BasicAuthenticator(
            users,
            new CredentialCache(CredentialCache.DEFAULT_TTL, clock),
            new LoginThrottle(
                LoginThrottle.DEFAULT_MAX_FAILURES, LoginThrottle.DEFAULT_WINDOW, clock),
            registry);
    var controllers =
        new Controllers(
            new HealthController(health),
            new MetricsController(registry),
            new SearchController(search, clock),
            new AccessFilter(basic));
    this.app =
        Javalin.create(
            javalin -> {
              configure(javalin, registry);
              javalin.validation.register(TimeSpec.class, TimeParser::parse);
              routes(javalin.routes, controllers, config.metricsRequireLogin());
            });
  }

  private record Controllers(
      HealthController health,
      MetricsController metrics,
      SearchController search,
      AccessFilter access) {}

  /** Every route of the server. */
  private static void routes(RoutesConfig routes, Controllers c, boolean metricsRequireLogin) {
    routes.before(new SecurityHeaders());
    routes.beforeMatched(c.access());
    routes.get("/health", c.health()::health, Access.ANYONE);
    routes.get("/metrics", c.metrics()::metrics, metricsRequireLogin ? Access.USER : Access.ANYONE);
    routes.get("/api/search", c.search()::search, Access.USER);
    routes.get("/api/histogram", c.search()::histogram, Access.USER);
    routes.get("/api/facets", c.search()::facets, Access.USER);
    new PageController(UiAssets.load()).register(routes);
    ErrorMapper.register(routes);
  }

  private void configure(JavalinConfig javalin, PrometheusMeterRegistry registry) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.http.maxRequestSize = config.maxRequestBytes();
    javalin.jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(config.maxRequestHeaderBytes());
          http.setSendServerVersion(false);
          http.setSendXPoweredBy(false);
        });
    javalin.jsonMapper(new JavalinJackson(jsonMapper(), false));
    javalin.requestLogger.http(new RequestMetrics(registry));
  }

  /**
   * Jackson for the DTOs and for health details, which may hold java.time values; escapes HTML
   * characters.
   */
  static ObjectMapper jsonMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return mapper;
  }

  private void bindJvmMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Binds the configured address and port and starts serving.
   *
   * @return the bound port (the chosen one when configured with 0)
   * @throws IllegalStateException when started twice or after close
   * @throws io.javalin.util.JavalinBindException when the port cannot be bound
   */
  public int start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("web server already started or closed");
    }
    try {
      bindJvmMetrics();
      app.start(config.bindAddress(), config.port());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("HTTP listening on {}:{}", config.bindAddress(), app.port());
    return app.port();
  }

  /** The bound port; only meaningful after {@link #start()}. */
  public int port() {
    return app.port();
  }

  /** Stops serving and releases the port and threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (started.get()) {
        app.stop();
      }
    } finally {
      gcMetrics.close();
    }
  }
}
