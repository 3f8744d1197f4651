package outpost.web.auth.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import outpost.web.auth.ApiToken;
import outpost.web.auth.Role;
import outpost.web.auth.User;

/** Request and response bodies of the session, user and token endpoints (web/API.md). */
final class AuthJson {
  private AuthJson() {}

  /** {@code POST /api/session}. */
  record LoginRequest(String username, String password) {
    @Override
    public String toString() {
      return "LoginRequest[username=" + username + "]";
    }
  }

  /** {@code POST/GET /api/session}. */
  record SessionResponse(String user, Role role, String csrf) {}

  /** {@code POST /api/users}. */
  record NewUser(String name, String password, String role) {
    @Override
    public String toString() {
      return "NewUser[name=" + name + "]";
    }
  }

  /** {@code PUT /api/users/{name}/password}. */
  record NewPassword(String password) {
    @Override
    public String toString() {
      return "NewPassword[]";
    }
  }

  record UserJson(String name, Role role, Instant created) {
    static UserJson of(User u) {
      return new UserJson(u.name(), u.role(), u.created());
    }
  }

  record UsersResponse(List<UserJson> users) {}

  /** {@code POST /api/tokens}. */
  record NewToken(String name) {}

  record TokenJson(
      String id,
      String name,
      String owner,
      Instant created,
      @JsonProperty("last_used") Instant lastUsed) {
    static TokenJson of(ApiToken t) {
      return new TokenJson(t.id(), t.name(), t.owner(), t.created(), t.lastUsed());
    }
  }

  record TokensResponse(List<TokenJson> tokens) {}

  /** The only response that carries a token's secret. */
  record CreatedToken(String id, String name, String owner, Instant created, String token) {}
}
