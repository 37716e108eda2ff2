package io.amqpra.payara.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;

/** What one bean received: its count and distinct count, then one entry a line. */
@WebServlet("/inbox")
public class InboxServlet extends HttpServlet {

    @EJB
    private Inbox inbox;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        List<String> entries = inbox.entries(req.getParameter("bean"));
        resp.getWriter().println(entries.size() + " " + new HashSet<>(entries).size());
        entries.forEach(resp.getWriter()::println);
    }
}
