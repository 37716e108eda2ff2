package io.amqpra.impl.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key and trust material and protocol choices for TLS, as config properties give them. Builds
 * Netty's TLS contexts; every failure to read a store names the property.
 */
public record TlsSettings(String keyStore, String keyStorePassword, String keyStoreType,
                          String trustStore, String trustStorePassword, String trustStoreType,
                          List<String> protocols, List<String> cipherSuites, boolean verifyHost) {

    public TlsSettings {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    }

    /** A context for connecting: trusts the trust store (or the JDK's defaults), presents the key store. */
    public SslContext clientContext() throws InvalidPropertyException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (trustStore != null) {
                b.trustManager(trustManagers());
            }
            if (keyStore != null) {
                b.keyManager(keyManagers());
            }
            return common(b).build();
        } catch (InvalidPropertyException e) {
            throw e;
        } catch (Exception e) {
            throw invalid("enabledProtocols", protocols + " / " + cipherSuites, "cannot set up TLS: " + e.getMessage());
        }
    }

    /** A context for listening: presents the key store; checks client certificates per {@code clientAuth}. */
    public SslContext serverContext(ClientAuth clientAuth) throws InvalidPropertyException {
        if (keyStore == null) {
            throw invalid("keyStore", null, "a listener with TLS needs a key store with its certificate");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(keyManagers()).clientAuth(clientAuth);
            if (trustStore != null) {
                b.trustManager(trustManagers());
            }
            return common(b).build();
        } catch (InvalidPropertyException e) {
            throw e;
        } catch (Exception e) {
            throw invalid("enabledProtocols", protocols + " / " + cipherSuites, "cannot set up TLS: " + e.getMessage());
        }
    }

    private SslContextBuilder common(SslContextBuilder b) {
        if (!protocols.isEmpty()) {
            b.protocols(protocols);
        }
        if (!cipherSuites.isEmpty()) {
            b.ciphers(cipherSuites);
        }
        return b;
    }

    private KeyManagerFactory keyManagers() throws Exception {
        KeyStore ks = load("keyStore", keyStore, keyStorePassword, keyStoreType);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password(keyStorePassword));
        return kmf;
    }

    private TrustManagerFactory trustManagers() throws Exception {
        KeyStore ts = load("trustStore", trustStore, trustStorePassword, trustStoreType);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }

    private static KeyStore load(String property, String path, String password, String type)
            throws InvalidPropertyException {
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

    static InvalidPropertyException invalid(String property, Object value, String why) {
        return new InvalidPropertyException("AMQPRA0003: Invalid value '" + value + "' for config property '"
                + property + "': " + why);
    }

    /** Splits a comma-separated list property. */
    public static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols
                + ", verifyHost=" + verifyHost + "]"; // no passwords
    }
}
