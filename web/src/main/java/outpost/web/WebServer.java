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
import java.net.URI;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.web.alerts.AlertRoutes;
import outpost.web.api.DashboardController;
import outpost.web.api.EventsController;
import outpost.web.api.HealthController;
import outpost.web.api.HostsController;
import outpost.web.api.MetricsController;
import outpost.web.api.OverviewController;
import outpost.web.api.SavedSearchController;
import outpost.web.api.SearchController;
import outpost.web.api.TailController;
import outpost.web.api.TimeParser;
import outpost.web.api.TimeSpec;
import outpost.web.auth.Role;
import outpost.web.auth.UserStore;
import outpost.web.auth.api.AuthRoutes;
import outpost.web.http.Access;
import outpost.web.http.ErrorMapper;
import outpost.web.http.HtmlSafeEscapes;
import outpost.web.http.RequestMetrics;
import outpost.web.http.SecurityHeaders;
import outpost.web.tail.TailStreams;
import outpost.web.tls.HttpsConnector;
import outpost.web.ui.PageController;
import outpost.web.ui.UiAssets;

/**
 * Outpost's HTTP server: a small facade over Javalin (Jetty) serving {@code /health}, {@code
 * /metrics} and the JSON API under {@code /api}, over plain HTTP or, when {@link WebConfig#tls()}
 * is set, HTTPS only. Logins (sessions, API tokens, Basic) come from {@link AuthRoutes}. All routes
 * are registered in one method, {@code routes}. {@link #start()} binds the JVM metrics (memory, GC,
 * threads, class loading, processor, uptime) to the registry; {@link #close()} unbinds the GC
 * listeners.
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
  private final TailStreams tailStreams = new TailStreams();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the server without binding anything.
   *
   * @param services what the routes serve: store, tail, hosts, health, users, saved searches
   * @param registry the application's registry, served at {@code /metrics}
   * @param clock for default time ranges and {@code now-15m}; sessions, throttles and cache
   */
  public WebServer(
      WebConfig config,
      WebServices services,
      PrometheusMeterRegistry registry,
      InstantSource clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(clock, "clock");
    UserStore users = services.users();
    AuthRoutes auth =
        AuthRoutes.create(users, services.tokens(), clock, registry, config.tls().isPresent());
    var controllers =
        new Controllers(
            new HealthController(services.health()),
            new MetricsController(registry),
            new SearchController(services.search(), clock),
            new EventsController(services.search(), clock),
            new SavedSearchController(
                services.savedSearches(),
                user -> users.find(user).map(u -> u.role() == Role.ADMIN).orElse(false)),
            new TailController(services.search(), services.tail(), tailStreams),
            new HostsController(services.hosts(), clock),
            new OverviewController(services.search(), services.hosts(), services.alerts(), clock),
            new DashboardController(services.search(), clock),
            auth,
            new AlertRoutes(services.alerts(), services.publicUrl(), clock),
            services.alerts().elsewhere());
    this.app =
        Javalin.create(
            javalin -> {
              configure(javalin, registry);
              javalin.validation.register(TimeSpec.class, TimeParser::parse);
              routes(
                  javalin.routes,
                  controllers,
                  config.metricsRequireLogin(),
                  config.tls().isPresent());
            });
  }

  private record Controllers(
      HealthController health,
      MetricsController metrics,
      SearchController search,
      EventsController events,
      SavedSearchController savedSearches,
      TailController tail,
      HostsController hosts,
      OverviewController overview,
      DashboardController dashboard,
      AuthRoutes auth,
      AlertRoutes alerts,
      Optional<URI> alertsNode) {}

  /** Every route of the server. */
  private static void routes(
      RoutesConfig routes, Controllers c, boolean metricsRequireLogin, boolean tls) {
    routes.before(new SecurityHeaders(tls));
    routes.beforeMatched(c.auth().accessFilter());
    c.auth().register(routes);
    routes.get("/health", c.health()::health, Access.ANYONE);
    routes.get("/metrics", c.metrics()::metrics, metricsRequireLogin ? Access.USER : Access.ANYONE);
    routes.get("/api/search", c.search()::search, Access.USER);
    routes.get("/api/histogram", c.search()::histogram, Access.USER);
    routes.get("/api/facets", c.search()::facets, Access.USER);
    routes.get("/api/top-values", c.search()::topValues, Access.USER);
    routes.get("/api/fields", c.events()::fields, Access.USER);
    routes.get("/api/events/{id}", c.events()::context, Access.USER);
    routes.get("/api/saved-searches", c.savedSearches()::list, Access.USER);
    routes.post("/api/saved-searches", c.savedSearches()::create, Access.USER);
    routes.delete("/api/saved-searches/{id}", c.savedSearches()::delete, Access.USER);
    routes.get("/api/tail", c.tail()::tail, Access.USER);
    routes.get("/api/hosts", c.hosts()::list, Access.USER);
    routes.post("/api/hosts/{name}/retire", c.hosts()::retire, Access.USER);
    routes.delete("/api/hosts/{name}", c.hosts()::forget, Access.ADMIN);
    routes.get("/api/overview", c.overview()::overview, Access.USER);
    routes.get("/api/dashboard", c.dashboard()::dashboard, Access.USER);
    c.alerts().register(routes);
    new PageController(UiAssets.load(), c.alertsNode()).register(routes);
    ErrorMapper.register(routes);
  }

  private void configure(JavalinConfig javalin, PrometheusMeterRegistry registry) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.http.maxRequestSize = config.maxRequestBytes();
    javalin.jetty.modifyHttpConfiguration(this::limit);
    config
        .tls()
        .ifPresent(
            identity ->
                javalin.jetty.addConnector(
                    (server, http) -> {
                      HttpConfiguration limited = new HttpConfiguration(http);
                      limit(limited);
                      return HttpsConnector.create(
                          server, limited, identity, config.bindAddress(), config.port());
                    }));
    javalin.jsonMapper(new JavalinJackson(jsonMapper(), false));
    javalin.requestLogger.http(new RequestMetrics(registry));
  }

  private void limit(HttpConfiguration http) {
    http.setRequestHeaderSize(config.maxRequestHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
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
    LOG.info(
        "{} listening on {}:{}",
        config.tls().isPresent() ? "HTTPS" : "HTTP",
        config.bindAddress(),
        app.port());
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
      tailStreams.close();
      if (started.get()) {
        app.stop();
      }
    } finally {
      gcMetrics.close();
    }
  }
}
