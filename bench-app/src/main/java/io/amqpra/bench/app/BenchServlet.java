package io.amqpra.bench.app;

import io.amqpra.api.AmqpConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs one benchmark scenario inside the server, through the injected connection factory, and
 * answers with its figure as plain text:
 *
 * <ul>
 *   <li>{@code /run?scenario=pipelined&n=N&address=A}: N sends of 1 KiB without waiting, then
 *       every outcome; messages per second.
 *   <li>{@code /run?scenario=sync&n=N&address=A}: N sends, each waiting for its outcome;
 *       messages per second.
 *   <li>{@code /run?scenario=pool&n=N}: N times {@code getConnection()} plus {@code close()};
 *       median and 99th percentile in microseconds.
 *   <li>{@code /run?scenario=ready}: answers once the application is up.
 * </ul>
 *
 * A message the peer does not accept fails the request with status 500 and the reason.
 */
@WebServlet("/run")
public class BenchServlet extends HttpServlet {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String scenario = req.getParameter("scenario");
        int n = req.getParameter("n") == null ? 0 : Integer.parseInt(req.getParameter("n"));
        String address = req.getParameter("address");
        String answer;
        try {
            answer = switch (String.valueOf(scenario)) {
                case "ready" -> "ready";
                case "pipelined" -> String.valueOf(Scenarios.pipelined(factory, address, n));
                case "sync" -> String.valueOf(Scenarios.oneAtATime(factory, address, n));
                case "pool" -> {
                    double[] latency = Scenarios.pool(factory, n);
                    yield latency[0] + " " + latency[1];
                }
                default -> null;
            };
        } catch (Exception e) {
            resp.sendError(500, e.toString());
            return;
        }
        if (answer == null) {
            resp.sendError(400, "unknown scenario '" + scenario + "'; use pipelined, sync, pool or ready");
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(answer);
    }
}
