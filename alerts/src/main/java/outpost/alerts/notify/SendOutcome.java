package outpost.alerts.notify;

import java.util.Objects;

/** What a provider said to one delivery attempt. Immutable. */
public sealed interface SendOutcome {
  /** Accepted; {@code id} is the provider's id (Twilio message SID, or the HTTP status). */
  record Sent(String id) implements SendOutcome {
    public Sent {
      Objects.requireNonNull(id, "id");
    }
  }

  /** Worth retrying later (network, rate limit, server error). {@code code} 0 when none. */
  record TemporaryFailure(int code, String reason) implements SendOutcome {
    public TemporaryFailure {
      reason = Objects.requireNonNullElse(reason, "");
    }
  }

  /** Will fail the same way again (bad number, opted out, rejected request). */
  record PermanentFailure(int code, String reason) implements SendOutcome {
    public PermanentFailure {
      reason = Objects.requireNonNullElse(reason, "");
    }
  }
}
