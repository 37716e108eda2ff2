package io.amqpra.impl;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import org.junit.jupiter.api.Test;

class WorkManagerReleaseTest {

    @Test
    void aWorkManagerThatKeepsTheStoppedAdapterForgetsIt() {
        AmqpResourceAdapter adapter = new AmqpResourceAdapter();
        KeepingWorkManager workManager = new KeepingWorkManager();
        workManager.setResourceAdapter(adapter);

        WorkManagerRelease.forget(workManager, adapter);

        assertNull(workManager.getResourceAdapter());
    }

    @Test
    void anotherAdaptersReferenceIsLeftAlone() {
        AmqpResourceAdapter other = new AmqpResourceAdapter();
        KeepingWorkManager workManager = new KeepingWorkManager();
        workManager.setResourceAdapter(other);

        WorkManagerRelease.forget(workManager, new AmqpResourceAdapter());

        assertSame(other, workManager.getResourceAdapter());
    }

    @Test
    void aWorkManagerWithoutSuchMethodsIsLeftAlone() {
        WorkManagerRelease.forget(new PlainWorkManager(), new AmqpResourceAdapter()); // no exception
        WorkManagerRelease.forget(null, new AmqpResourceAdapter());
    }

    /** The shape of IronJacamar's: it keeps the adapter it was made for. */
    public static class KeepingWorkManager extends PlainWorkManager {
        private ResourceAdapter adapter;

        public ResourceAdapter getResourceAdapter() {
            return adapter;
        }

        public void setResourceAdapter(ResourceAdapter adapter) {
            this.adapter = adapter;
        }
    }

    public static class PlainWorkManager implements WorkManager {
        @Override
        public void doWork(Work work) {
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        }

        @Override
        public long startWork(Work work) {
            return 0;
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            return 0;
        }

        @Override
        public void scheduleWork(Work work) {
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        }
    }
}
