package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.link.SendTimeouts;
import io.netty.channel.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.engine.Sender;

/**
 * The links on which a peer of a listener receives from us: answers to what it sent, on an
 * address it names or on a dynamic one we make up. Loop thread only, except {@link #send}.
 */
final class ReplyLinks {

    private static final long REPLY_TIMEOUT_MILLIS = 30_000;

    private final ServerConnection connection;
    private final BatchingCompleter completer;
    private final SendTimeouts timeouts;
    private final Map<String, OutgoingLink> links = new HashMap<>();

    ReplyLinks(ServerConnection connection, EventLoop loop, BatchingCompleter completer) {
        this.connection = connection;
        this.completer = completer;
        this.timeouts = new SendTimeouts(loop, this::timedOut);
    }

    /** Sends {@code payload} on the peer's link from {@code address}; any thread. */
    CompletableFuture<Outcome> send(String address, byte[] payload) {
        PendingSend send = new PendingSend(address, payload,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS), false);
        connection.execute(() -> {
            if (connection.isClosed()) {
                send.fail(connection.lost(), completer);
                return;
            }
            OutgoingLink link = links.get(address);
            if (link == null) {
                send.fail(MESSAGES.noReplyLink(address), completer);
                return;
            }
            link.offer(send);
            timeouts.track(send);
        });
        return send.future;
    }

    /** The peer attached a receiver: it gets what beans send to its address. */
    void attach(Sender sender) {
        Source remote = (Source) sender.getRemoteSource();
        Source source = new Source();
        String address;
        if (remote != null && remote.getDynamic()) {
            address = "amqp-ra-reply-" + UUID.randomUUID();
            source.setDynamic(true);
        } else {
            address = remote == null ? null : remote.getAddress();
        }
        source.setAddress(address);
        sender.setSource(source);
        sender.setTarget(sender.getRemoteTarget());
        sender.open();
        links.put(address, new OutgoingLink(sender, completer));
    }

    /** The peer detached one: what waits on it fails. */
    void detached(OutgoingLink link) {
        links.values().remove(link);
        link.failAll(MESSAGES.replyLinkDetached());
    }

    /** The connection ended: every send waiting fails with {@code lost}. */
    void closeAll(AmqpException lost) {
        links.values().forEach(link -> link.failAll(lost));
        links.clear();
        timeouts.clear();
    }

    private void timedOut(PendingSend send) {
        OutgoingLink link = links.get(send.address);
        if (link != null) {
            link.forget(send);
        }
        send.fail(MESSAGES.replyTimedOut(send.address, REPLY_TIMEOUT_MILLIS), completer);
        completer.flush();
    }
}
