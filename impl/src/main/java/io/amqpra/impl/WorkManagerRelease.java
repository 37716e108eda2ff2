package io.amqpra.impl;

import io.amqpra.impl.log.AmqpLogger;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;

/**
 * Lets the container's work manager forget the adapter once it stopped.
 *
 * <p>IronJacamar's work manager (WildFly's) points at the resource adapter it was made for, and
 * the container keeps work managers alive after an undeploy: a JCA thread holds the first task it
 * ran for as long as it lives, and WildFly's wrapper of that task holds the work manager. One
 * stopped adapter, with its class loader, per such thread would stay loaded that way. The
 * work manager uses the adapter only to associate it with work that asks for it, which no longer
 * comes once the adapter stopped, and does nothing then without one; so the adapter clears it
 * through the work manager's public {@code setResourceAdapter}. Other servers' work managers
 * have no such method, and are left alone.
 */
final class WorkManagerRelease {

    private static final AmqpLogger LOG = AmqpLogger.of(WorkManagerRelease.class);

    private WorkManagerRelease() {
    }

    /** Clears {@code adapter} from {@code workManager} where the container keeps it there. */
    static void forget(WorkManager workManager, ResourceAdapter adapter) {
        if (workManager == null) {
            return;
        }
        try {
            Method getter = workManager.getClass().getMethod("getResourceAdapter");
            Method setter = workManager.getClass().getMethod("setResourceAdapter", ResourceAdapter.class);
            if (getter.invoke(workManager) == adapter) {
                setter.invoke(workManager, (Object) null);
            }
        } catch (NoSuchMethodException notThere) {
            // this container's work manager keeps no adapter
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.workManagerKeepsAdapter(workManager.getClass().getName(), e);
        }
    }
}
