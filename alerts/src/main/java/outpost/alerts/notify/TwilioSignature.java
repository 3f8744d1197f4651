package outpost.alerts.notify;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks the {@code X-Twilio-Signature} of an inbound webhook with the SDK's {@link
 * RequestValidator} (HMAC-SHA1 over the full URL and the sorted POST parameters, keyed with the
 * auth token). Stateless and thread-safe.
 */
public final class TwilioSignature {
  private TwilioSignature() {}

  /**
   * True when {@code signature} is what Twilio computes for this request.
   *
   * @param url the URL exactly as Twilio requested it (scheme, host, port, path and query)
   * @param params the form parameters of the POST
   */
  public static boolean verify(
      String authToken, String url, Map<String, String> params, String signature) {
    if (authToken == null || authToken.isEmpty() || signature == null || signature.isEmpty()) {
      return false;
    }
    return new RequestValidator(authToken).validate(url, Map.copyOf(params), signature);
  }
}
