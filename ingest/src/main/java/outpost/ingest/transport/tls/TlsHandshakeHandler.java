package outpost.ingest.transport.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.ConnectionFields;

/**
 * Follows the TLS handshake of each connection: on success it keeps the client certificate's
 * subject for the connection's events ({@link #SUBJECT_FIELD}, {@link #CN_FIELD}); on failure it
 * counts the refusal by {@link TlsRefusal} and closes the connection. Errors before the handshake
 * completes (plain text on the TLS port, garbage) are a refused handshake, not a server problem.
 *
 * <p>{@link Sharable} and thread-safe: per-connection state is a channel attribute; the counters
 * are Micrometer counters.
 */
@Sharable
public final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter
    implements ConnectionFields {
  /** Event field: the client certificate's subject DN (RFC 2253), e.g. {@code CN=web-1,O=Acme}. */
  public static final String SUBJECT_FIELD = "tls_subject";

  /** Event field: the client certificate's subject common name, e.g. {@code web-1}. */
  public static final String CN_FIELD = "tls_cn";

  private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeHandler.class);
  private static final AttributeKey<Map<String, String>> FIELDS =
      AttributeKey.valueOf("outpost.tls-fields");

  private final Map<TlsRefusal, Counter> refused = new EnumMap<>(TlsRefusal.class);

  public TlsHandshakeHandler(MeterRegistry registry) {
    for (TlsRefusal reason : TlsRefusal.values()) {
      refused.put(
          reason,
          Counter.builder(IngestMetrics.TLS_REFUSED)
              .description("TLS senders refused at the handshake, by reason")
              .tag("reason", reason.tag())
              .register(registry));
    }
  }

  /** Refusals of {@code reason} since start. */
  public long refused(TlsRefusal reason) {
    return (long) refused.get(reason).count();
  }

  @Override
  public Map<String, String> of(Channel channel) {
    Map<String, String> fields = channel.attr(FIELDS).get();
    return fields == null ? Map.of() : fields;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        ctx.channel().attr(FIELDS).set(subjectFields(ctx));
      } else {
        TlsRefusal reason = classify(done.cause());
        refused.get(reason).increment();
        LOG.debug(
            "TLS syslog handshake from {} refused ({})",
            ctx.channel().remoteAddress(),
            reason.tag(),
            done.cause());
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl != null && !ssl.handshakeFuture().isSuccess()) {
      // a refused or broken handshake: counted by the handshake-failed event, not a server error
      LOG.debug("TLS syslog connection from {} failed in the handshake", ctx.channel(), cause);
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  static TlsRefusal classify(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ClientCertificateRefused r) {
        return r.reason();
      }
      // the JDK refuses a missing certificate itself, before asking the trust manager
      if (t.getMessage() != null && t.getMessage().contains("Empty client certificate chain")) {
        return TlsRefusal.NO_CERTIFICATE;
      }
    }
    return TlsRefusal.HANDSHAKE;
  }

  private static Map<String, String> subjectFields(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    Certificate[] peer;
    try {
      peer = ssl.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Map.of(); // client_auth none or optional: no certificate, no fields
    }
    if (peer.length == 0 || !(peer[0] instanceof X509Certificate leaf)) {
      return Map.of();
    }
    String dn = leaf.getSubjectX500Principal().getName();
    Map<String, String> fields = new HashMap<>();
    fields.put(SUBJECT_FIELD, dn);
    commonName(dn).ifPresent(cn -> fields.put(CN_FIELD, cn));
    return Map.copyOf(fields);
  }

  private static java.util.Optional<String> commonName(String dn) {
    try {
      for (Rdn rdn : new LdapName(dn).getRdns().reversed()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return java.util.Optional.of(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      LOG.debug("Unparseable certificate subject {}", dn, e);
    }
    return java.util.Optional.empty();
  }
}
