package io.amqpra.payara.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Lists what {@link EventRecorder} saw, one event a line. */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

    @Inject
    private EventRecorder recorder;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        recorder.lines().forEach(resp.getWriter()::println);
    }
}
