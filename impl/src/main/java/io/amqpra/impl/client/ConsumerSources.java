package io.amqpra.impl.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnknownDescribedType;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;

/**
 * The source of a consumer's link, as the AMQP JMS mapping (and so ActiveMQ Artemis and the Qpid
 * routers) reads it: a {@code queue} or {@code topic} capability, a selector filter, and for a
 * subscription a durable terminus that never expires, with {@code shared} and {@code global}
 * capabilities when several consumers share it.
 */
final class ConsumerSources {

    static final Symbol QUEUE = Symbol.valueOf("queue");
    static final Symbol TOPIC = Symbol.valueOf("topic");
    static final Symbol SHARED = Symbol.valueOf("shared");
    static final Symbol GLOBAL = Symbol.valueOf("global");
    static final Symbol SELECTOR_KEY = Symbol.valueOf("jms-selector");
    /** {@code apache.org:selector-filter:string}, by its numeric descriptor, as Qpid JMS sends it. */
    static final UnsignedLong SELECTOR_FILTER = UnsignedLong.valueOf(0x0000468C00000004L);

    private ConsumerSources() {
    }

    static Source source(ConsumerSpec spec) {
        Source source = new Source();
        source.setAddress(spec.address());
        List<Symbol> capabilities = new ArrayList<>(List.of(spec.topic() ? TOPIC : QUEUE));
        if (spec.shared()) {
            capabilities.add(SHARED);
            capabilities.add(GLOBAL);
        }
        source.setCapabilities(capabilities.toArray(new Symbol[0]));
        if (spec.filter() != null) {
            source.setFilter(Map.of(SELECTOR_KEY, new UnknownDescribedType(SELECTOR_FILTER, spec.filter())));
        }
        if (spec.durable()) {
            source.setDurable(TerminusDurability.UNSETTLED_STATE);
            source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        } else {
            source.setExpiryPolicy(TerminusExpiryPolicy.LINK_DETACH);
        }
        Modified failed = new Modified();
        failed.setDeliveryFailed(true);
        source.setDefaultOutcome(failed);
        source.setOutcomes(Accepted.DESCRIPTOR_SYMBOL, Rejected.DESCRIPTOR_SYMBOL, Released.DESCRIPTOR_SYMBOL,
                Modified.DESCRIPTOR_SYMBOL);
        return source;
    }
}
