package io.amqpra.impl.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores made with the JDK's keytool when the tests start, valid for two days: no
 * committed keys that expire. All passwords are {@link #PASSWORD}.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";
    private static Path dir;

    private TestCertificates() {
    }

    public static synchronized Path dir() throws Exception {
        if (dir == null) {
            Path d = Files.createTempDirectory("amqp-ra-certs");
            keyPair(d, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            keyPair(d, "wrongname", "CN=elsewhere.example", "SAN=dns:elsewhere.example");
            keyPair(d, "client", "CN=trusted-client", null);
            keyPair(d, "rogue", "CN=rogue-client", null);
            trust(d, "client-trust", "server", "wrongname");
            trust(d, "server-trust", "client");
            dir = d;
        }
        return dir;
    }

    public static String path(String name) throws Exception {
        return dir().resolve(name + ".p12").toString();
    }

    private static void keyPair(Path d, String name, String dname, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "2", "-keystore", d.resolve(name + ".p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
        keytool(List.of("-exportcert", "-rfc", "-alias", name, "-keystore", d.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-file", d.resolve(name + ".pem").toString()));
    }

    private static void trust(Path d, String store, String... certs) throws Exception {
        for (String cert : certs) {
            keytool(List.of("-importcert", "-noprompt", "-alias", cert, "-file", d.resolve(cert + ".pem").toString(),
                    "-keystore", d.resolve(store + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        }
    }

    private static void keytool(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args.get(0) + " failed: " + out);
        }
    }
}
