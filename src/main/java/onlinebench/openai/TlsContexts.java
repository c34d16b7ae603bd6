package onlinebench.openai;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import onlinebench.config.TlsTrust;

/**
 * Builds the TLS client contexts for one {@link TlsTrust}: the JDK one for the preflight probe and
 * Netty's for the load, so both judge a server's certificate the same way.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** The trust managers of this policy; null means the JDK's default trust store. */
  private static TrustManagerFactory trustManagers(TlsTrust trust) throws IOException {
    if (trust.trustAll()) {
      return InsecureTrustManagerFactory.INSTANCE;
    }
    if (trust.certificates().isEmpty()) {
      return null;
    }
    try (InputStream pem = Files.newInputStream(trust.certificates().get())) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(pem);
      if (certificates.isEmpty()) {
        throw new IOException("no certificate in " + trust.certificates().get());
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read certificates from " + trust.certificates().get(), e);
    }
  }

  /** A JDK context for {@link java.net.http.HttpClient}. */
  public static SSLContext jdk(TlsTrust trust) throws IOException {
    try {
      TrustManagerFactory factory = trustManagers(trust);
      if (factory == null) {
        return SSLContext.getDefault();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** A Netty client context builder for Gatling's HTTP engine. */
  public static SslContextBuilder netty(TlsTrust trust) throws IOException {
    TrustManagerFactory factory = trustManagers(trust);
    SslContextBuilder builder = SslContextBuilder.forClient();
    return factory == null ? builder : builder.trustManager(factory);
  }
}
