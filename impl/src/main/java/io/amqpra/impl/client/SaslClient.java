package io.amqpra.impl.client;

import io.amqpra.impl.config.ConnectionSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Transport;

/**
 * Picks a SASL mechanism from those the peer offers: PLAIN when credentials are configured,
 * ANONYMOUS otherwise. Remembers why authentication failed, for a clear report.
 */
final class SaslClient implements SaslListener {

    private final String username;
    private final String password;
    private final List<String> allowed;
    private final boolean clientCertificate;
    private String failure;
    private String temporaryFailure;

    SaslClient(String username, String password, List<String> allowed, boolean clientCertificate) {
        this.username = username;
        this.password = password;
        this.allowed = allowed;
        this.clientCertificate = clientCertificate;
    }

    /** Makes {@code transport} a SASL client, answered by a new {@link SaslClient} for {@code settings}. */
    static SaslClient on(Transport transport, ConnectionSettings settings) {
        Sasl layer = transport.sasl();
        layer.client();
        SaslClient client = new SaslClient(settings.sasl().username(), settings.sasl().password(),
                settings.sasl().mechanisms(), settings.tls() != null && settings.tls().keyStore() != null);
        layer.setListener(client);
        return client;
    }

    /** PLAIN with credentials, EXTERNAL with a client certificate, else ANONYMOUS: the first offered and allowed. */
    private String choose(List<String> offered) {
        List<String> wanted = new ArrayList<>();
        if (username != null) {
            wanted.add("PLAIN");
        }
        if (clientCertificate) {
            wanted.add("EXTERNAL");
        }
        if (username == null) {
            wanted.add("ANONYMOUS");
        }
        for (String m : wanted) {
            if (allowed.contains(m) && offered.contains(m)) {
                return m;
            }
        }
        return null;
    }

    /** Why the peer refused us, or {@code null} if it did not (or has not yet). */
    String failure() {
        return failure;
    }

    /**
     * Why the peer could not sign us on this time ({@code sys-temp}: a failure "likely to be
     * corrected without intervention"), or {@code null}. Unlike {@link #failure()}, worth a retry.
     */
    String temporaryFailure() {
        return temporaryFailure;
    }

    @Override
    public void onSaslMechanisms(Sasl sasl, Transport transport) {
        List<String> offered = Arrays.asList(sasl.getRemoteMechanisms());
        String wanted = choose(offered);
        if (wanted == null) {
            failure = "the peer offers SASL mechanisms " + offered + ", none of which we can use (allowed: "
                    + allowed + (username == null ? "; for PLAIN set 'username' and 'password'" : "")
                    + (clientCertificate ? "" : "; for EXTERNAL set a 'keyStore' with a client certificate") + ")";
            transport.close_tail();
            return;
        }
        sasl.setMechanisms(wanted);
        if (wanted.equals("PLAIN")) {
            byte[] user = username.getBytes(StandardCharsets.UTF_8);
            byte[] pass = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
            byte[] response = new byte[user.length + pass.length + 2];
            System.arraycopy(user, 0, response, 1, user.length);
            System.arraycopy(pass, 0, response, user.length + 2, pass.length);
            sasl.send(response, 0, response.length);
        } else {
            sasl.send(new byte[0], 0, 0);
        }
    }

    @Override
    public void onSaslChallenge(Sasl sasl, Transport transport) {
        // Neither PLAIN nor ANONYMOUS has challenges.
    }

    @Override
    public void onSaslOutcome(Sasl sasl, Transport transport) {
        if (sasl.getOutcome() == Sasl.SaslOutcome.PN_SASL_TEMP) {
            temporaryFailure = "the peer could not sign us on for now (SASL outcome sys-temp)";
        } else if (sasl.getOutcome() != Sasl.SaslOutcome.PN_SASL_OK) {
            failure = "the peer refused " + (username != null ? "user '" + username + "'"
                    : clientCertificate ? "our client certificate" : "anonymous access")
                    + " (SASL outcome " + sasl.getOutcome() + ")";
        }
    }

    @Override
    public void onSaslInit(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslResponse(Sasl sasl, Transport transport) {
    }
}
