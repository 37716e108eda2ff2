package io.amqpra.impl.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.Objects;
import javax.security.auth.Subject;

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

    /**
     * The credentials a connection request of {@code mcf} signs on with: container-managed
     * sign-on (a {@link PasswordCredential} for this factory in the subject) first, then
     * application sign-on ({@code getConnection(user, password)}), then none, meaning the
     * configured {@code username} and {@code password}.
     */
    static Credentials of(Subject subject, ConnectionRequestInfo info, AmqpManagedConnectionFactory mcf) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (pc.getManagedConnectionFactory() == null || mcf.equals(pc.getManagedConnectionFactory())) {
                    Credentials container = fromContainer(pc, mcf);
                    if (container != NONE) {
                        return container;
                    }
                    break; // an empty one is none: application sign-on may still apply
                }
            }
        }
        if (info instanceof Credentials c) {
            return c;
        }
        return NONE;
    }

    /**
     * A container's credential, as Payara fills it in: with an empty user name where the pool
     * sets none (then the configured sign-on applies, ANONYMOUS without a username), and without
     * the password of the pool's {@code password} property (then the configured one applies to
     * the configured user).
     */
    private static Credentials fromContainer(PasswordCredential pc, AmqpManagedConnectionFactory mcf) {
        String user = pc.getUserName();
        if (user == null || user.isEmpty()) {
            return NONE;
        }
        char[] password = pc.getPassword();
        if ((password == null || password.length == 0) && user.equals(mcf.getUsername())) {
            return new Credentials(user, mcf.getPassword());
        }
        return new Credentials(user, password == null ? null : new String(password));
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
