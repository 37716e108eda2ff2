package io.amqpra.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WildFly the tests run, seen from outside: its process, as jcmd and /proc show it. */
final class Server {

    /** The name of the rar's module: one class loader of that name per copy of the adapter. */
    private static final String RAR_MODULE = "\"deployment.amqp-ra.rar";

    /**
     * @param adapterCopies class loaders of the rar still alive, whether a copy is deployed or not
     */
    record Reading(int adapterCopies, int otherDeployments, int threads, int fileDescriptors, long metaspaceKb) {
        @Override
        public String toString() {
            return "adapter class loaders=" + adapterCopies + " other deployments' class loaders=" + otherDeployments
                    + " threads=" + threads + " fds=" + fileDescriptors + " metaspace=" + metaspaceKb + " KB";
        }
    }

    private Server() {
    }

    /** The process id of the WildFly under {@code wildfly.home}. */
    static long pid() {
        String home = System.getProperty("wildfly.home");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(home))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly under " + home)).pid();
    }

    /** Collects garbage twice (class unloading needs it), then reads the counts. */
    static Reading read(long pid) throws Exception {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        int copies = 0;
        int others = 0;
        for (String line : jcmd(pid, "VM.classloaders").split("\n")) {
            if (line.contains(RAR_MODULE)) {
                copies++;
            } else if (line.contains("\"deployment.")) {
                others++;
            }
        }
        Path proc = Path.of("/proc", String.valueOf(pid));
        int threads;
        try (var tasks = Files.list(proc.resolve("task"))) {
            threads = (int) tasks.count();
        }
        int fds;
        try (var open = Files.list(proc.resolve("fd"))) {
            fds = (int) open.count();
        }
        return new Reading(copies, others, threads, fds, metaspaceKb(jcmd(pid, "GC.heap_info")));
    }

    private static long metaspaceKb(String heapInfo) {
        Matcher m = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), String.valueOf(pid)));
        args.addAll(java.util.List.of(command.split(" ")));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
