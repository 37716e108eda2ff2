package io.amqpra.demo;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the console's forms and scripts call: {@code POST /send} sends messages through the
 * default connection factory (which points at the demo's own listener unless configured
 * otherwise) or, with {@code via=broker}, through the embedded broker's, and answers with a line
 * saying what became of them; {@code /status} gives the listener's counts as plain text;
 * {@code /clear} forgets what the beans received. The console itself is index.html.
 */
@WebServlet(urlPatterns = {"/send", "/status", "/clear"})
@ConnectionFactoryDefinition(name = "java:app/amqp/Broker", interfaceName = "io.amqpra.api.AmqpConnectionFactory",
        resourceAdapter = "amqp-ra", properties = {"host=localhost", "port=${demo.broker.port:5673}"})
public class DemoServlet extends HttpServlet {

    private static final int MAX_COUNT = 100_000;

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    /** The embedded broker, whose queue demo.orders the consuming bean reads. */
    @Resource(lookup = "java:app/amqp/Broker")
    private AmqpConnectionFactory broker;

    @EJB
    private DemoLog log;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/clear".equals(req.getServletPath())) {
            log.clear();
            resp.sendRedirect(req.getContextPath() + "/");
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().println("received=" + log.received() + " distinct=" + log.distinctIds());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/clear".equals(req.getServletPath())) {
            log.clear();
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (!"/send".equals(req.getServletPath())) {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        boolean toBroker = "broker".equals(req.getParameter("via"));
        String address = param(req, "address", toBroker ? "demo.orders" : "demo");
        String body = param(req, "body", "hello");
        String result;
        try {
            int count = Math.max(1, Math.min(MAX_COUNT, Integer.parseInt(param(req, "count", "10").trim())));
            result = send(toBroker ? broker : factory, address, count, body)
                    + (toBroker ? " (through the broker's connection factory)" : "");
        } catch (NumberFormatException e) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            result = "Failed: the count is not a number: " + req.getParameter("count");
        } catch (AmqpException | RuntimeException e) {
            result = "Failed: " + e.getMessage();
        }
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(result);
    }

    private String send(AmqpConnectionFactory through, String address, int count, String body)
            throws AmqpException {
        Map<Outcome.Type, Integer> outcomes = new EnumMap<>(Outcome.Type.class);
        List<String> failures = new ArrayList<>();
        int failed = 0;
        long start = System.nanoTime();
        try (AmqpConnection connection = through.getConnection()) {
            List<CompletableFuture<Outcome>> pending = new ArrayList<>(count);
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 0; i < count; i++) {
                Message message = Message.builder().body(count == 1 ? body : body + " " + i)
                        .messageId("page-" + run + "-" + i).subject("demo").build();
                pending.add(connection.sendAsync(address, message).toCompletableFuture());
            }
            for (CompletableFuture<Outcome> f : pending) {
                try {
                    Outcome outcome = f.join();
                    outcomes.merge(outcome.type(), 1, Integer::sum);
                    if (outcome.type() == Outcome.Type.REJECTED && failures.size() < 3) {
                        failures.add(outcome.toString());
                    }
                } catch (CompletionException e) {
                    failed++;
                    if (failures.size() < 3) {
                        failures.add(String.valueOf(e.getCause().getMessage()));
                    }
                }
            }
        }
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        return "Sent " + count + " to '" + address + "' in " + millis + " ms: " + outcomes
                + (failed == 0 ? "" : ", " + failed + " failed") + (failures.isEmpty() ? "" : " " + failures);
    }

    private static String param(HttpServletRequest req, String name, String fallback) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
