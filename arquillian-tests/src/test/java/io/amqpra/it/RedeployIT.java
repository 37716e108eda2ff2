package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.Inbox;
import io.amqpra.it.app.InboxServlet;
import io.amqpra.it.app.MessagingServlet;
import io.amqpra.it.app.OrdersBean;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redeploys the rar and an application 30 times in one running WildFly, with messages flowing
 * each time: out through the pooled factory from servlet threads, and in to a listening bean on
 * the container's threads. The copies of the adapter's classes that the server still holds, its
 * metaspace, threads and file descriptors must stop growing after the first rounds (before the
 * fixes that came with this test, every redeploy left one copy and 6.5 MB of metaspace).
 *
 * <p>The server runs with {@code -XX:SoftRefLRUPolicyMSPerMB=0} (see the pom): the JDK's own
 * soft caches (reflection, method handles) hold classes of every copy until memory runs short,
 * which the JVM then clears; what this test finds is what would never be cleared. Run with
 * {@code -Dredeploy.heapDump=/tmp/wf.hprof} to get a heap dump for finding a holder.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(RedeployIT.Setup.class)
@RunAsClient
class RedeployIT {

    private static final int ROUNDS = Integer.getInteger("redeploy.rounds", 30);
    private static final int PORT = freePort();

    private static TestBroker broker;

    @ArquillianResource
    private Deployer deployer;

    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.start();
            SystemProperties.set(client, Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(broker.port())));
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            SystemProperties.remove(client, List.of("amqp.host", "amqp.port"));
            broker.close();
        }
    }

    @Deployment(name = "rar", managed = false, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", managed = false, testable = false)
    static WebArchive app() {
        return Deployments.app("redeploy-app.war", MessagingServlet.class, Inbox.class, InboxServlet.class,
                        OrdersBean.class)
                .addAsWebInfResource(new StringAsset(Deployments.mdbBindings("OrdersBean", "127.0.0.1", PORT)),
                        "jboss-ejb3.xml");
    }

    @Test
    void thirtyRedeploysWithTrafficLeaveNoClassLoaderThreadOrSocketBehind() throws Exception {
        long server = Server.pid();
        // What earlier tests in this server left pinned (their applications' first requests on
        // HTTP worker threads, see below) is theirs: the rounds are measured against it.
        Server.Reading before = Server.read(server);
        List<Server.Reading> readings = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            deployer.deploy("rar");
            deployer.deploy("app");
            traffic(round);
            deployer.undeploy("app");
            deployer.undeploy("rar");
            readings.add(Server.read(server));
        }
        StringBuilder report = new StringBuilder("RedeployIT, before: " + before + "; after each undeploy:");
        for (int i = 0; i < readings.size(); i++) {
            report.append("\n").append(i + 1).append(": ").append(readings.get(i));
        }
        System.out.println(report);
        String dump = System.getProperty("redeploy.heapDump");
        if (dump != null) { // to find what keeps an old copy alive, with a heap analyser
            Server.jcmd(server, "GC.heap_dump " + dump);
        }
        // A WildFly thread keeps the first task it ran while it lives (JBoss Threads): for a JCA
        // thread, WildFly's wrapper points at the work manager, which the adapter clears of
        // itself when it stops; an HTTP worker's first request keeps its application, and that
        // application's import of the rar keeps one old copy. At most that one may stay, beyond
        // what was loaded before round 1; metaspace, threads and descriptors must stop growing
        // after round 5.
        Server.Reading settled = readings.get(Math.min(4, readings.size() - 1));
        Server.Reading[] last = {readings.get(readings.size() - 1)};
        Await.until(() -> "at most one old copy more than before, no growth since round 5: " + last[0] + "\n"
                + report, Duration.ofSeconds(60), () -> settled(before, settled, last[0] = read(server)));
    }

    private static boolean settled(Server.Reading before, Server.Reading settled, Server.Reading now) {
        return now.adapterCopies() <= before.adapterCopies() + 1
                && now.metaspaceKb() <= settled.metaspaceKb() + 12 * 1024
                && now.threads() <= settled.threads() + 5
                && now.fileDescriptors() <= settled.fileDescriptors() + 10;
    }

    private static Server.Reading read(long server) {
        try {
            return Server.read(server);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends through the pooled factory from a servlet, and to the listening bean with rhea. */
    private void traffic(int round) throws Exception {
        URL app = new URL("http://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/redeploy-app/");
        assertEquals("{ACCEPTED=20}", Http.get(app, "amqp/send?address=redeploy&count=20").trim(), "round " + round);
        String result = Node.run("send.js", "127.0.0.1", PORT, "orders", 20, "round-" + round);
        assertTrue(result.contains("\"accepted\":20"), "round " + round + ": " + result);
    }

    private static int freePort() {
        try {
            return TestBroker.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
