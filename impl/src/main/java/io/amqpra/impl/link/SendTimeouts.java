package io.amqpra.impl.link;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fails sends that got no outcome within the send timeout. Every send has the same timeout, so
 * deadlines come in submission order: one queue and one scheduled sweep cover them all, instead
 * of a timer per message. Loop thread only.
 */
public final class SendTimeouts {

    private final EventLoop loop;
    private final Consumer<PendingSend> onTimeout;
    private final ArrayDeque<PendingSend> queue = new ArrayDeque<>();
    private ScheduledFuture<?> sweep;

    public SendTimeouts(EventLoop loop, Consumer<PendingSend> onTimeout) {
        this.loop = loop;
        this.onTimeout = onTimeout;
    }

    public void track(PendingSend send) {
        // Outcomes mostly arrive in order, so dropping finished sends at the head keeps the queue
        // as short as the number of sends really in flight.
        while (!queue.isEmpty() && queue.peek().done) {
            queue.poll();
        }
        queue.add(send);
        if (sweep == null) {
            schedule(send.deadlineNanos);
        }
    }

    public void clear() {
        queue.clear();
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private void schedule(long deadlineNanos) {
        sweep = loop.schedule(this::sweep, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        sweep = null;
        long now = System.nanoTime();
        PendingSend head;
        while ((head = queue.peek()) != null) {
            if (head.done) {
                queue.poll();
            } else if (head.deadlineNanos - now <= 0) {
                queue.poll();
                onTimeout.accept(head);
            } else {
                break;
            }
        }
        if (head != null) {
            schedule(head.deadlineNanos);
        }
    }
}
