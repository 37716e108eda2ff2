package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.it.app.AuditBean;
import io.amqpra.it.app.Inbox;
import io.amqpra.it.app.InboxServlet;
import io.amqpra.it.app.Ipv6Bean;
import io.amqpra.it.app.OrdersBean;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MDBs listening through the rar in WildFly; rhea and Qpid JMS connect and send to them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundIT {

    private static final int PORT = freePort("127.0.0.1");
    private static final int V6_PORT = freePort("::1");
    private static final int REDEPLOY_PORT = freePort("127.0.0.1");
    private static final int SECURE_PORT = freePort("127.0.0.1");
    private static final int REALM_PORT = freePort("127.0.0.1");
    private static final int TLS_PORT = freePort("127.0.0.1");

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Deployments.app("inbound-app.war", Inbox.class, InboxServlet.class, OrdersBean.class,
                        AuditBean.class, Ipv6Bean.class, io.amqpra.it.app.EventRecorder.class,
                        io.amqpra.it.app.EventsServlet.class, io.amqpra.it.app.SecureBean.class,
                        io.amqpra.it.app.AppAuthenticator.class, io.amqpra.it.app.DomainSecuredBean.class,
                        io.amqpra.it.app.TlsBean.class)
                .addAsWebInfResource(new StringAsset(Deployments.mdbBindings(java.util.List.of(
                        mdb("OrdersBean", "127.0.0.1", PORT), mdb("AuditBean", "127.0.0.1", PORT),
                        mdb("Ipv6Bean", "::1", V6_PORT), mdb("SecureBean", "127.0.0.1", SECURE_PORT),
                        mdb("DomainSecuredBean", "127.0.0.1", REALM_PORT),
                        new Deployments.Mdb("TlsBean", tlsProperties())))), "jboss-ejb3.xml");
    }

    private static Deployments.Mdb mdb(String name, String host, int port) {
        return new Deployments.Mdb(name, java.util.Map.of("host", host, "port", String.valueOf(port)));
    }

    private static java.util.Map<String, String> tlsProperties() {
        try {
            return java.util.Map.of("host", "127.0.0.1", "port", String.valueOf(TLS_PORT),
                    "keyStore", io.amqpra.impl.security.TestCertificates.path("server"),
                    "keyStorePassword", io.amqpra.impl.security.TestCertificates.PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(name = "redeployable", managed = false, testable = false)
    static WebArchive redeployable() {
        return Deployments.app("redeployable.war", Inbox.class, InboxServlet.class, OrdersBean.class)
                .addAsWebInfResource(new StringAsset(Deployments.mdbBindings(
                        "OrdersBean", "127.0.0.1", REDEPLOY_PORT)), "jboss-ejb3.xml");
    }

    @Test
    void aThousandMessagesFromRheaAreAcceptedAndSeenExactlyOnce() throws Exception {
        String result = Node.run("send.js", "127.0.0.1", PORT, "orders.bulk", 1000, "bulk");
        assertEquals("{\"outcomes\":{\"accepted\":1000,\"rejected\":0,\"released\":0,\"modified\":0},\"errors\":[]}", result);
        assertEquals("1000 1000", Http.get(app, "inbox?address=orders.bulk").lines().findFirst().orElseThrow());
    }

    @Test
    void aMessageTheBeanThrowsOnIsRejectedWithAReferenceNotTheExceptionsText() throws Exception {
        String result = Node.run("send.js", "127.0.0.1", PORT, "orders", 3, "fail");
        assertTrue(result.contains("\"rejected\":3"), result);
        assertTrue(result.contains("amqp:internal-error: AMQPRA0182: The message could not be processed; the server"
                + " logged why under reference "), result);
        assertFalse(result.contains("refusing"), "the exception's text reached the peer: " + result);

        try (JMSContext jms = new JmsConnectionFactory("amqp://127.0.0.1:" + PORT).createContext()) {
            JMSProducer producer = jms.createProducer();
            JMSRuntimeException e = assertThrows(JMSRuntimeException.class,
                    () -> producer.send(jms.createQueue("orders"), "fail via jms"));
            assertTrue(String.valueOf(e.getMessage()).contains("AMQPRA0182"), e.getMessage());
        }
    }

    @Test
    void qpidJmsReachesTheSecondBeanOnTheSamePortByAddress() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory("amqp://127.0.0.1:" + PORT).createContext()) {
            JMSProducer producer = jms.createProducer();
            for (int i = 0; i < 10; i++) {
                producer.send(jms.createQueue("audit.jms"), "audit " + i);
            }
        }
        String inbox = Http.get(app, "inbox?address=audit&list=1");
        assertTrue(inbox.startsWith("10 10"), inbox);
        assertTrue(inbox.contains("audit.jms:audit 9"), inbox);
    }

    @Test
    void theBeanAnswersARheaRequestOnItsDynamicReplyAddress() throws Exception {
        String reply = Node.run("request.js", "127.0.0.1", PORT, "orders", "ping");
        assertTrue(reply.contains("\"body\":\"pong: ping\""), reply);
        assertTrue(reply.contains("\"correlation_id\":\"request-1\""), reply);
    }

    @Test
    void twentyConnectionsAtOnceAreAllServed() throws Exception {
        assertEquals("{\"accepted\":20,\"closed\":20}", Node.run("connections.js", "127.0.0.1", PORT, "orders", 20));
    }

    @Test
    void theApplicationSeesItsListenerStartAndEachPeerConnectAndLeave() throws Exception {
        java.util.function.Supplier<java.util.List<String>> events = () -> {
            try {
                return Http.get(app, "events").lines().filter(l -> !l.isBlank()).toList();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Await.until("listener started", java.time.Duration.ofSeconds(10),
                () -> events.get().stream().anyMatch(l -> l.startsWith("ListenerStarted|")));
        assertTrue(events.get().stream().anyMatch(l -> l.startsWith("ListenerStarted|" + OrdersBean.class.getName()
                + " orders,orders.* " + PORT)), events.get().toString());
        int before = events.get().size();
        long closedBefore = events.get().stream().filter(l -> l.startsWith("PeerConnectionClosed|")
                && l.contains(" " + PORT + "|")).count();

        assertEquals("{\"accepted\":3,\"closed\":3}", Node.run("connections.js", "127.0.0.1", PORT, "orders", 3));
        Await.until("three peers to leave", java.time.Duration.ofSeconds(10), () -> events.get().stream()
                .filter(l -> l.startsWith("PeerConnectionClosed|") && l.contains(" " + PORT + "|")).count()
                >= closedBefore + 3);

        // Per bean on that port, each of the three rhea connections opened and closed, cleanly.
        java.util.List<String> all = events.get();
        java.util.List<String> mine = all.subList(before, all.size()).stream()
                .filter(l -> l.contains("|" + OrdersBean.class.getName() + " ") && l.contains("peer=rhea-many-"))
                .toList();
        java.util.Map<String, java.util.List<String>> byPeer = new java.util.TreeMap<>();
        for (String l : mine) {
            String from = l.substring(l.indexOf(" from=") + 6).split(" ")[0];
            byPeer.computeIfAbsent(from, k -> new java.util.ArrayList<>()).add(l.substring(0, l.indexOf('|')));
        }
        assertEquals(3, byPeer.size(), mine.toString());
        byPeer.values().forEach(seq -> assertEquals(java.util.List.of("PeerConnectionOpened", "PeerConnectionClosed"), seq));
        assertTrue(mine.stream().filter(l -> l.startsWith("PeerConnectionClosed|")).allMatch(l -> l.endsWith("error=null")),
                mine.toString());
    }

    @Test
    void withSaslRequiredOnlyTheRightUserGetsInAndTheBeanSeesWhoItIs() throws Exception {
        String url = "amqp://127.0.0.1:" + SECURE_PORT + "?jms.connectTimeout=5000";
        for (String[] wrong : new String[][] {{null, null}, {"alice", "guess"}, {"mallory", "secret"}}) {
            JmsConnectionFactory cf = wrong[0] == null ? new JmsConnectionFactory(url)
                    : new JmsConnectionFactory(wrong[0], wrong[1], url);
            assertThrows(JMSRuntimeException.class, () -> cf.createContext().close(),
                    "let in: " + java.util.Arrays.toString(wrong));
        }
        try (JMSContext jms = new JmsConnectionFactory("alice", "secret", url).createContext()) {
            jms.createProducer().send(jms.createQueue("secure"), "signed in");
        }
        String inbox = Http.get(app, "inbox?address=secure&list=1");
        assertTrue(inbox.startsWith("1 1"), inbox);
        assertTrue(inbox.contains("alice:signed in"), inbox);

        // rhea too: refused without the right password, let in with it.
        String refused = Node.runAs("alice", "guess", "send.js", "127.0.0.1", SECURE_PORT, "secure", 1, "rhea");
        assertRefused(refused);
        String anonymous = Node.run("send.js", "127.0.0.1", SECURE_PORT, "secure", 1, "anon");
        assertRefused(anonymous);
        assertTrue(Node.runAs("alice", "secret", "send.js", "127.0.0.1", SECURE_PORT, "secure", 2, "rhea")
                .contains("\"accepted\":2"));
        inbox = Http.get(app, "inbox?address=secure&list=1");
        assertTrue(inbox.startsWith("3 3"), inbox);
        assertTrue(inbox.contains("alice:rhea 1"), inbox);
    }

    /**
     * What send.js prints when it got no outcome at all: an error, a lost connection or a
     * timeout, never outcomes (whose {@code "errors":[]} once made a {@code contains("error")}
     * check pass for a peer that got in).
     */
    private static void assertRefused(String sendJsResult) {
        assertTrue(sendJsResult.startsWith("{\"error\"") || sendJsResult.startsWith("{\"disconnected\"")
                || sendJsResult.startsWith("{\"timeout\""), sendJsResult);
    }

    @Test
    void passwordsCanBeCheckedByTheServersElytronSecurityDomain() throws Exception {
        String url = "amqp://127.0.0.1:" + REALM_PORT + "?jms.connectTimeout=5000";
        assertThrows(JMSRuntimeException.class,
                () -> new JmsConnectionFactory("alice", "wrong", url).createContext().close());
        assertThrows(JMSRuntimeException.class, () -> new JmsConnectionFactory(url).createContext().close());
        try (JMSContext jms = new JmsConnectionFactory("alice", "Secret-123", url).createContext()) {
            jms.createProducer().send(jms.createQueue("realm"), "via the realm");
        }
        String inbox = Http.get(app, "inbox?address=realm&list=1");
        assertTrue(inbox.contains("alice:via the realm"), inbox);
    }

    @Test
    void overTlsRheaAndQpidJmsGetInAndAPlaintextPeerDoesNot() throws Exception {
        String ca = io.amqpra.impl.security.TestCertificates.dir().resolve("server.pem").toString();
        String viaTls = Node.runWith(java.util.Map.of("AMQP_TLS_CA", ca), "send.js", "localhost", TLS_PORT, "tls", 3, "rhea-tls");
        assertTrue(viaTls.contains("\"accepted\":3"), viaTls);
        String plaintext = Node.run("send.js", "127.0.0.1", TLS_PORT, "tls", 1, "plain");
        assertRefused(plaintext);

        String url = "amqps://localhost:" + TLS_PORT + "?transport.trustStoreLocation="
                + io.amqpra.impl.security.TestCertificates.path("client-trust") + "&transport.trustStorePassword="
                + io.amqpra.impl.security.TestCertificates.PASSWORD + "&transport.trustStoreType=PKCS12";
        try (JMSContext jms = new JmsConnectionFactory(url).createContext()) {
            jms.createProducer().send(jms.createQueue("tls"), "jms over tls");
        }
        String inbox = Http.get(app, "inbox?address=tls&list=1");
        assertTrue(inbox.startsWith("4 4"), inbox);
        assertTrue(inbox.contains("rhea-tls 2") && inbox.contains("jms over tls") && !inbox.contains("plain 0"), inbox);
    }

    @Test
    void aBeanListensOnTheIpv6Loopback() throws Exception {
        String result = Node.run("send.js", "::1", V6_PORT, "v6", 5, "six");
        assertTrue(result.contains("\"accepted\":5"), result);
        assertTrue(Http.get(app, "inbox?address=v6&list=1").contains("/[0:0:0:0:0:0:0:1]"));
    }

    @Test
    void undeployingFreesThePortAndRedeployingListensAgainAtOnce() throws Exception {
        deployer.deploy("redeployable");
        assertTrue(Node.run("send.js", "127.0.0.1", REDEPLOY_PORT, "orders", 1, "first").contains("\"accepted\":1"));
        deployer.undeploy("redeployable");
        assertTrue(canBind(REDEPLOY_PORT), "the port is still taken after undeploy");
        deployer.deploy("redeployable");
        try {
            assertTrue(Node.run("send.js", "127.0.0.1", REDEPLOY_PORT, "orders", 1, "again").contains("\"accepted\":1"));
        } finally {
            deployer.undeploy("redeployable");
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
