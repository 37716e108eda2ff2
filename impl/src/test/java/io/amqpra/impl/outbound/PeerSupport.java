package io.amqpra.impl.outbound;

import io.amqpra.api.AmqpConnectionFactory;
import jakarta.resource.ResourceException;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;

/** Connection factories in non-managed mode, pointed at a scripted peer. */
final class PeerSupport {

    private PeerSupport() {
    }

    static AmqpManagedConnectionFactory mcf(ProtonTestServer peer) {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(peer.getServerURI().getPort());
        mcf.setConnectTimeout(5_000L);
        // These tests are about one connection; ReconnectTest covers what follows a loss.
        mcf.setReconnect(false);
        return mcf;
    }

    static AmqpConnectionFactory factory(AmqpManagedConnectionFactory mcf) throws ResourceException {
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    /** The frames every test starts with: SASL ANONYMOUS, open, begin. */
    static void expectConnect(ProtonTestServer peer) {
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().respond();
        peer.expectBegin().respond();
    }

    /**
     * Starts {@code peer} to take a connection and a sender to {@code address} without ever giving
     * it credit; the factory's sends time out after {@code sendTimeoutMillis}.
     */
    static AmqpManagedConnectionFactory withoutCredit(ProtonTestServer peer, String address, long sendTimeoutMillis) {
        expectConnect(peer);
        peer.expectAttach().ofSender().withTarget().withAddress(address).and().respond();
        peer.start();
        AmqpManagedConnectionFactory mcf = mcf(peer);
        mcf.setSendTimeout(sendTimeoutMillis);
        return mcf;
    }

    /** A sender attach to {@code address}, answered, with credit. */
    static void expectSender(ProtonTestServer peer, String address, int credit) {
        peer.expectAttach().ofSender().withTarget().withAddress(address).and().respond();
        peer.remoteFlow().withLinkCredit(credit).queue();
    }
}
