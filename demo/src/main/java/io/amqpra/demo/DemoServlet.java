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
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The demo page: sends messages through the default connection factory (which points at the
 * demo's own listener unless configured otherwise) and shows what the listener received.
 * {@code /status} gives the counts as plain text for scripts.
 */
@WebServlet(urlPatterns = {"", "/send", "/status", "/clear"})
@ConnectionFactoryDefinition(name = "java:app/amqp/Broker", interfaceName = "io.amqpra.api.AmqpConnectionFactory",
        resourceAdapter = "amqp-ra", properties = {"host=localhost", "port=${demo.broker.port:5673}"})
public class DemoServlet extends HttpServlet {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    /** The embedded broker, whose queue demo.orders the consuming bean reads. */
    @Resource(lookup = "java:app/amqp/Broker")
    private AmqpConnectionFactory broker;

    @EJB
    private DemoLog log;

    @jakarta.inject.Inject
    private DemoEvents events;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getServletPath()) {
            case "/status" -> {
                resp.setContentType("text/plain");
                resp.getWriter().println("received=" + log.received() + " distinct=" + log.distinctIds());
            }
            case "/clear" -> {
                log.clear();
                resp.sendRedirect(req.getContextPath() + "/");
            }
            default -> page(req, resp, null);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean toBroker = "broker".equals(req.getParameter("via"));
        String address = param(req, "address", toBroker ? "demo.orders" : "demo");
        int count = Math.max(1, Math.min(100_000, Integer.parseInt(param(req, "count", "10"))));
        String body = param(req, "body", "hello");
        String result;
        try {
            result = send(toBroker ? broker : factory, address, count, body)
                    + (toBroker ? " (through the broker's connection factory)" : "");
        } catch (AmqpException | RuntimeException e) {
            result = "Failed: " + e.getMessage();
        }
        page(req, resp, result);
    }

    private String send(AmqpConnectionFactory through, String address, int count, String body)
            throws AmqpException {
        Map<Outcome.Type, Integer> outcomes = new EnumMap<>(Outcome.Type.class);
        List<String> failures = new ArrayList<>();
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
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
        }
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        return "Sent " + count + " to '" + address + "' in " + millis + " ms: " + outcomes
                + (failures.isEmpty() ? "" : " " + failures);
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, String result) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.println("<!DOCTYPE html><html><head><title>AMQP 1.0 resource adapter demo</title>");
        out.println("<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
                + "th{background:#eee}.r{background:#efe;padding:.5em}</style></head><body>");
        out.println("<h1>AMQP 1.0 resource adapter demo</h1>");
        out.println("<p>One MDB listens for AMQP peers on this server; the first form sends to it through the "
                + "connection factory <code>java:/amqp/ConnectionFactory</code>.</p>");
        out.println("<form method='post' action='" + req.getContextPath() + "/send'>Address "
                + "<input name='address' value='demo'> Count <input name='count' value='10' size='6'> Body "
                + "<input name='body' value='hello'> <button>Send</button></form>");
        out.println("<p>Another MDB consumes the queue <code>demo.orders</code> on the server's embedded "
                + "ActiveMQ Artemis; this form sends there through <code>java:app/amqp/Broker</code> "
                + "(a body <code>fail</code> is redelivered, then dead-lettered).</p>");
        out.println("<form method='post' action='" + req.getContextPath() + "/send'>"
                + "<input type='hidden' name='via' value='broker'>Queue <input name='address' value='demo.orders'>"
                + " Count <input name='count' value='10' size='6'> Body <input name='body' value='order'>"
                + " <button>Send to the broker</button></form>");
        if (result != null) {
            out.println("<p class='r'>" + escape(result) + "</p>");
        }
        out.println("<h2>Received: " + log.received() + " messages (" + log.distinctIds()
                + " distinct ids) <a href='" + req.getContextPath() + "/clear'>clear</a></h2>");
        out.println("<table><tr><th>time</th><th>address</th><th>body</th><th>message id</th>"
                + "<th>peer</th><th>peer container</th></tr>");
        for (DemoLog.Entry e : log.latest()) {
            out.println("<tr><td>" + e.at() + "</td><td>" + escape(e.address()) + "</td><td>" + escape(e.body())
                    + "</td><td>" + escape(e.messageId()) + "</td><td>" + escape(e.peer()) + "</td><td>"
                    + escape(e.remoteContainer()) + "</td></tr>");
        }
        out.println("</table>");
        out.println("<h2>Connection notifications (CDI events, latest first)</h2><ul>");
        for (io.amqpra.api.event.AmqpEvent e : events.latest()) {
            out.println("<li><code>" + escape(e.toString()) + "</code></li>");
        }
        out.println("</ul></body></html>");
    }

    private static String param(HttpServletRequest req, String name, String fallback) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
