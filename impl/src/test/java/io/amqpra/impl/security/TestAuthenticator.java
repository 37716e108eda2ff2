package io.amqpra.impl.security;

import io.amqpra.api.AmqpAuthenticator;
import java.util.Arrays;

/** Knows one user: alice, password secret. */
public class TestAuthenticator implements AmqpAuthenticator {

    @Override
    public boolean authenticate(String username, char[] password, String remoteAddress) {
        return "alice".equals(username) && Arrays.equals("secret".toCharArray(), password);
    }
}
