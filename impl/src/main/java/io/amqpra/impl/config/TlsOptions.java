package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.ENABLED_CIPHER_SUITES;
import static io.amqpra.impl.config.ConnectionProperties.ENABLED_PROTOCOLS;
import static io.amqpra.impl.config.ConnectionProperties.KEY_STORE;
import static io.amqpra.impl.config.ConnectionProperties.KEY_STORE_PASSWORD;
import static io.amqpra.impl.config.ConnectionProperties.KEY_STORE_TYPE;
import static io.amqpra.impl.config.ConnectionProperties.TRANSPORT_KIND;
import static io.amqpra.impl.config.ConnectionProperties.TRUST_STORE;
import static io.amqpra.impl.config.ConnectionProperties.TRUST_STORE_PASSWORD;
import static io.amqpra.impl.config.ConnectionProperties.TRUST_STORE_TYPE;
import static io.amqpra.impl.config.ConnectionProperties.VERIFY_HOST;

import java.util.List;

/**
 * Key and trust material and protocol choices for TLS, as config properties give them. The
 * transport layer turns them into Netty's TLS contexts.
 *
 * @param keyStore our certificate, or {@code null}
 * @param trustStore the certificates to trust, or {@code null} for the JDK's
 */
public record TlsOptions(String keyStore, String keyStorePassword, String keyStoreType,
                         String trustStore, String trustStorePassword, String trustStoreType,
                         List<String> protocols, List<String> cipherSuites, boolean verifyHost) {

    public TlsOptions {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    }

    /** The TLS options of an outgoing connection, or {@code null} for plain TCP. */
    static TlsOptions from(PropertyValues values) throws InvalidSettingException {
        if (TRANSPORT_KIND.get(values).trim().equalsIgnoreCase("tcp")) {
            return null;
        }
        return new TlsOptions(KEY_STORE.get(values), KEY_STORE_PASSWORD.get(values), KEY_STORE_TYPE.get(values),
                TRUST_STORE.get(values), TRUST_STORE_PASSWORD.get(values), TRUST_STORE_TYPE.get(values),
                Checks.list(ENABLED_PROTOCOLS.get(values)), Checks.list(ENABLED_CIPHER_SUITES.get(values)),
                VERIFY_HOST.get(values));
    }

    @Override
    public String toString() {
        return "TlsOptions[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols
                + ", verifyHost=" + verifyHost + "]"; // no passwords
    }
}
