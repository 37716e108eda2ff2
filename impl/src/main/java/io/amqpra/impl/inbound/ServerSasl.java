package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpAuthenticator;
import io.amqpra.impl.log.AmqpLogger;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Transport;

/**
 * The listener's side of SASL: offers the configured mechanisms, lets ANONYMOUS in only when it
 * is offered, takes EXTERNAL from a verified client certificate, and checks PLAIN with the
 * application's authenticator on a container thread. A refused peer gets the SASL outcome and
 * then loses its connection; the password is never logged.
 */
final class ServerSasl implements SaslListener {

    private static final AmqpLogger LOG = AmqpLogger.of(ServerSasl.class);

    private final ServerConnection connection;
    private final List<String> mechanisms;
    private final AmqpAuthenticator authenticator;
    private final Executor workers;

    ServerSasl(ServerConnection connection, List<String> mechanisms, AmqpAuthenticator authenticator,
               Executor workers) {
        this.connection = connection;
        this.mechanisms = mechanisms;
        this.authenticator = authenticator;
        this.workers = workers;
    }

    @Override
    public void onSaslInit(Sasl sasl, Transport transport) {
        String[] chosen = sasl.getRemoteMechanisms();
        String mechanism = chosen.length == 0 ? null : chosen[0];
        if (mechanism == null || !mechanisms.contains(mechanism)) {
            refuse(sasl, null, "mechanism " + mechanism + " is not offered");
            return;
        }
        switch (mechanism) {
            case "ANONYMOUS" -> admit(sasl, null);
            case "EXTERNAL" -> {
                String subject = connection.peerCertificateSubject();
                if (subject == null) {
                    refuse(sasl, null, "EXTERNAL without a verified client certificate");
                } else {
                    admit(sasl, subject);
                }
            }
            case "PLAIN" -> plain(sasl);
            default -> refuse(sasl, null, "unsupported mechanism " + mechanism);
        }
    }

    private void plain(Sasl sasl) {
        byte[] response = new byte[Math.max(0, sasl.pending())];
        sasl.recv(response, 0, response.length);
        // authzid NUL authcid NUL passwd (RFC 4616)
        int first = indexOf(response, 0);
        int second = first < 0 ? -1 : indexOf(response, first + 1);
        if (second < 0) {
            Arrays.fill(response, (byte) 0);
            refuse(sasl, null, "malformed PLAIN response");
            return;
        }
        String user = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
        char[] password = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(response, second + 1,
                response.length - second - 1)).array();
        Arrays.fill(response, (byte) 0);
        String remote = connection.remoteAddress();
        workers.execute(() -> {
            boolean good;
            try {
                good = authenticator.authenticate(user, password, remote);
            } catch (RuntimeException e) {
                LOG.authenticatorFailed(e, user, remote);
                good = false;
            } finally {
                Arrays.fill(password, '\0');
            }
            boolean admitted = good;
            connection.execute(() -> {
                if (admitted) {
                    admit(sasl, user);
                } else {
                    refuse(sasl, user, "wrong user name or password");
                }
            });
        });
    }

    private void admit(Sasl sasl, String user) {
        // The engine's SASL layer must be done before what the peer sent behind its login reaches it.
        sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        connection.authenticated(user);
    }

    private void refuse(Sasl sasl, String user, String why) {
        if (user == null) {
            LOG.loginRefused(connection.remoteAddress(), why);
        } else {
            LOG.loginRefused(user, connection.remoteAddress(), why);
        }
        sasl.done(Sasl.SaslOutcome.PN_SASL_AUTH);
        connection.refused();
    }

    /** The verified client certificate's subject on {@code tls}, or {@code null} without one. */
    static String certificateSubject(SslHandler tls) {
        if (tls == null) {
            return null;
        }
        try {
            return tls.engine().getSession().getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onSaslResponse(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslMechanisms(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslChallenge(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslOutcome(Sasl sasl, Transport transport) {
    }
}
