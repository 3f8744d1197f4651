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
 *   <li>Checks and alerts ({@link outpost.web.alerts.AlertRoutes}): {@code GET /api/checks}, {@code
 *       GET /api/checks/{id}}, {@code POST/DELETE /api/checks/{id}/ack}, {@code POST
 *       /api/checks/{id}/recheck}, {@code POST /api/checks/passive}, {@code GET/POST
 *       /api/downtimes}, {@code DELETE /api/downtimes/{id}}, {@code GET /api/notifications}, and
 *       Twilio's webhook {@code POST /api/twilio/sms}, which alone needs no login (the alerts check
 *       its signature).
 * </ul>
 *
 * <p>Ids are strings (JavaScript loses precision past 2^53); instants are ISO-8601 UTC with at
 * least millisecond fraction; facility and severity are names ({@code daemon}, {@code err}). {@code
 * q} is Lucene syntax (blank matches all, at most 4096 characters). {@code from} (inclusive) and
 * {@code to} (exclusive) take the forms of {@link outpost.web.api.TimeParser}; {@code to} defaults
 * to now and {@code from} to 24 hours before {@code to}.
 *
 * <h2>Authentication</h2>
 *
 * Every route names an {@link outpost.web.http.Access}; {@link outpost.web.http.AccessFilter}
 * enforces it before the handler runs. Everything needs a login except {@code /health}, {@code
 * /metrics} (unless configured), {@code GET /login}, {@code POST /api/session}, {@code GET
 * /api/session} (which answers 401 itself) and the static assets under {@code /ui/}. A request is
 * authenticated by, in this order:
 *
 * <ol>
 *   <li>the session cookie {@code outpost_session} (HttpOnly, SameSite=Strict, Path=/, Secure under
 *       TLS; 256 random bits; in memory, ends after 12 h idle or 7 days, at most 10,000 sessions,
 *       the least recently used dropped first). POST, PUT, PATCH and DELETE with a session must
 *       carry {@code X-CSRF-Token} equal to the session's token (compared in constant time), else
 *       403 {@code forbidden}.
 *   <li>{@code Authorization: Bearer otk_...}: an API token ({@link outpost.web.auth.TokenStore};
 *       only its SHA-256 is stored, in {@code tokens.json} next to {@code users.json}); the request
 *       acts as the token's owner with the owner's current role. No CSRF token.
 *   <li>{@code Authorization: Basic}: a user's password ({@link outpost.web.auth.UserStore},
 *       Argon2id; legacy PBKDF2 hashes are rehashed at the next login). No CSRF token.
 * </ol>
 *
 * POST, PUT, PATCH and DELETE that the browser marks as cross-origin ({@code Sec-Fetch-Site} other
 * than {@code same-origin}/{@code none}, or without it an {@code Origin} unlike {@code Host}) get
 * 403 with any credentials. Without a valid login, a page ({@code GET}/{@code HEAD} outside {@code
 * /api} and {@code /metrics}) gets 302 to {@code /login?next=<url-encoded path and query>};
 * anything else 401 JSON, with {@code WWW-Authenticate: Basic realm="Outpost"} unless the request
 * has {@code X-Requested-With: outpost-ui}. {@link outpost.web.http.Access#ADMIN} routes give other
 * roles 403. Handlers read the user from the request attributes {@link
 * outpost.web.http.AccessFilter#USER_ATTRIBUTE} (name) and {@link
 * outpost.web.http.AccessFilter#ROLE_ATTRIBUTE} ({@link outpost.web.auth.Role}), or through {@link
 * outpost.web.http.AccessFilter#user} and {@link outpost.web.http.AccessFilter#isAdmin}. Ten failed
 * logins (session, Basic or Bearer) from one address, or for one user name, within 5 minutes give
 * 429 with {@code Retry-After} until the window ends.
 *
 * <ul>
 *   <li>{@code POST /api/session} {@code {"username","password"}} (Content-Type {@code
 *       application/json}, else 415) -> 200 {@code {"user","role","csrf"}} and a new session cookie
 *       (the session the request carried, if any, ends); 401 on bad credentials.
 *   <li>{@code GET /api/session} -> 200 {@code {"user","role","csrf"}} or 401. {@code DELETE
 *       /api/session} (CSRF) -> 204, cookie cleared.
 *   <li>{@code GET /api/users} (admin) -> {@code {"users":[{"name","role","created"}]}}; {@code
 *       POST /api/users} (admin) {@code {"name","password","role"}} (role defaults to {@code
 *       viewer}) -> 201 user; 409 if it exists; 400 unless the name matches {@code
 *       [a-z0-9_.-]{1,64}} and the password has 10..1024 characters. {@code DELETE
 *       /api/users/{name}} (admin) -> 204, ending the user's sessions and revoking their tokens;
 *       400 for the last admin. {@code PUT /api/users/{name}/password} (admin, or the user itself)
 *       {@code {"password"}} -> 204, ending the user's other sessions.
 *   <li>{@code GET /api/tokens} -> {@code {"tokens":[{"id","name","owner","created","last_used"}]}}
 *       (admins see all); {@code POST /api/tokens} {@code {"name"}} (1..100 characters, at most
 *       1000 tokens) -> 201 {@code {"id","name","owner","created","token"}}, the only time the
 *       secret is shown; {@code DELETE /api/tokens/{id}} (owner or admin) -> 204. {@code last_used}
 *       is updated at most once a minute.
 * </ul>
 *
 * <h2>Pages and TLS</h2>
 *
 * Every response carries {@code nosniff}, {@code X-Frame-Options: DENY}, {@code no-store} and a
 * content security policy that allows nothing; a page handler calls {@link
 * outpost.web.http.SecurityHeaders#allowPage} for the page policy of web/API.md. With {@link
 * outpost.web.WebConfig#tls()} set the server listens with HTTPS only (TLS 1.2 and 1.3; no plain
 * HTTP connector) and adds {@code Strict-Transport-Security}.
 *
 * <h2>Errors</h2>
 *
 * Every error has the body {@code {"error":CODE,"message":TEXT[,"parameter":NAME]}}: 400 {@code
 * bad_request} for a bad parameter (the message names parameter and value) or a query that does not
 * parse (the parser's reason) or a bad request body; 401 {@code unauthorized} (see above); 403
 * {@code forbidden} (CSRF, role, someone else's token or password); 404 {@code not_found}; 409
 * {@code conflict}; 415 {@code unsupported_media_type}; 429 {@code too_many_requests} with {@code
 * Retry-After}; 500 {@code internal_error} with an incident id that the server log repeats next to
 * the stack trace.
 */
package outpost.web;
