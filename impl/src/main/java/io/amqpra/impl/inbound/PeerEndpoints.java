package io.amqpra.impl.inbound;

import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;

/** The sessions and links a peer has on one connection to a listener. Loop thread only. */
final class PeerEndpoints {

    private static final EnumSet<EndpointState> ACTIVE = EnumSet.of(EndpointState.ACTIVE);

    private PeerEndpoints() {
    }

    /** Links attached on both sides. */
    static int links(Connection connection) {
        return count(connection, ACTIVE, ACTIVE);
    }

    /** Every link the engine holds, closed ones not yet let go included. */
    static int all(Connection connection) {
        return count(connection, null, null);
    }

    /** Links the peer attached and has not detached, refused ones included. */
    static int attachedByPeer(Connection connection) {
        return count(connection, null, ACTIVE);
    }

    /** Links in the given local and remote states ({@code null}: any). */
    private static int count(Connection connection, EnumSet<EndpointState> local, EnumSet<EndpointState> remote) {
        int n = 0;
        for (Link l = connection.linkHead(local, remote); l != null; l = l.next(local, remote)) {
            n++;
        }
        return n;
    }

    /** Runs {@code action} on each link that delivers to a bean; {@code attached}: open ones only. */
    static void eachInbound(Connection connection, boolean attached, Consumer<InboundLink> action) {
        EnumSet<EndpointState> states = attached ? ACTIVE : null;
        for (Link l = connection.linkHead(states, states); l != null; l = l.next(states, states)) {
            if (l.getContext() instanceof InboundLink in) {
                action.accept(in);
            }
        }
    }

    /** Runs {@code action} on each link of {@code session}. */
    static void eachOf(Session session, Consumer<Link> action) {
        for (Link l = session.getConnection().linkHead(null, null); l != null; l = l.next(null, null)) {
            if (l.getSession() == session) {
                action.accept(l);
            }
        }
    }

    /** Detaches the links that deliver to {@code activation}, which is going away. */
    static void detachAll(Connection connection, EndpointActivation activation) {
        eachInbound(connection, false, in -> {
            if (in.activation == activation && in.receiver.getLocalState() == EndpointState.ACTIVE) {
                in.receiver.setCondition(new ErrorCondition(Symbol.valueOf("amqp:link:detach-forced"),
                        "the endpoint serving '" + in.address + "' was stopped"));
                in.receiver.close();
            }
        });
    }

    /** Reads and drops what arrived of {@code delivery}, and lets go of it once it is whole. */
    static void discard(Receiver receiver, Delivery delivery) {
        byte[] scratch = new byte[Math.max(1, Math.min(delivery.pending(), 4096))];
        while (receiver.recv(scratch, 0, scratch.length) > 0) {
            // thrown away
        }
        if (!delivery.isPartial()) {
            if (receiver.current() == delivery) {
                receiver.advance();
            }
            delivery.settle();
        }
    }

    /** Refuses a link per AMQP 1.0 section 2.6.3: attach without a terminus, then detach with why. */
    static void refuse(Link link, Symbol condition, String description) {
        if (link instanceof Receiver) {
            link.setSource(link.getRemoteSource());
            link.setTarget(null);
        } else {
            link.setSource(null);
            link.setTarget(link.getRemoteTarget());
        }
        link.open();
        link.setCondition(new ErrorCondition(condition, description));
        link.close();
    }
}
