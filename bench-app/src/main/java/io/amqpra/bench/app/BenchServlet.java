package io.amqpra.bench.app;

import io.amqpra.api.AmqpConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
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
 *   <li>{@code /run?scenario=txsend&via=ours|artemis&n=N&batch=K&address=A}: N sends in
 *       container-managed transactions of K sends each, through this adapter or the Artemis
 *       resource adapter; messages per second.
 *   <li>{@code /run?scenario=reset}: forgets what the draining beans processed.
 *   <li>{@code /run?scenario=processed&n=N&timeout=MS}: once the draining beans processed N
 *       messages since the reset, the wall-clock millisecond of the last.
 *   <li>{@code /run?scenario=probe&timeout=MS}: the wall-clock millisecond at which a draining
 *       bean finished the first message marked {@code probe} since the reset.
 *   <li>{@code /run?scenario=ready}: answers once the application is up.
 * </ul>
 *
 * A message the peer does not accept fails the request with status 500 and the reason.
 */
@WebServlet("/run")
public class BenchServlet extends HttpServlet {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @EJB
    private TxSender txSender;

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
                case "txsend" -> String.valueOf(transactional(req.getParameter("via"), address, n,
                        Integer.parseInt(req.getParameter("batch"))));
                case "reset" -> {
                    Drain.reset();
                    yield "0";
                }
                case "processed" -> Drain.awaitProcessed(n, Long.parseLong(req.getParameter("timeout")));
                case "probe" -> Drain.awaitProbe(Long.parseLong(req.getParameter("timeout")));
                default -> null;
            };
        } catch (Exception e) {
            resp.sendError(500, e.toString());
            return;
        }
        if (answer == null) {
            resp.sendError(400, "unknown scenario '" + scenario + "'; use pipelined, sync, pool, txsend, "
                    + "reset, processed, probe or ready");
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(answer);
    }

    /** {@code n} sends in transactions of {@code batch} each; messages per second. */
    private double transactional(String via, String address, int n, int batch) throws Exception {
        long start = System.nanoTime();
        for (int sent = 0; sent < n; sent += batch) {
            if ("ours".equals(via)) {
                txSender.ours(address, batch);
            } else {
                txSender.artemis(address, batch);
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
