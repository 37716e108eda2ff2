package io.amqpra.impl.client;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;

/**
 * The links a client connection attaches, each with its terminus and settlement modes: unsettled
 * at the sender, settled first at the receiver. Names are unique in the JVM, since some peers
 * (rhea) key links by name. Loop thread only.
 */
final class Links {

    private static final AtomicLong IDS = new AtomicLong();

    private Links() {
    }

    /** A sender to {@code address}. */
    static Sender sender(Session session, String address) {
        Target target = new Target();
        target.setAddress(address);
        return open(session.sender("amqp-ra-sender-" + address + "-" + IDS.incrementAndGet()), new Source(), target);
    }

    /** A receiver from {@code address}, for receives that ask for one message at a time. */
    static Receiver receiver(Session session, String address) {
        Source source = new Source();
        source.setAddress(address);
        return open(session.receiver("amqp-ra-receiver-" + address + "-" + IDS.incrementAndGet()), source,
                new Target());
    }

    /** A consumer's receiver, named by its spec so that a durable subscription resumes. */
    static Receiver consumer(Session session, ConsumerSpec spec) {
        return open(session.receiver(spec.linkName()), ConsumerSources.source(spec), new Target());
    }

    /** A sender to the peer's transaction coordinator, asking for local transactions. */
    static Sender coordinator(Session session) {
        Coordinator target = new Coordinator();
        target.setCapabilities(TxnCapability.LOCAL_TXN);
        Source source = new Source();
        source.setOutcomes(Accepted.DESCRIPTOR_SYMBOL, Rejected.DESCRIPTOR_SYMBOL);
        return open(session.sender("amqp-ra-txn-" + IDS.incrementAndGet()), source, target);
    }

    /** Attaches {@code link}; its target is a node's address, or the transaction coordinator. */
    private static <L extends Link> L open(L link, Source source,
                                           org.apache.qpid.proton.amqp.transport.Target target) {
        link.setSource(source);
        link.setTarget(target);
        link.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        link.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        link.open();
        return link;
    }
}
