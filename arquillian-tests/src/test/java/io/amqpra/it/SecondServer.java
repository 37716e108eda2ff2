package io.amqpra.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A second WildFly that a test starts itself, from the installation under {@code wildfly.home}
 * that Arquillian runs: its own base directory under {@code target/} with a copy of the first
 * server's configuration (the build's offline CLI applied), every port moved by one offset onto
 * free ones, and archives dropped into its {@code deployments/} folder to deploy at boot. It is
 * one process of our own, so the test can kill it with SIGKILL. It never outlives the test JVM:
 * {@link #close()} kills it, and so does a shutdown hook.
 */
final class SecondServer implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("<socket-binding [^>]*port=\"(?:\\$\\{[^:}]+:)?(\\d+)\\}?\"");

    private final String name;
    private final Path home = Path.of(System.getProperty("wildfly.home"));
    private final Path base;
    private final Thread killOnExit = new Thread(this::destroy, "kill second WildFly");
    private Process process;

    private SecondServer(String name, Path base) {
        this.name = name;
        this.base = base;
    }

    /**
     * A server named {@code name} with a copy of the first server's configuration as it is now:
     * take it before giving the first server system properties meant only for it, because a
     * system property in {@code standalone.xml} wins over the same {@code -D} on the command line.
     */
    static SecondServer copyOfFirst(String name) throws IOException {
        Path base = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-").toAbsolutePath();
        Path configuration = Path.of(System.getProperty("wildfly.home"), "standalone", "configuration");
        try (Stream<Path> files = Files.list(configuration)) {
            Files.createDirectories(base.resolve("configuration"));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("configuration").resolve(file.getFileName()));
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        return new SecondServer(name, base);
    }

    /** Deploys {@code archive} when the server boots, as a file in its deployments folder. */
    void deployAtBoot(Archive<?> archive) {
        archive.as(ZipExporter.class).exportTo(base.resolve("deployments").resolve(archive.getName()).toFile(), true);
    }

    /**
     * Starts it with the first server's JVM options (less its ports), the given system properties
     * and a port offset that puts every socket binding of its configuration on a free port.
     */
    void start(Map<String, String> systemProperties) throws IOException {
        int offset = freeOffset(configuredPorts());
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(home)
                .setJavaHome(System.getProperty("java.home"))
                .setBaseDirectory(base)
                .setServerConfiguration("standalone.xml")
                .addJavaOptions(jvmOptions())
                .addJavaOption("-Djboss.socket.binding.port-offset=" + offset)
                .addJavaOption("-Djboss.node.name=" + name)
                .addJavaOption("-Djboss.tx.node.id=" + name);
        systemProperties.forEach((k, v) -> command.addJavaOption("-D" + k + "=" + v));
        Runtime.getRuntime().addShutdownHook(killOnExit);
        process = Launcher.of(command).setRedirectErrorStream(true)
                .redirectOutput(base.resolve("console.log")).launch();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Its server.log so far, or nothing before it wrote one. */
    String log() {
        try {
            Path log = base.resolve("log").resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: the JVM gets no chance to close a socket or settle a message. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WildFly " + name + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** Kills it if it still runs, keeps its log as {@code target/<name>.log}, deletes its folder. */
    @Override
    public void close() throws IOException {
        destroy();
        if (process != null) {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        if (!Files.exists(base)) {
            return;
        }
        Path log = base.resolve("log").resolve("server.log");
        if (Files.exists(log)) {
            Files.copy(log, base.getParent().resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The first server's JVM options from the build, without the port properties that are its own. */
    private static List<String> jvmOptions() {
        return Arrays.stream(System.getProperty("wildfly.jvm.args", "").trim().split("\\s+"))
                .filter(o -> !o.isEmpty() && !o.startsWith("-Djboss.")).toList();
    }

    /** The ports the configuration's socket bindings listen on at offset 0. */
    private List<Integer> configuredPorts() throws IOException {
        Matcher m = PORT.matcher(Files.readString(base.resolve("configuration").resolve("standalone.xml")));
        List<Integer> ports = new ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        if (ports.isEmpty()) {
            throw new IllegalStateException("no socket bindings found in " + base);
        }
        return ports;
    }

    /** An offset at which every one of {@code ports} is free on loopback right now. */
    private static int freeOffset(List<Integer> ports) {
        int highest = ports.stream().max(Integer::compare).orElseThrow();
        for (int tries = 0; tries < 100; tries++) {
            // Below the ephemeral range, where no outgoing connection takes one of them meanwhile.
            int offset = ThreadLocalRandom.current().nextInt(1_000, 32_768 - highest);
            if (ports.stream().allMatch(p -> free(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all of " + ports + " free");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
