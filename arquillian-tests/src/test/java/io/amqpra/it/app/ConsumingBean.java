package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Consumes from a broker ({@code mode=connect}); where from and how is all in the deployment's
 * {@code jboss-ejb3.xml}, so each test application configures this one class its own way.
 *
 * <p>Each message it processes is one line, its text body, appended to the file named after the
 * address in the folder the server system property {@value #RECORDS} names. A file, not a
 * singleton: what a bean finishes while its application is being undeployed is still counted.
 * A message with an int property {@code workMillis} takes that long to process; a message
 * {@code poison} always fails, after a line {@code poison@<delivery count>}.
 */
@MessageDriven
public class ConsumingBean implements AmqpMessageListener {

    /** The server system property naming the folder of the records. */
    public static final String RECORDS = "consumer.it.records";

    @Override
    public void onMessage(Message message, DeliveryContext context) throws Exception {
        String body = message.bodyAsString();
        if (message.applicationProperties().get("workMillis") instanceof Number work) {
            // Not a wait for anything: it stands for the time a real bean's work takes, so that
            // the tests' restarts and undeploys land while messages are still being consumed.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(work.longValue()));
        }
        if ("poison".equals(body)) {
            record(context.address(), "poison@" + message.deliveryCount());
            throw new IllegalStateException("cannot process " + body);
        }
        record(context.address(), body);
    }

    private static void record(String address, String line) throws IOException {
        // One write with O_APPEND: lines of concurrent beans never interleave.
        Files.write(Path.of(System.getProperty(RECORDS), address + ".txt"),
                (line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
