package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The same application on two servers, both consuming from one queue ({@code mode=connect}; where
 * from is in the deployment's {@code jboss-ejb3.xml}). It records each message it is given as a
 * line, its body, in the {@link Records} file {@code <server>-started}, and each it has processed
 * as a line {@code <body>@<delivery count>} in the file {@code <server>}, where {@code <server>} is
 * the system property {@value #SERVER}: files, because what a server did must still be readable
 * once that server was killed. A message with an int property {@code workMillis} takes that long.
 */
@MessageDriven
public class ScaleOutBean implements AmqpMessageListener {

    /** The server system property naming this server, and so its record file. */
    public static final String SERVER = "scale.it.server";

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        String server = System.getProperty(SERVER);
        Records.append(server + "-started", message.bodyAsString());
        if (message.applicationProperties().get("workMillis") instanceof Number work) {
            // The application's own work, so that a server is killed while it is consuming.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(work.longValue()));
        }
        Records.append(server, message.bodyAsString() + "@" + message.deliveryCount());
    }
}
