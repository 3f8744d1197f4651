package outpost.web.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a user may do: {@code admin} manages users and everyone's tokens; {@code viewer} reads. */
public enum Role {
  ADMIN,
  VIEWER;

  /** The JSON and file name: {@code admin} or {@code viewer}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code admin} or {@code viewer}.
   *
   * @throws IllegalArgumentException for anything else, naming the value
   */
  @JsonCreator
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.jsonName().equals(text)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role '" + text + "' is not admin or viewer");
  }
}
