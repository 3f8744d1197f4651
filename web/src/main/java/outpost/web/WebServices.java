package outpost.web;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import outpost.alerts.AlertService;
import outpost.index.HostDirectory;
import outpost.index.LogSearch;
import outpost.index.LogTail;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.search.SavedSearchStore;

/**
 * The services {@link WebServer} translates HTTP into, built by the server's composition root.
 * Immutable; the services themselves are thread-safe and owned (closed) by whoever built them, not
 * by the web server.
 *
 * @param search the store's read side
 * @param tail live tail of accepted events
 * @param hosts every sender seen in the logs
 * @param health one source per component name ({@code ingest}, {@code index}, ...), in report order
 * @param users who may log in
 * @param tokens the users' API tokens
 * @param savedSearches the saved searches shared by all users
 * @param alerts the health checks and notifications (check board, acknowledgements, inbound SMS)
 * @param publicUrl Outpost's URL as users and Twilio reach it (the inbound-SMS signature covers
 *     it), or null to take the URL the request names
 */
public record WebServices(
    LogSearch search,
    LogTail tail,
    HostDirectory hosts,
    Map<String, HealthSource> health,
    UserStore users,
    TokenStore tokens,
    SavedSearchStore savedSearches,
    AlertService alerts,
    URI publicUrl) {
  public WebServices {
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(hosts, "hosts");
    health = Collections.unmodifiableMap(new LinkedHashMap<>(health));
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(savedSearches, "savedSearches");
    Objects.requireNonNull(alerts, "alerts");
  }
}
