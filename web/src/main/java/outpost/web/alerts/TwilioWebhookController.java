package outpost.web.alerts;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import outpost.alerts.AlertService;
import outpost.alerts.InboundSmsReply;

/**
 * {@code POST /api/twilio/sms}: Twilio's inbound-SMS webhook ({@code ACK 17}, {@code ACK ALL}). It
 * needs no login and no CSRF token, which Twilio cannot send; {@link AlertService#inboundSms}
 * verifies {@code X-Twilio-Signature} over the public URL and the form parameters with the
 * account's auth token, and an unverified request gets 403 and changes nothing. The answer is TwiML
 * with the reply text escaped. Thread-safe.
 */
public final class TwilioWebhookController {
  public static final String PATH = "/api/twilio/sms";
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private final AlertService alerts;
  private final URI publicUrl;

  /**
   * @param publicUrl Outpost's URL as Twilio reaches it (the signature covers it), or null to use
   *     the URL as the request names it (right without a proxy in front)
   */
  public TwilioWebhookController(AlertService alerts, URI publicUrl) {
    this.alerts = alerts;
    this.publicUrl = publicUrl;
  }

  public void inbound(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(formType())) {
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
          "expected Content-Type " + formType() + ", got " + type);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
      params.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    InboundSmsReply reply = alerts.inboundSms(signedUrl(ctx), params, ctx.header(SIGNATURE_HEADER));
    if (!reply.verified()) {
      throw new ForbiddenResponse("the " + SIGNATURE_HEADER + " signature does not verify");
    }
    ctx.contentType("text/xml; charset=utf-8").result(Twiml.reply(reply.reply()));
  }

  private static String formType() {
    return "application/x-www-form-urlencoded";
  }

  /** The URL Twilio signed: the configured public URL and this path, plus any query string. */
  String signedUrl(Context ctx) {
    String query = ctx.queryString();
    String suffix = query == null || query.isEmpty() ? "" : "?" + query;
    if (publicUrl == null) {
      return ctx.fullUrl();
    }
    String base = publicUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + PATH + suffix;
  }
}
