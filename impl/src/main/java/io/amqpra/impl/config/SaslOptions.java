package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.PASSWORD;
import static io.amqpra.impl.config.ConnectionProperties.SASL_MECHANISMS;
import static io.amqpra.impl.config.ConnectionProperties.USERNAME;

import java.util.List;

/**
 * Who an outgoing connection signs on as, and with which SASL mechanisms it may.
 *
 * @param username the PLAIN user, or {@code null} for none
 * @param mechanisms the mechanisms we may pick from those the peer offers
 */
public record SaslOptions(String username, String password, List<String> mechanisms) {

    static final List<String> ALL_MECHANISMS = List.of("PLAIN", "EXTERNAL", "ANONYMOUS");

    public SaslOptions {
        if (password != null && username == null) {
            throw new IllegalArgumentException("password without username");
        }
        mechanisms = List.copyOf(mechanisms);
    }

    static SaslOptions from(PropertyValues values) throws InvalidSettingException {
        String user = USERNAME.get(values);
        String pass = PASSWORD.get(values);
        if (pass != null && user == null) {
            throw values.invalid(PASSWORD, pass, "a password needs a username; set 'username' too");
        }
        String raw = SASL_MECHANISMS.get(values);
        List<String> list = Checks.list(raw == null ? null : raw.toUpperCase());
        return new SaslOptions(user, pass, list.isEmpty() ? ALL_MECHANISMS : list);
    }

    /** The same mechanisms with other credentials, as used by application sign-on. */
    public SaslOptions withCredentials(String user, String pass) {
        return new SaslOptions(user, pass, mechanisms);
    }

    @Override
    public String toString() {
        return "SaslOptions[user=" + username + ", mechanisms=" + mechanisms + "]"; // never the password
    }
}
