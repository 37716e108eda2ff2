package io.amqpra.impl.inbound;

import io.amqpra.api.Outcome;
import java.util.concurrent.CompletionStage;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;

/** A complete message a peer sent to a listener, waiting for its endpoint and then its outcome. */
final class InboundMessage implements Inbound {

    final ServerConnection connection;
    final InboundLink link;
    final Delivery delivery;
    final byte[] bytes;
    final boolean presettled;

    InboundMessage(ServerConnection connection, InboundLink link, Delivery delivery, byte[] bytes,
                   boolean presettled) {
        this.connection = connection;
        this.link = link;
        this.delivery = delivery;
        this.bytes = bytes;
        this.presettled = presettled;
    }

    @Override
    public void finish(DeliveryState outcome) {
        if (presettled) {
            link.figures().settled(outcome); // nothing goes back to the peer; the rest count once sent
        }
        connection.finishLater(this, presettled ? null : outcome);
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String address() {
        return link.address;
    }

    @Override
    public String remoteContainerId() {
        return connection.remoteContainerId();
    }

    @Override
    public String remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public String linkName() {
        return link.receiver.getName();
    }

    @Override
    public String user() {
        return connection.user();
    }

    @Override
    public boolean presettled() {
        return presettled;
    }

    @Override
    public CompletionStage<Outcome> reply(String to, byte[] bytes) {
        return connection.sendReply(to, bytes);
    }
}
