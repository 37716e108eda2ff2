package io.amqpra.it.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Sends through a connection factory that the application defines in its own web.xml. */
@WebServlet("/own/*")
public class OwnFactoryServlet extends HttpServlet {

    @Resource(lookup = "java:app/amqp/Own")
    private AmqpConnectionFactory own;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        try (AmqpConnection connection = own.getConnection()) {
            resp.getWriter().println(connection.send(req.getParameter("address"),
                    MessagingServlet.message(0)).type());
        } catch (AmqpException | RuntimeException e) {
            resp.setStatus(500);
            resp.getWriter().println("ERROR " + e);
        }
    }
}
