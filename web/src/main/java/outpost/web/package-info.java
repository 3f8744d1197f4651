/**
 * Outpost's HTTP server ({@link outpost.web.WebServer}) and its contract.
 *
 * <h2>Endpoints</h2>
 *
 * <ul>
 *   <li>{@code GET /health}, no login: {@code {"status":"up|degraded|down","components":{NAME:
 *       {"status":..,"details":{..}}}}}; 503 when any component is down, else 200.
 *   <li>{@code GET /metrics}, no login unless {@link outpost.web.WebConfig#metricsRequireLogin()}:
 *       Prometheus text 0.0.4, or OpenMetrics when the {@code Accept} header asks for it.
 *   <li>{@code GET /api/search?q=&from=&to=&limit=&after=}: {@code {"from","to","total","hits":
 *       [{"id","timestamp","received","host","app","facility","severity","message","raw",
 *       "fields":{..}, "procid","msgid","transport","parse_error"}],"next"}} newest first; the last
 *       four hit keys only when non-empty; {@code next} is null on the last page. {@code limit}
 *       1..10000, default 100.
 *   <li>{@code GET /api/histogram?q=&from=&to=&buckets=}: {@code {"from","to","interval_ms",
 *       "buckets":[{"start","count"}]}}; buckets 1..1000, default 60.
 *   <li>{@code GET /api/facets?q=&from=&to=&field=&size=}: {@code {"from","to","field","total",
 *       "missing","values":[{"value","count"}]}}; field required, size 1..1000, default 10.
 * </ul>
 *
 * <p>The search UI's endpoints are specified in {@code web/API.md}; in brief:
 *
 * <ul>
 *   <li>{@code GET /api/fields}, {@code GET /api/events/{id}?t=&before=&after=&same_app=} (event
 *       context), {@code GET/POST /api/saved-searches}, {@code DELETE /api/saved-searches/{id}}
 *       ({@link outpost.web.api.EventsController}, {@link outpost.web.api.SavedSearchController},
 *       stored by {@link outpost.web.search.SavedSearchStore}).
 *   <li>Search hits carry {@code highlight}: {@code {FIELD:[[start,end],..]}} in UTF-16 offsets.
 *   <li>{@code GET /api/tail?q=}: Server-Sent Events {@code hits}/{@code stats} ({@link
 *       outpost.web.api.TailController}, {@link outpost.web.tail.TailStream}); at most 50 streams,
 *       5 per user, 5,000 undelivered events each.
 *   <li>{@code GET /api/hosts?silent_after=}, {@code POST /api/hosts/{name}/retire}, {@code DELETE
 *       /api/hosts/{name}} ({@link outpost.web.api.HostsController}).
 *   <li>{@code GET /api/overview} and {@code GET /api/dashboard?q=&from=&to=&buckets=} ({@link
 *       outpost.web.api.OverviewController}, {@link outpost.web.api.DashboardController}); their
 *       store calls run at the same time, one virtual thread each.
 * </ul>
 *
 * <p>{@code /api} needs HTTP Basic credentials of a user in {@link outpost.web.auth.UserStore}. Ids
 * are strings (JavaScript loses precision past 2^53); instants are ISO-8601 UTC with at least
 * millisecond fraction; facility and severity are names ({@code daemon}, {@code err}). {@code q} is
 * Lucene syntax (blank matches all, at most 4096 characters). {@code from} (inclusive) and {@code
 * to} (exclusive) take the forms of {@link outpost.web.api.TimeParser}; {@code to} defaults to now
 * and {@code from} to 24 hours before {@code to}.
 *
 * <h2>Errors</h2>
 *
 * Every error has the body {@code {"error":CODE,"message":TEXT[,"parameter":NAME]}}: 400 {@code
 * bad_request} for a bad parameter (the message names parameter and value) or a query that does not
 * parse (the parser's reason); 401 {@code unauthorized} with {@code WWW-Authenticate: Basic
 * realm="Outpost"}; 429 {@code too_many_requests} with {@code Retry-After} after 10 failed logins
 * from one address in 5 minutes; 404; 500 {@code internal_error} with an incident id that the
 * server log repeats next to the stack trace.
 */
package outpost.web;
