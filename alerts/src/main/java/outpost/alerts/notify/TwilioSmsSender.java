package outpost.alerts.notify;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through the Twilio SDK ({@code Message.creator(...).create(client)}) and classifies
 * Twilio's answer: network errors, HTTP 429 (Twilio code 20429), 5xx and code 30003 are temporary;
 * other 4xx (21211 invalid number, 21610 opted out, 21614 not a mobile number, ...) are permanent.
 * The auth token is never logged. Thread-safe: the SDK client is. Whoever builds it closes it
 * ({@link #close()} releases the HTTP connections).
 */
public final class TwilioSmsSender implements SmsSender, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsSender.class);

  /** Twilio error codes worth retrying even though the HTTP status is 4xx. */
  private static final Set<Integer> TEMPORARY_CODES = Set.of(20429, 30003);

  private final TwilioSettings settings;
  private final TwilioHttpClient http;
  private final TwilioRestClient client;

  public TwilioSmsSender(TwilioSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = new TwilioHttpClient(settings.apiBase());
    this.client =
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
            .httpClient(http)
            .build();
  }

  @Override
  public SendOutcome send(String to, String body) {
    if (body.length() > SmsText.MAX_CHARS) {
      return new SendOutcome.PermanentFailure(
          21617, "body of " + body.length() + " characters exceeds limit " + SmsText.MAX_CHARS);
    }
    try {
      Message m = creator(to, body).create(client);
      return new SendOutcome.Sent(m.getSid());
    } catch (ApiConnectionException e) {
      LOG.warn("Twilio not reachable for account {}: {}", settings.accountSid(), e.getMessage(), e);
      return new SendOutcome.TemporaryFailure(0, "network: " + e.getMessage());
    } catch (ApiException e) {
      return classify(e);
    } catch (TwilioException e) {
      LOG.warn("Twilio request failed for account {}", settings.accountSid(), e);
      return new SendOutcome.TemporaryFailure(0, e.getMessage());
    }
  }

  private MessageCreator creator(String to, String body) {
    PhoneNumber recipient = new PhoneNumber(to);
    return settings.from().isEmpty()
        ? Message.creator(recipient, settings.messagingServiceSid(), body)
        : Message.creator(recipient, new PhoneNumber(settings.from()), body);
  }

  /** Temporary or permanent by Twilio's code and HTTP status. */
  static SendOutcome classify(ApiException e) {
    int code = e.getCode() == null ? 0 : e.getCode();
    int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
    String reason = "HTTP " + status + (code == 0 ? "" : " code " + code) + ": " + e.getMessage();
    boolean temporary =
        status == 429 || status >= 500 || status == 0 || TEMPORARY_CODES.contains(code);
    return temporary
        ? new SendOutcome.TemporaryFailure(code == 0 ? status : code, reason)
        : new SendOutcome.PermanentFailure(code == 0 ? status : code, reason);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "TwilioSmsSender[" + settings + "]";
  }
}
