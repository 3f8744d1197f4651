package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.web.api.TailController;
import outpost.web.http.AccessFilter;
import outpost.web.http.ErrorMapper;
import outpost.web.tail.TailPacing;
import outpost.web.tail.TailStreams;

/**
 * The tail controller on a bare Javalin (no login: the user is set by a before-handler) with fast
 * pacing, to see the keepalive comments and the stats cadence without waiting 15 seconds.
 */
class TailPacingTest {
  private static final TailPacing FAST =
      new TailPacing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(300));

  private final FakeLogSearch search = new FakeLogSearch();
  private final FakeLogTail tail = new FakeLogTail();
  private final TailStreams streams = new TailStreams(50, 5, FAST);
  private Javalin app;

  private int start() {
    TailController controller = new TailController(search, tail, streams);
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(WebServer.jsonMapper(), false));
              config.routes.before(ctx -> ctx.attribute(AccessFilter.USER_ATTRIBUTE, "alice"));
              config.routes.get("/api/tail", controller::tail);
              ErrorMapper.register(config.routes);
            });
    app.start("127.0.0.1", 0);
    return app.port();
  }

  @AfterEach
  void stop() {
    streams.close();
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void sendsKeepaliveCommentsAndStatsAtTheirIntervals() throws Exception {
    int port = start();
    try (SseReader reader =
        SseReader.open(
            java.net.URI.create("http://127.0.0.1:" + port + "/api/tail"), "Basic unused")) {
      assertThat(reader.status).isEqualTo(200);

      assertThat(reader.next(":")).isEqualTo(new SseReader.Event(":", "keepalive"));
      assertThat(reader.next("stats")).isNotNull();
      assertThat(reader.next(":")).isEqualTo(new SseReader.Event(":", "keepalive"));
    }
  }
}
