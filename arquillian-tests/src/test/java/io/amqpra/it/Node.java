package io.amqpra.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the rhea clients in src/test/node (installed from npm by the build). */
final class Node {

    private Node() {
    }

    /** Runs a script and returns the last line it printed. */
    static String run(String script, Object... args) throws Exception {
        return runAs(null, null, script, args);
    }

    /** The same, with credentials for SASL PLAIN in the script's environment. */
    static String runAs(String user, String password, String script, Object... args) throws Exception {
        return runWith(user == null ? java.util.Map.of() : java.util.Map.of("AMQP_USER", user, "AMQP_PASSWORD", password),
                script, args);
    }

    /** The same, with the given environment (AMQP_USER, AMQP_PASSWORD, AMQP_TLS_CA). */
    static String runWith(java.util.Map<String, String> environment, String script, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File(System.getProperty("node.dir")))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }
}
