package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.amqpra.impl.broker.TestBroker;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo application as built, its live console driven in a real browser: Debian's
 * {@code chromium}, headless, through {@code playwright-core} from npm ({@code console-page.js}).
 * The demo's listener gets a free port, its consuming bean and broker factory the test's
 * embedded broker, and the rar's default factory points at the listener, as in the demo. The
 * page must show the sends, the messages received, the rates on its chart and the message given
 * up on, without a reload. The screenshot is {@code target/console.png}. Without chromium the
 * test is skipped, saying why.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ConsoleIT.Setup.class)
@RunAsClient
class ConsoleIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final ModelNode EE = Operations.createAddress("subsystem", "ee");
    private static final String REPLACEMENT = "annotation-property-replacement";

    private static TestBroker broker;
    private static Map<String, String> properties;
    private static ModelNode replacementBefore;

    @ArquillianResource
    @OperateOnDeployment("demo")
    private URL demo;

    /**
     * The broker, a free port for the listener, the server system properties the demo reads, and
     * {@code ${...}} in annotations resolved (its {@code @ConnectionFactoryDefinition} takes the
     * broker's port so), as the demo's CLI script sets them.
     */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.start();
            String listenPort = String.valueOf(TestBroker.freePort());
            properties = Map.of("demo.listen.port", listenPort, "demo.broker.port", String.valueOf(broker.port()),
                    "amqp.host", "127.0.0.1", "amqp.port", listenPort);
            SystemProperties.set(client, properties);
            replacementBefore = execute(client, Operations.createReadAttributeOperation(EE, REPLACEMENT));
            execute(client, Operations.createWriteAttributeOperation(EE, REPLACEMENT, true));
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            execute(client, Operations.createWriteAttributeOperation(EE, REPLACEMENT, replacementBefore));
            SystemProperties.remove(client, properties.keySet());
            broker.close();
        }

        private static ModelNode execute(ManagementClient client, ModelNode op) throws Exception {
            ModelNode result = client.getControllerClient().execute(op);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException("Failed " + op + ": " + Operations.getFailureDescription(result));
            }
            return Operations.readResult(result);
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    /** The demo's war as its module built it, under the name the demo deploys it with. */
    @Deployment(name = "demo", order = 2, testable = false)
    static WebArchive demo() {
        return ShrinkWrap.create(ZipImporter.class, "amqp-demo.war")
                .importFrom(new File(System.getProperty("demo.war.path"))).as(WebArchive.class);
    }

    @Test
    void theConsoleShowsWhatTheFormsSendAsItHappens() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "No browser at " + CHROMIUM + ": install Debian's chromium "
                + "(apt-get install chromium; .ci/run does) or name one with -Dconsole.chromium=...");
        long deadBefore = broker.messageCount(TestBroker.DEAD_LETTERS);
        Path screenshot = Path.of("target", "console.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        long start = System.nanoTime();
        String summary = Node.check("console-page.js", demo, screenshot, CHROMIUM);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(summary.startsWith("{\"ok\":true"), summary);
        assertTrue(Files.size(screenshot) > 10_000, "no screenshot at " + screenshot);
        assertEquals(deadBefore + 1, broker.awaitMessageCount(TestBroker.DEAD_LETTERS, deadBefore + 1),
                "the broker's dead-letter queue, which the page showed one more message in");
        System.out.println("console: " + summary + " browserMillis=" + millis + " screenshot=" + screenshot);
    }
}
