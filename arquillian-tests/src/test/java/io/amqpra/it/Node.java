package io.amqpra.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the node scripts in src/test/node: rhea clients, and a browser through playwright-core (from npm). */
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
        String[] lines = execute(environment, script, args).output().split("\n");
        return lines[lines.length - 1];
    }

    /**
     * Runs a script that says by its exit status whether it succeeded: returns the last line it
     * printed, or fails with everything it printed.
     */
    static String check(String script, Object... args) throws Exception {
        Outcome outcome = execute(java.util.Map.of(), script, args);
        if (outcome.exitCode() != 0) {
            throw new AssertionError(script + " failed (exit status " + outcome.exitCode() + "):\n" + outcome.output());
        }
        String[] lines = outcome.output().split("\n");
        return lines[lines.length - 1];
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome execute(java.util.Map<String, String> environment, String script, Object... args)
            throws Exception {
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
        return new Outcome(process.exitValue(), out);
    }
}
