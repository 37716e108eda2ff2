package io.amqpra.impl;

import static java.lang.invoke.MethodType.methodType;

import io.amqpra.impl.log.AmqpLogger;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.FutureTask;

/**
 * Work as the container gets it: an object that holds none of the adapter's classes once it ran.
 *
 * <p>A container thread keeps the first task it ran for as long as the thread lives (JBoss
 * Threads keeps it in a local variable of the thread's outermost frame). A task of one of the adapter's classes, or one pointing at them, would keep the
 * adapter's class loader alive after an undeploy, one copy per such thread. So the container
 * gets a {@link Proxy} of the API's {@link Work}, whose handler is made by
 * {@link MethodHandleProxies} from method handles of JDK classes only, and runs a
 * {@link FutureTask}, which lets go of the adapter's task once it ran. (A
 * {@link java.beans.EventHandler} would not do: it keeps the access-control context it was made
 * in, whose protection domains hold the adapter's class loader.)
 */
final class DetachedWork {

    private static final AmqpLogger LOG = AmqpLogger.of(DetachedWork.class);

    /** (task, contexts, proxy, method, args) to the method's result. */
    private static final MethodHandle HANDLER = handler();

    private DetachedWork() {
    }

    /**
     * {@code task} as a {@link Work}; with {@code contexts}, also a {@link WorkContextProvider}
     * giving them (the long-running hint, say).
     */
    static Work of(Runnable task, List<WorkContext> contexts) {
        // A FutureTask would keep what the task threw, and with it the adapter's classes.
        FutureTask<Void> once = new FutureTask<>(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.workFailed(t);
            }
        }, null);
        InvocationHandler handler = MethodHandleProxies.asInterfaceInstance(InvocationHandler.class,
                MethodHandles.insertArguments(HANDLER, 0, once, contexts));
        Class<?>[] types = contexts == null ? new Class<?>[] {Work.class}
                : new Class<?>[] {Work.class, WorkContextProvider.class};
        return (Work) Proxy.newProxyInstance(Work.class.getClassLoader(), types, handler);
    }

    private static MethodHandle handler() {
        try {
            MethodHandles.Lookup jdk = MethodHandles.publicLookup();
            MethodType type = methodType(Object.class, FutureTask.class, List.class, Object.class, Method.class,
                    Object[].class);
            MethodHandle run = MethodHandles.dropArguments(jdk.findVirtual(FutureTask.class, "run",
                    methodType(void.class)), 1, type.parameterList().subList(1, 5)).asType(type);
            MethodHandle contexts = MethodHandles.dropArguments(MethodHandles.identity(List.class), 0, FutureTask.class)
                    .asType(methodType(Object.class, FutureTask.class, List.class));
            contexts = MethodHandles.dropArguments(contexts, 2, type.parameterList().subList(2, 5));
            MethodHandle nothing = MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0,
                    type.parameterList());
            MethodHandle others = MethodHandles.guardWithTest(named("equals"), identical(jdk, type),
                    MethodHandles.guardWithTest(named("hashCode"), identityHash(jdk, type), onTask(jdk, type)));
            return MethodHandles.guardWithTest(named("run"), run, MethodHandles.guardWithTest(named("getWorkContexts"),
                    contexts, MethodHandles.guardWithTest(named("release"), nothing, others)));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the method called is {@code name}. */
    private static MethodHandle named(String name) throws ReflectiveOperationException {
        MethodHandles.Lookup jdk = MethodHandles.publicLookup();
        MethodHandle getName = jdk.findVirtual(Method.class, "getName", methodType(String.class));
        MethodHandle is = jdk.findVirtual(String.class, "equals", methodType(boolean.class, Object.class))
                .bindTo(name).asType(methodType(boolean.class, String.class));
        return MethodHandles.dropArguments(MethodHandles.dropArguments(MethodHandles.filterReturnValue(getName, is),
                0, FutureTask.class, List.class, Object.class), 4, Object[].class);
    }

    /** {@code equals} is identity: whether the argument is this very proxy. */
    private static MethodHandle identical(MethodHandles.Lookup jdk, MethodType type) throws ReflectiveOperationException {
        // new WeakReference(proxy).refersTo(args[0]): identity without calling back into the proxy
        MethodHandle reference = jdk.findConstructor(WeakReference.class, methodType(void.class, Object.class));
        MethodHandle refersTo = jdk.findVirtual(Reference.class, "refersTo", methodType(boolean.class, Object.class));
        MethodHandle first = MethodHandles.insertArguments(MethodHandles.arrayElementGetter(Object[].class), 1, 0);
        MethodHandle same = MethodHandles.filterArguments(refersTo.asType(methodType(boolean.class, WeakReference.class,
                Object.class)), 0, reference);
        same = MethodHandles.filterArguments(same, 1, first).asType(methodType(Object.class, Object.class, Object[].class));
        same = MethodHandles.dropArguments(same, 1, Method.class);
        return MethodHandles.dropArguments(same, 0, FutureTask.class, List.class);
    }

    /** {@code hashCode} is the proxy's identity hash. */
    private static MethodHandle identityHash(MethodHandles.Lookup jdk, MethodType type) throws ReflectiveOperationException {
        MethodHandle hash = jdk.findStatic(System.class, "identityHashCode", methodType(int.class, Object.class))
                .asType(methodType(Object.class, Object.class));
        return MethodHandles.dropArguments(MethodHandles.dropArguments(hash, 1, Method.class, Object[].class),
                0, FutureTask.class, List.class);
    }

    /** Any other method ({@code toString}) is the task's. */
    private static MethodHandle onTask(MethodHandles.Lookup jdk, MethodType type) throws ReflectiveOperationException {
        MethodHandle bindTo = jdk.findVirtual(MethodHandle.class, "bindTo", methodType(MethodHandle.class, Object.class));
        MethodHandle unreflect = jdk.findVirtual(MethodHandles.Lookup.class, "unreflect",
                methodType(MethodHandle.class, Method.class)).bindTo(jdk);
        MethodHandle call = jdk.findVirtual(MethodHandle.class, "invokeWithArguments",
                methodType(Object.class, Object[].class));
        MethodHandle orNone = MethodHandles.insertArguments(jdk.findStatic(Objects.class, "requireNonNullElse",
                methodType(Object.class, Object.class, Object.class)), 1, (Object) new Object[0])
                .asType(methodType(Object[].class, Object[].class));
        // (method, task, args): unreflect(method).bindTo(task).invokeWithArguments(args)
        MethodHandle bound = MethodHandles.filterArguments(bindTo, 0, unreflect)
                .asType(methodType(MethodHandle.class, Method.class, FutureTask.class));
        MethodHandle onTask = MethodHandles.collectArguments(MethodHandles.filterArguments(call, 1, orNone), 0, bound);
        onTask = MethodHandles.dropArguments(onTask, 0, List.class, Object.class);
        // (contexts, proxy, method, task, args) reordered to the handler's (task, contexts, proxy, method, args)
        return MethodHandles.permuteArguments(onTask, type, 1, 2, 3, 0, 4);
    }
}
