package io.amqpra.impl.transport;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.impl.config.InvalidSettingException;
import io.amqpra.impl.config.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds Netty's TLS contexts from {@link TlsOptions}. Every failure to read a store names the
 * property and the path, never the password.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** A context for connecting: trusts the trust store (or the JDK's defaults), presents the key store. */
    public static SslContext client(TlsOptions tls) throws InvalidSettingException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (tls.trustStore() != null) {
                b.trustManager(trustManagers(tls));
            }
            if (tls.keyStore() != null) {
                b.keyManager(keyManagers(tls));
            }
            return common(b, tls).build();
        } catch (InvalidSettingException e) {
            throw e;
        } catch (Exception e) {
            throw cannotSetUp(tls, e);
        }
    }

    /** A context for listening: presents the key store; checks client certificates per {@code clientAuth}. */
    public static SslContext server(TlsOptions tls, ClientAuth clientAuth) throws InvalidSettingException {
        if (tls.keyStore() == null) {
            throw invalid("keyStore", null, "a listener with TLS needs a key store with its certificate");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(keyManagers(tls)).clientAuth(clientAuth);
            if (tls.trustStore() != null) {
                b.trustManager(trustManagers(tls));
            }
            return common(b, tls).build();
        } catch (InvalidSettingException e) {
            throw e;
        } catch (Exception e) {
            throw cannotSetUp(tls, e);
        }
    }

    /**
     * A handler that connects to {@code host}: it sends the name for SNI and, with
     * {@code verifyHost}, checks the peer's certificate against it.
     */
    public static SslHandler clientHandler(SslContext context, TlsOptions tls, String host, int port,
                                           ByteBufAllocator alloc) {
        SslHandler handler = context.newHandler(alloc, host, port);
        if (tls.verifyHost()) {
            SSLParameters params = handler.engine().getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            handler.engine().setSSLParameters(params);
        }
        return handler;
    }

    private static SslContextBuilder common(SslContextBuilder b, TlsOptions tls) {
        if (!tls.protocols().isEmpty()) {
            b.protocols(tls.protocols());
        }
        if (!tls.cipherSuites().isEmpty()) {
            b.ciphers(tls.cipherSuites());
        }
        return b;
    }

    private static KeyManagerFactory keyManagers(TlsOptions tls) throws Exception {
        KeyStore ks = load("keyStore", tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password(tls.keyStorePassword()));
        return kmf;
    }

    private static TrustManagerFactory trustManagers(TlsOptions tls) throws Exception {
        KeyStore ts = load("trustStore", tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }

    private static KeyStore load(String property, String path, String password, String type)
            throws InvalidSettingException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance(type == null || type.isBlank() ? "PKCS12" : type);
            ks.load(in, password(password));
            return ks;
        } catch (Exception e) {
            // Never the password: only the path and what went wrong.
            throw invalid(property, path, "cannot read it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    private static InvalidSettingException cannotSetUp(TlsOptions tls, Exception e) {
        return invalid("enabledProtocols", tls.protocols() + " / " + tls.cipherSuites(),
                "cannot set up TLS: " + e.getMessage());
    }

    private static InvalidSettingException invalid(String property, Object value, String why) {
        return new InvalidSettingException(MESSAGES.invalidTlsProperty(value, property, why));
    }
}
