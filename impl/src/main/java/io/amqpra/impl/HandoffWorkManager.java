package io.amqpra.impl;

import io.amqpra.impl.log.AmqpLogger;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The container's WorkManager as the event loops see it: {@code scheduleWork} never blocks. A
 * container may block there, as IronJacamar does when slow beans hold every thread of its
 * short-running pool and its queue is full; a loop that waited there would stop every connection
 * on it. So the work is queued here, and one long-running container thread of its own hands it
 * to the container, waiting there in the loops' place.
 *
 * <p>Work the container rejects goes to its {@link WorkListener} when it has one (a message
 * delivery, which is then released back to its peer); work without one (completions, events)
 * must still run, so it is offered again after a pause. The queue needs no bound of its own:
 * what enters it is bounded where it comes from, by {@code maxConcurrency} for deliveries and by
 * one serial task per connection for completions.
 */
final class HandoffWorkManager implements WorkManager {

    private static final AmqpLogger LOG = AmqpLogger.of(HandoffWorkManager.class);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Job(Work work, WorkListener listener) {
    }

    private final WorkManager container;
    private final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();
    private volatile Thread handoff;
    private volatile boolean stopped;

    HandoffWorkManager(WorkManager container) {
        this.container = container;
    }

    /** The hand-off loop; runs on a long-running container thread until {@link #stop()}. */
    void run() {
        handoff = Thread.currentThread();
        // The container keeps the class loader of whoever hands it work in its task objects:
        // hand it none of the adapter's, which would outlive an undeploy in idle pool threads.
        ClassLoader own = handoff.getContextClassLoader();
        handoff.setContextClassLoader(null);
        try {
            boolean refused = false;
            while (true) {
                Job job = jobs.peek();
                if (job == null) {
                    if (stopped) {
                        return;
                    }
                    LockSupport.parkNanos(this, IDLE_NANOS); // enqueue() and stop() unpark it
                } else if (offer(job, refused)) {
                    jobs.poll();
                    refused = false;
                } else {
                    refused = true;
                    LockSupport.parkNanos(this, RETRY_NANOS);
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(own);
            handoff = null;
        }
    }

    /**
     * Hands one job to the container. Whether it is done with: taken, or rejected to its
     * listener, or refused while stopping; else it is offered again.
     */
    private boolean offer(Job job, boolean refusedBefore) {
        try {
            // Its listener stays here: a rejection comes back as this exception.
            container.scheduleWork(DetachedWork.of(job.work, null));
            return true;
        } catch (WorkException | RuntimeException e) {
            if (job.listener != null) {
                job.listener.workRejected(new WorkEvent(this, WorkEvent.WORK_REJECTED, job.work,
                        e instanceof WorkException we ? we : new WorkRejectedException(e)));
                return true;
            }
            if (!refusedBefore) {
                LOG.workRefusedRetrying(e.getMessage());
            }
            return stopped;
        }
    }

    /** Stops taking work once the queue is empty (or the container refuses what is left). */
    void stop() {
        stopped = true;
        Thread t = handoff;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void enqueue(Job job) {
        jobs.add(job);
        Thread t = handoff;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void scheduleWork(Work work) {
        enqueue(new Job(work, null));
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        enqueue(new Job(work, listener));
    }

    @Override
    public void doWork(Work work) throws WorkException {
        container.doWork(work);
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        container.doWork(work, startTimeout, context, listener);
    }

    @Override
    public long startWork(Work work) throws WorkException {
        return container.startWork(work);
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        return container.startWork(work, startTimeout, context, listener);
    }
}
