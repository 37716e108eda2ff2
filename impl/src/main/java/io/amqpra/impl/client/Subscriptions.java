package io.amqpra.impl.client;

import io.amqpra.impl.config.ReconnectPolicy;
import io.amqpra.impl.link.IncomingLink;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * The consumers of one connection: attaches their links on every open attempt, and again with
 * the reconnect backoff when the broker refuses or ends one. Loop thread only.
 */
final class Subscriptions {

    private final List<Subscription> all = new ArrayList<>();
    private final ReconnectPolicy policy;
    private final EventLoop loop;
    /** Runs a task on the loop and then writes what it produced. */
    private final Consumer<Runnable> execute;
    private final ConnectionReporter reporter;
    /** The attempt that is open now, or {@code null}. */
    private final Supplier<Attempt> open;

    Subscriptions(ReconnectPolicy policy, EventLoop loop, Consumer<Runnable> execute, ConnectionReporter reporter,
                  Supplier<Attempt> open) {
        this.policy = policy;
        this.loop = loop;
        this.execute = execute;
        this.reporter = reporter;
        this.open = open;
    }

    void add(Subscription s) {
        all.add(s);
        Attempt attempt = open.get();
        if (attempt != null) {
            attach(s, attempt);
        }
    }

    /** A new attempt opened: every consumer attaches on it. */
    void attachAll(Attempt attempt) {
        for (Subscription s : all) {
            attach(s, attempt);
        }
    }

    private void attach(Subscription s, Attempt attempt) {
        if (!s.stopped) {
            s.link = attempt.attachConsumer(s);
        }
    }

    /** The broker attached the link: the backoff starts over. */
    void attached(Subscription s) {
        s.refusals = 0;
    }

    /**
     * The broker refused or ended a consumer's link on an attempt that is still open: it attaches
     * again after the backoff, on whatever attempt is open then.
     */
    void ended(Subscription s, IncomingLink link, ErrorCondition error) {
        if (s.link != link || s.stopped || open.get() == null) {
            return;
        }
        s.link = null;
        s.refusals++;
        long delay = policy.delayMillis(s.refusals, ThreadLocalRandom.current().nextDouble());
        reporter.consumerEnded(s.spec.address(), error, delay);
        loop.schedule(() -> execute.accept(() -> {
            Attempt attempt = open.get();
            if (s.link == null && !s.stopped && all.contains(s) && attempt != null) {
                attach(s, attempt);
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** The attempt is lost; its links already are. */
    void lost() {
        all.forEach(s -> s.link = null);
    }

    void stop(Subscription s) {
        s.stopped = true;
        if (s.link != null) {
            s.link.stop();
        }
    }

    void end(Subscription s, boolean keep) {
        s.stopped = true;
        if (s.link != null) {
            s.link.releaseAndEnd(keep);
            s.link = null;
        }
        all.remove(s);
        s.ended.complete(null);
    }

    /** The connection is gone for good. */
    void endAll() {
        all.forEach(s -> s.ended.complete(null));
        all.clear();
    }
}
