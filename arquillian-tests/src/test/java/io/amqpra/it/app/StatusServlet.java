package io.amqpra.it.app;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.ResourceStatus;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints the adapter's status as an application sees it through the API: one line per resource,
 * {@code KIND name ready|problem figure=value ...}, after a first line {@code ready=.. live=..}.
 * {@code ?stallMillis=n} is a test hook: it blocks one of the adapter's event loops for n ms, as
 * a bug that blocks a loop would.
 */
@WebServlet("/status")
public class StatusServlet extends HttpServlet {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        PrintWriter out = resp.getWriter();
        if (req.getParameter("stallMillis") != null) {
            long millis = Long.parseLong(req.getParameter("stallMillis"));
            oneLoop().execute(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis)));
            out.println("stalling one loop for " + millis + " ms");
            return;
        }
        AdapterStatus status = factory.status();
        out.println("ready=" + status.ready() + " live=" + status.live());
        for (ResourceStatus r : status.resources()) {
            StringBuilder line = new StringBuilder(r.kind() + " " + r.name() + " " + (r.ready() ? "ready" : r.problem()));
            r.figures().forEach((figure, value) -> line.append(' ').append(figure.key()).append('=').append(value));
            out.println(line);
        }
    }

    /** Reaches into the adapter for one of its event loops: a test hook, nothing an application does. */
    private Executor oneLoop() {
        try {
            Method mcfOf = factory.getClass().getDeclaredMethod("managedConnectionFactory");
            mcfOf.setAccessible(true);
            Object mcf = mcfOf.invoke(factory);
            Object adapter = mcf.getClass().getMethod("getResourceAdapter").invoke(mcf);
            Object loops = adapter.getClass().getMethod("eventLoops").invoke(adapter);
            Object group = loops.getClass().getMethod("group").invoke(loops);
            return (Executor) group.getClass().getMethod("next").invoke(group);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the adapter's loops are out of reach", e);
        }
    }
}
