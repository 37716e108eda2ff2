package io.amqpra.impl.inbound;

import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;

/** The sessions and links a peer has on one connection to a listener. Loop thread only. */
final class PeerEndpoints {

    private static final EnumSet<EndpointState> ACTIVE = EnumSet.of(EndpointState.ACTIVE);

    private PeerEndpoints() {
    }

    /** Links attached on both sides. */
    static int links(Connection connection) {
        int n = 0;
        for (Link l = connection.linkHead(ACTIVE, ACTIVE); l != null; l = l.next(ACTIVE, ACTIVE)) {
            n++;
        }
        return n;
    }

    /** Links the peer attached and has not detached, refused ones included. */
    static int attachedByPeer(Connection connection) {
        int n = 0;
        for (Link l = connection.linkHead(null, ACTIVE); l != null; l = l.next(null, ACTIVE)) {
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
