package io.amqpra.it.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Sends through the rar's default connection factory in container-managed transactions
 * (REQUIRED), alone or with a row in an XA datasource. {@code fail} throws a runtime exception
 * after the work, so the container rolls the transaction back.
 */
@Stateless
public class TxSender {

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Resource(lookup = "java:jboss/datasources/TxDS")
    private DataSource database;

    public void send(String address, int count, boolean fail) throws AmqpException {
        try (AmqpConnection connection = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                connection.send(address, Message.of("tx " + i)).requireAccepted();
            }
        }
        failIf(fail);
    }

    /**
     * Inserts a row and sends a message with the same key. With {@code gate}, it then waits for
     * that file to appear before it returns and the transaction commits, after a record
     * {@code sent:<key>}.
     */
    public void rowAndMessage(String key, String address, boolean fail, String gate)
            throws AmqpException, SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO orders(id) VALUES (?)")) {
            insert.setString(1, key);
            insert.executeUpdate();
        }
        try (AmqpConnection connection = factory.getConnection()) {
            connection.send(address, Message.of(key)).requireAccepted();
        }
        if (gate != null) {
            Records.append("gate", "sent:" + key);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(Path.of(gate)) && System.nanoTime() < deadline) {
                // Not a wait for time: the test creates the file once it stopped the broker.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        failIf(fail);
    }

    private static void failIf(boolean fail) {
        if (fail) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }
}
