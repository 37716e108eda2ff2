package io.amqpra.impl.client;

import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * The sender links of one attempt, one per address, each reused by every send to its address.
 * At most {@code maxSenderLinks} stay attached: attaching one more first detaches the least
 * recently used links that have nothing in flight (no send waiting for credit, none waiting for
 * its outcome), so that detaching never loses a send. When every link has sends in flight, the
 * new one is attached all the same, and links over the bound are detached as soon as they are
 * idle. Loop thread only.
 */
final class Senders {

    private final int max;
    private final Function<String, OutgoingLink> attach;
    /** In access order: the least recently used link comes first. */
    private final LinkedHashMap<String, OutgoingLink> links = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param max the most links kept attached while idle ({@code maxSenderLinks})
     * @param attach attaches a new link to an address
     */
    Senders(int max, Function<String, OutgoingLink> attach) {
        this.max = max;
        this.attach = attach;
    }

    /** The link to {@code address}, attached on first use after making room for it. */
    OutgoingLink sender(String address) {
        OutgoingLink link = links.get(address);
        if (link == null) {
            detachIdle(max - 1);
            link = attach.apply(address);
            links.put(address, link);
        }
        return link;
    }

    /** A send timed out: its link, if any, forgets it, and goes if that left it idle over the bound. */
    void forget(PendingSend send) {
        OutgoingLink link = links.get(send.address);
        if (link != null) {
            link.forget(send);
            ended(link);
        }
    }

    /** A send on {@code link} ended: a link over the bound goes once it is idle. */
    void ended(OutgoingLink link) {
        if (links.size() > max && link.isIdle()) {
            detachIdle(max);
        }
    }

    /** The links attached now. */
    Collection<OutgoingLink> values() {
        return links.values();
    }

    /** The peer ended the link to {@code address}: a later send attaches a new one. */
    void remove(String address, OutgoingLink link) {
        links.remove(address, link);
    }

    /** The attempt is over: its links are forgotten. */
    void clear() {
        links.clear();
    }

    /** Detaches idle links, least recently used first, until at most {@code keep} are left. */
    private void detachIdle(int keep) {
        Iterator<OutgoingLink> it = links.values().iterator();
        while (links.size() > keep && it.hasNext()) {
            OutgoingLink link = it.next();
            if (link.isIdle()) {
                it.remove();
                link.close();
            }
        }
    }
}
