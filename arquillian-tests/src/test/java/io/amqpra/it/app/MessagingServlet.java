package io.amqpra.it.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.AmqpSymbol;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A small application, written as a user would from the README: it injects the connection
 * factory and sends and receives through it. Each request prints plain text the test reads.
 */
@WebServlet("/amqp/*")
public class MessagingServlet extends HttpServlet {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        PrintWriter out = resp.getWriter();
        String address = req.getParameter("address");
        int count = req.getParameter("count") == null ? 1 : Integer.parseInt(req.getParameter("count"));
        try {
            switch (req.getPathInfo()) {
                case "/server" -> out.println(System.getProperty("jboss.home.dir"));
                case "/send" -> send(address, count, out);
                case "/send-async" -> sendAsync(address, count, out);
                case "/receive" -> receive(address, count, out);
                case "/reuse" -> reuse(address, count, out);
                default -> resp.sendError(404);
            }
        } catch (AmqpException | RuntimeException e) {
            resp.setStatus(500);
            out.println("ERROR " + e);
        }
    }

    static Message message(int i) {
        return Message.builder()
                .body("message " + i)
                .messageId("id-" + i)
                .subject("test-subject")
                .contentType("text/plain")
                .durable(true)
                .priority(6)
                .applicationProperty("index", i)
                .applicationProperty("origin", "wildfly")
                .messageAnnotation("x-opt-test", AmqpSymbol.of("annotated"))
                .build();
    }

    private void send(String address, int count, PrintWriter out) throws AmqpException {
        Map<Outcome.Type, Integer> outcomes = new EnumMap<>(Outcome.Type.class);
        List<String> notAccepted = new ArrayList<>();
        try (AmqpConnection connection = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                Outcome outcome = connection.send(address, message(i));
                outcomes.merge(outcome.type(), 1, Integer::sum);
                if (!outcome.isAccepted()) {
                    notAccepted.add("id-" + i + " " + outcome);
                }
            }
        }
        out.println(outcomes);
        notAccepted.forEach(out::println); // after the summary line, one line each
    }

    private void sendAsync(String address, int count, PrintWriter out) throws AmqpException {
        Map<Outcome.Type, Integer> outcomes = new EnumMap<>(Outcome.Type.class);
        try (AmqpConnection connection = factory.getConnection()) {
            List<CompletableFuture<Outcome>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(connection.sendAsync(address, message(i)).toCompletableFuture());
            }
            for (CompletableFuture<Outcome> f : pending) {
                try {
                    outcomes.merge(f.join().type(), 1, Integer::sum);
                } catch (CompletionException e) {
                    out.println("FAILED " + e.getCause());
                }
            }
        }
        out.println(outcomes);
    }

    private void receive(String address, int count, PrintWriter out) throws AmqpException {
        try (AmqpConnection connection = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                Optional<ReceivedMessage> received = connection.receive(address, Duration.ofSeconds(10));
                if (received.isEmpty()) {
                    out.println("TIMEOUT");
                    return;
                }
                Message m = received.get().message();
                out.println(m.bodyAsString() + "|" + m.messageId() + "|" + m.subject() + "|"
                        + m.applicationProperties().get("index") + "|" + m.applicationProperties().get("origin"));
                received.get().accept();
            }
        }
    }

    /** Many short uses of the pool, each with one send, as request-scoped code would do. */
    private void reuse(String address, int count, PrintWriter out) throws AmqpException {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            try (AmqpConnection connection = factory.getConnection()) {
                if (connection.send(address, message(i)).isAccepted()) {
                    accepted++;
                }
            }
        }
        out.println("ACCEPTED=" + accepted);
    }
}
