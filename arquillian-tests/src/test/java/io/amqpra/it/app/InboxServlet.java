package io.amqpra.it.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;

/** Reports what the MDBs received: count, distinct count, and the entries. */
@WebServlet("/inbox")
public class InboxServlet extends HttpServlet {

    @EJB
    private Inbox inbox;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        List<String> ids = inbox.ids(req.getParameter("address"));
        resp.getWriter().println(ids.size() + " " + new HashSet<>(ids).size());
        if (req.getParameter("list") != null) {
            ids.forEach(resp.getWriter()::println);
        }
    }
}
