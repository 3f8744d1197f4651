package outpost.web.auth.api;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import outpost.web.auth.ApiToken;
import outpost.web.auth.TokenStore;
import outpost.web.auth.api.AuthJson.CreatedToken;
import outpost.web.auth.api.AuthJson.NewToken;
import outpost.web.auth.api.AuthJson.TokenJson;
import outpost.web.auth.api.AuthJson.TokensResponse;
import outpost.web.http.AccessFilter;
import outpost.web.http.JsonBody;

/**
 * {@code /api/tokens}: every user lists, creates and revokes their own API tokens; admins see and
 * revoke everyone's. The secret appears only in the creation response. Thread-safe.
 */
final class TokensController {
  private final TokenStore tokens;

  TokensController(TokenStore tokens) {
    this.tokens = tokens;
  }

  void list(Context ctx) {
    boolean admin = AccessFilter.isAdmin(ctx);
    String user = AccessFilter.user(ctx);
    ctx.json(
        new TokensResponse(
            tokens.list().stream()
                .filter(t -> admin || t.owner().equals(user))
                .map(TokenJson::of)
                .toList()));
  }

  void create(Context ctx) {
    NewToken body = JsonBody.read(ctx, NewToken.class);
    TokenStore.Created created =
        tokens.create(JsonBody.required(body.name(), "name"), AccessFilter.user(ctx));
    ApiToken t = created.token();
    ctx.status(HttpStatus.CREATED)
        .json(new CreatedToken(t.id(), t.name(), t.owner(), t.created(), created.secret()));
  }

  void delete(Context ctx) {
    String id = ctx.pathParam("id");
    ApiToken token =
        tokens.find(id).orElseThrow(() -> new NotFoundResponse("no token '" + id + "'"));
    if (!AccessFilter.isAdmin(ctx) && !token.owner().equals(AccessFilter.user(ctx))) {
      throw new ForbiddenResponse("token '" + id + "' belongs to another user");
    }
    tokens.delete(id);
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
