package io.amqpra.payara.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * An application written as the README's Payara section says: it injects the connection factory
 * its {@code glassfish-resources.xml} defines, and sends and receives through it. Each request
 * prints plain text the test reads.
 */
@WebServlet("/amqp/*")
public class MessagingServlet extends HttpServlet {

    @Resource(lookup = "java:app/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        PrintWriter out = resp.getWriter();
        String address = req.getParameter("address");
        int count = req.getParameter("count") == null ? 1 : Integer.parseInt(req.getParameter("count"));
        try {
            switch (req.getPathInfo()) {
                case "/send" -> out.println(send(address, count));
                case "/receive" -> receive(address, count, out);
                default -> resp.sendError(404);
            }
        } catch (AmqpException | RuntimeException e) {
            resp.setStatus(500);
            out.println("ERROR " + e);
        }
    }

    /** Sends {@code count} messages and counts their outcomes by type. */
    private Map<Outcome.Type, Integer> send(String address, int count) throws AmqpException {
        Map<Outcome.Type, Integer> outcomes = new EnumMap<>(Outcome.Type.class);
        try (AmqpConnection connection = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                Message message = Message.builder().body("message " + i).messageId("id-" + i)
                        .subject("from-payara").applicationProperty("index", i).durable(true).build();
                outcomes.merge(connection.send(address, message).type(), 1, Integer::sum);
            }
        }
        return outcomes;
    }

    /** Receives up to {@code count} messages, accepting each, one line each: body|subject|index. */
    private void receive(String address, int count, PrintWriter out) throws AmqpException {
        try (AmqpConnection connection = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                Optional<ReceivedMessage> received = connection.receive(address, Duration.ofSeconds(10));
                if (received.isEmpty()) {
                    return;
                }
                Message m = received.get().message();
                out.println(m.bodyAsString() + "|" + m.subject() + "|" + m.applicationProperties().get("index"));
                received.get().accept();
            }
        }
    }
}
