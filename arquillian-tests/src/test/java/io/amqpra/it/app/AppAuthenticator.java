package io.amqpra.it.app;

import io.amqpra.api.AmqpAuthenticator;
import java.util.Arrays;

/** The application's password check for its secure listener: one user, alice/secret. */
public class AppAuthenticator implements AmqpAuthenticator {

    @Override
    public boolean authenticate(String username, char[] password, String remoteAddress) {
        return "alice".equals(username) && Arrays.equals("secret".toCharArray(), password);
    }
}
