package io.amqpra.it.app;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Drives {@link TxSender}: {@code /tx/send?address&count&fail}, {@code /tx/row?key&address&fail&gate},
 * and {@code /tx/rows?key} (rows with that key, read outside any transaction). Answers {@code OK},
 * or {@code ROLLED BACK} and the exception the caller got.
 */
@WebServlet("/tx/*")
public class TxServlet extends HttpServlet {

    @EJB
    private TxSender sender;

    @Resource(lookup = "java:jboss/datasources/TxDS")
    private DataSource database;

    @Override
    public void init() throws ServletException {
        try (Connection db = database.getConnection();
             PreparedStatement create = db.prepareStatement(
                     "CREATE TABLE IF NOT EXISTS orders(id VARCHAR(100) PRIMARY KEY)")) {
            create.execute();
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        boolean fail = Boolean.parseBoolean(req.getParameter("fail"));
        try {
            switch (req.getPathInfo()) {
                case "/send" -> sender.send(req.getParameter("address"),
                        Integer.parseInt(req.getParameter("count")), fail);
                case "/row" -> sender.rowAndMessage(req.getParameter("key"), req.getParameter("address"), fail,
                        req.getParameter("gate"));
                case "/rows" -> {
                    resp.getWriter().print(rows(req.getParameter("key")));
                    return;
                }
                default -> throw new IllegalArgumentException(req.getPathInfo());
            }
            resp.getWriter().print("OK");
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            resp.getWriter().print("ROLLED BACK " + e.getClass().getSimpleName() + " / "
                    + root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    private int rows(String key) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            count.setString(1, key);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
