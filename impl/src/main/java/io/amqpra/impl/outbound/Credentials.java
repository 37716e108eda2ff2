package io.amqpra.impl.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * A user name and password: the connection request info of application sign-on, and what a
 * managed connection signed on with. The password never appears in {@link #toString()}.
 */
public final class Credentials implements ConnectionRequestInfo {

    static final Credentials NONE = new Credentials(null, null);

    private final String username;
    private final String password;

    Credentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && Objects.equals(username, c.username)
                && Objects.equals(password, c.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return "Credentials[user=" + username + "]";
    }
}
