package io.amqpra.demo;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.demo.console.ConsoleSampler;
import io.amqpra.demo.console.ConsoleState;
import io.amqpra.demo.console.ConsoleView;
import io.amqpra.demo.console.EventLines;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's data, as JSON: the page polls it once a second. Each request is answered at once
 * from what is there (a status is cheap, the rates come from {@link ConsoleSampler}), so a page
 * holds nothing on the server between polls, and a slow one slows only itself.
 */
@WebServlet("/console/state")
public class ConsoleServlet extends HttpServlet {

    private static final int LATEST_MESSAGES = 12;
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private ConsoleSampler sampler;

    @EJB
    private DemoLog log;

    @Inject
    private DemoEvents events;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.toJson(state(), resp.getWriter());
    }

    private ConsoleState state() {
        AdapterStatus status = sampler.status();
        ConsoleSampler.Sample sample = sampler.latest();
        List<ConsoleState.Message> latest = log.latest().stream().limit(LATEST_MESSAGES)
                .map(e -> new ConsoleState.Message(e.at().toEpochMilli(), e.address(), e.body(), e.messageId(),
                        e.peer()))
                .toList();
        return new ConsoleState(System.currentTimeMillis(), status.live(), problems(status),
                ConsoleView.totals(status), sample.rates(), ConsoleView.resources(status), events.connections(),
                events.lines(), ConsoleView.deadLetters(status, sample.deadLetterQueue(), sample.ordersQueue()),
                new ConsoleState.Messages(log.received(), log.distinctIds(), latest));
    }

    private static List<String> problems(AdapterStatus status) {
        List<String> problems = new ArrayList<>(status.problems().stream().map(EventLines::shorten).toList());
        if (!status.live()) {
            problems.add(0, "event loops: " + status.stuck());
        }
        return problems;
    }
}
