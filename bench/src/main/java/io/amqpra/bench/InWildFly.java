package io.amqpra.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly started from the unpacked distribution with the rar and the benchmark application
 * deployed, its connection factory pointed at the benchmark's broker. Scenarios run inside it and
 * answer over HTTP, so what is measured is the adapter as an application sees it in the server.
 */
final class InWildFly implements AutoCloseable {

    private static final Duration BOOT = Duration.ofMinutes(3);

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private InWildFly(Process process, int httpPort) {
        this.process = process;
        this.base = "http://127.0.0.1:" + httpPort + "/amqp-bench/run?";
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
        int[] ports = freePorts(5);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
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
        InWildFly server = new InWildFly(process, ports[0]);
        try {
            server.awaitReady(home);
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
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
