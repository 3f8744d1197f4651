package outpost.web.auth.api;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import outpost.web.auth.BasicAuthenticator;
import outpost.web.auth.Role;
import outpost.web.auth.Session;
import outpost.web.auth.SessionStore;
import outpost.web.auth.TokenStore;
import outpost.web.auth.User;
import outpost.web.auth.UserStore;
import outpost.web.auth.api.AuthJson.NewPassword;
import outpost.web.auth.api.AuthJson.NewUser;
import outpost.web.auth.api.AuthJson.UserJson;
import outpost.web.auth.api.AuthJson.UsersResponse;
import outpost.web.http.AccessFilter;
import outpost.web.http.JsonBody;

/**
 * {@code /api/users}: list, create and delete users (admins), change a password (admins, or users
 * for themselves). Deleting a user ends their sessions and revokes their tokens; a password change
 * ends the user's other sessions. Thread-safe.
 */
final class UsersController {
  private final UserStore users;
  private final SessionStore sessions;
  private final TokenStore tokens;
  private final BasicAuthenticator basic;

  UsersController(
      UserStore users, SessionStore sessions, TokenStore tokens, BasicAuthenticator basic) {
    this.users = users;
    this.sessions = sessions;
    this.tokens = tokens;
    this.basic = basic;
  }

  void list(Context ctx) {
    ctx.json(new UsersResponse(users.list().stream().map(UserJson::of).toList()));
  }

  void create(Context ctx) {
    NewUser body = JsonBody.read(ctx, NewUser.class);
    String name = JsonBody.required(body.name(), "name");
    String password = JsonBody.required(body.password(), "password");
    Role role;
    try {
      role = body.role() == null ? Role.VIEWER : Role.parse(body.role());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    User user = users.create(name, password.toCharArray(), role);
    ctx.status(HttpStatus.CREATED).json(UserJson.of(user));
  }

  void delete(Context ctx) {
    String name = ctx.pathParam("name");
    users.delete(name);
    sessions.removeUser(name, null);
    tokens.deleteOwner(name);
    basic.forgetCached();
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void changePassword(Context ctx) {
    String name = ctx.pathParam("name");
    if (!AccessFilter.isAdmin(ctx) && !name.equals(AccessFilter.user(ctx))) {
      throw new ForbiddenResponse("only admins may change another user's password");
    }
    NewPassword body = JsonBody.read(ctx, NewPassword.class);
    users.changePassword(name, JsonBody.required(body.password(), "password").toCharArray());
    Session current = ctx.attribute(AccessFilter.SESSION_ATTRIBUTE);
    sessions.removeUser(name, current == null ? null : current.id());
    basic.forgetCached();
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
