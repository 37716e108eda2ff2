package io.amqpra.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * A WildFly started from the unpacked distribution with the rar and the benchmark application
 * deployed, its connection factory pointed at the benchmark's broker. Scenarios run inside it and
 * answer over HTTP, so what is measured is the adapter as an application sees it in the server.
 *
 * <p>It runs {@code standalone-full.xml} with the ActiveMQ Artemis resource adapter that WildFly
 * ships pointed at the same broker over Core (pooled connection factory {@code bench-remote},
 * {@code java:/jms/BenchRemote}), so that the two adapters are compared in one server. The
 * benchmark starts and stops the draining beans' delivery through the management API.
 */
final class InWildFly implements AutoCloseable {

    private static final Duration BOOT = Duration.ofMinutes(3);

    /** The configuration the benchmark writes from {@code standalone-full.xml}. */
    private static final String CONFIG = "standalone-bench.xml";

    /**
     * The Artemis resource adapter to the benchmark's broker, reconnecting every 100 ms as the
     * draining beans of both adapters do; and an MDB pool that holds 15 beans at once.
     */
    private static final String SETUP = String.join("\n",
            "embed-server --server-config=" + CONFIG + " --std-out=discard",
            "/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=bench-broker:add("
                    + "host=127.0.0.1, port=${bench.broker.port})",
            "/subsystem=messaging-activemq/remote-connector=bench-broker:add(socket-binding=bench-broker)",
            "/subsystem=messaging-activemq/pooled-connection-factory=bench-remote:add(connectors=[bench-broker], "
                    + "entries=[java:/jms/BenchRemote], transaction=xa, retry-interval=100, "
                    + "retry-interval-multiplier=1.0, reconnect-attempts=-1, enable-amq1-prefix=false)",
            "/subsystem=ejb3/strict-max-bean-instance-pool=mdb-strict-max-pool:undefine-attribute(name=derive-size)",
            "/subsystem=ejb3/strict-max-bean-instance-pool=mdb-strict-max-pool:write-attribute(name=max-pool-size, "
                    + "value=32)",
            "stop-embedded-server", "");

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final ModelControllerClient management;

    private final int listenPort;

    private InWildFly(Process process, int httpPort, int managementPort, int listenPort) throws IOException {
        this.process = process;
        this.listenPort = listenPort;
        this.base = "http://127.0.0.1:" + httpPort + "/amqp-bench/run?";
        this.management = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", managementPort);
    }

    /** The unpacked server the build prepared, from {@code bench.wildfly.home}. */
    static Path home() {
        String home = System.getProperty("bench.wildfly.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("No WildFly at bench.wildfly.home=" + home
                    + "; run the benchmark through Maven (see README), which unpacks one");
        }
        return Path.of(home);
    }

    static InWildFly start(String brokerHost, int brokerPort) throws Exception {
        Path home = home();
        configure(home);
        int[] ports = freePorts(6);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", CONFIG, "-Dbench.broker.port=" + brokerPort, "-Dbench.listen.port=" + ports[5],
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + ports[0], "-Djboss.https.port=" + ports[1],
                "-Djboss.management.http.port=" + ports[2], "-Djboss.management.https.port=" + ports[3],
                "-Djboss.ajp.port=" + ports[4], "-Damqp.host=" + brokerHost, "-Damqp.port=" + brokerPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("bench-server.log").toFile());
        builder.environment().put("JAVA_OPTS", "-Xms1g -Xmx1g -Djava.net.preferIPv4Stack=true "
                + "-Djava.awt.headless=true");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.descendants().forEach(ProcessHandle::destroy)));
        InWildFly server = new InWildFly(process, ports[0], ports[2], ports[5]);
        try {
            server.awaitReady(home);
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    /** Writes the benchmark's configuration afresh from {@code standalone-full.xml}, offline. */
    private static void configure(Path home) throws Exception {
        Path configuration = home.resolve("standalone/configuration");
        Files.copy(configuration.resolve("standalone-full.xml"), configuration.resolve(CONFIG),
                StandardCopyOption.REPLACE_EXISTING);
        Path script = Files.writeString(home.resolve("bench-setup.cli"), SETUP);
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).redirectOutput(home.resolve("bench-setup.log").toFile()).start();
        if (!cli.waitFor(2, TimeUnit.MINUTES) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new IllegalStateException("Configuring WildFly failed; see " + home.resolve("bench-setup.log"));
        }
    }

    /**
     * Starts the benchmark application's listening bean (addresses {@code bench.*}, 1000 credits
     * per link, 8 at once, as the listener in the benchmark's JVM) and returns its port once it
     * takes connections.
     */
    int listen() throws Exception {
        startDelivery("listening");
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", listenPort)) {
                return listenPort;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the listening bean did not bind port " + listenPort, e);
                }
                process.waitFor(20, TimeUnit.MILLISECONDS); // binding: poll again, or notice an exit
            }
        }
    }

    /** Starts delivery to a draining bean of the benchmark application. */
    void startDelivery(String bean) throws IOException {
        delivery(bean, "start-delivery");
    }

    /** Stops delivery to a draining bean; the adapter gives back what the bean had not taken. */
    void stopDelivery(String bean) throws IOException {
        delivery(bean, "stop-delivery");
    }

    private void delivery(String bean, String operation) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "amqp-bench.war").add("subsystem", "ejb3")
                .add("message-driven-bean", bean);
        ModelNode result = management.execute(op);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException(operation + " of " + bean + " failed: " + result.get("failure-description"));
        }
    }

    private void awaitReady(Path home) throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + process.exitValue() + "; see "
                        + home.resolve("bench-server.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "scenario=ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            process.waitFor(200, TimeUnit.MILLISECONDS); // not up yet: poll again, or notice an exit
        }
        throw new IllegalStateException("WildFly did not serve the benchmark application within " + BOOT
                + "; see " + home.resolve("bench-server.log"), last);
    }

    /** Runs a scenario in the server and returns its answer. */
    String run(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + query))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("In WildFly, " + query + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body().trim();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            management.close();
        } catch (IOException e) {
            // the server is being stopped anyway
        }
        // standalone.sh runs the server as its child: stop the server, then the script.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
