package io.amqpra.impl.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the {@code AMQPRA####} ids unique and in one place.
 *
 * <p>{@code @Message} has class retention, so its ids are not visible to reflection. What the
 * generated implementations render is: each has one {@code <method>$str()} per message that
 * returns its format, code included. This test reads those.
 */
class MessageIdsTest {

    /**
     * Files that still write their {@code AMQPRA####} texts inline: to be converted to the catalogue.
     * Their messages are already declared in {@link AmqpLogger} and {@link AmqpMessages}. Remove a
     * file from this list when it is converted; the test fails while a listed file has no inline
     * code left.
     */
    private static final Set<String> NOT_YET_CONVERTED = Set.of();

    /**
     * Ids that name one message in two wordings with the same number of arguments, as they did
     * before the catalogue. The processor gives an id to one method name only, so the second
     * wording has {@code id = NONE} and spells its code out. No other id may be shared.
     */
    private static final Map<Integer, Set<String>> TWO_WORDINGS = Map.of(
            13, Set.of("AmqpMessages.connectionClosed", "AmqpMessages.connectionClosedWhileOpening"),
            18, Set.of("AmqpMessages.authenticationFailed", "AmqpMessages.accessRefused"),
            49, Set.of("AmqpMessages.settleTimedOut", "AmqpMessages.settleInterrupted"));

    private static final Pattern RENDERED_ID = Pattern.compile("^AMQPRA(\\d{4}): ");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern INLINE_ID = Pattern.compile("AMQPRA(\\d{4})");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String CATALOGUE = "io/amqpra/impl/log/";

    @Test
    void everyMessageHasAnId() throws Exception {
        for (Map.Entry<String, List<String>> e : formats().entrySet()) {
            for (String format : e.getValue()) {
                assertTrue(RENDERED_ID.matcher(format).find(), e.getKey() + " renders without an AMQPRA id: " + format);
            }
        }
    }

    @Test
    void idsAreUnique() throws Exception {
        Map<Integer, Set<String>> owners = new TreeMap<>();
        formats().forEach((method, formats) -> formats.forEach(f -> owners
                .computeIfAbsent(id(f), k -> new TreeSet<>()).add(method)));
        List<String> duplicates = new ArrayList<>();
        owners.forEach((id, methods) -> {
            // Overloads are one method name, so they may share their id: they are wordings of one message.
            if (id != 0 && methods.size() > 1 && !methods.equals(TWO_WORDINGS.get(id))) {
                duplicates.add(String.format("AMQPRA%04d: %s", id, methods));
            }
        });
        assertEquals(List.of(), duplicates, "ids used by more than one message");
        TWO_WORDINGS.forEach((id, methods) -> assertEquals(methods, owners.get(id),
                "TWO_WORDINGS is out of date for AMQPRA" + String.format("%04d", id)));
    }

    @Test
    void noInlineIdsOutsideTheCatalogue() throws IOException {
        Set<Integer> declared = new TreeSet<>();
        try {
            formats().values().forEach(list -> list.forEach(f -> declared.add(id(f))));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        List<String> inline = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        Set<String> stillInline = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = SOURCES.relativize(file).toString().replace('\\', '/');
                if (name.startsWith(CATALOGUE)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = STRING_LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        Matcher code = INLINE_ID.matcher(literal.group());
                        while (code.find()) {
                            String where = name + ":" + (i + 1) + ": " + code.group();
                            if (!NOT_YET_CONVERTED.contains(name)) {
                                inline.add(where);
                            } else {
                                stillInline.add(name);
                                if (!declared.contains(Integer.parseInt(code.group(1)))) {
                                    undeclared.add(where);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), inline, "AMQPRA codes written inline; use AmqpLogger or AmqpMessages");
        assertEquals(List.of(), undeclared, "inline AMQPRA codes that the catalogue does not declare");
        Set<String> converted = new TreeSet<>(NOT_YET_CONVERTED);
        converted.removeAll(stillInline);
        assertEquals(Set.of(), converted, "converted: take these off NOT_YET_CONVERTED");
    }

    @Test
    void rendersAsBefore() {
        // Spot checks of texts that callers and the README quote.
        assertEquals("AMQPRA0002: Invalid value 'x.Y' for config property 'connectionDetailsProvider': why",
                AmqpMessages.MESSAGES.invalidConnectionDetailsProvider("x.Y", "why").getMessage());
        assertEquals("AMQPRA0001: Invalid value '-1' for config property 'port': a port must be 1..65535",
                AmqpMessages.MESSAGES.invalidConfigProperty(-1, "port", "a port must be 1..65535"));
        assertEquals("AMQPRA0049: Interrupted while settling a message from 'q'",
                AmqpMessages.MESSAGES.settleInterrupted("q").getMessage());
        assertEquals("AMQPRA0070: No outcome for a reply to 'r' within 30000 ms",
                AmqpMessages.MESSAGES.replyTimedOut("r", 30_000).getMessage());
        assertEquals("amqp:decode-error",
                AmqpMessages.MESSAGES.undecodableRejected("q", "bad", "amqp:decode-error").errorCondition());
        IllegalArgumentException cause = new IllegalArgumentException("no AMQP type");
        assertEquals(cause, AmqpMessages.MESSAGES.cannotEncode("m", cause.getMessage(), cause).getCause());
        io.amqpra.api.ConnectionLostException lost = AmqpMessages.MESSAGES.peerConnectionClosed("peer", null);
        assertEquals("AMQPRA0069: The peer connection from peer is closed", lost.getMessage());
        assertNull(lost.errorCondition());
        assertNull(lost.getCause());
    }

    /** Every message format, by the catalogue method it belongs to (overloads under one name). */
    private static Map<String, List<String>> formats() throws ReflectiveOperationException {
        Map<String, List<String>> formats = new TreeMap<>();
        read(AmqpMessages.class, AmqpMessages.MESSAGES, formats);
        read(PeerMessages.class, PeerMessages.PEER, formats);
        read(AmqpLogger.class, AmqpLogger.of(MessageIdsTest.class), formats);
        return formats;
    }

    private static void read(Class<?> catalogue, Object generated, Map<String, List<String>> into)
            throws ReflectiveOperationException {
        Set<String> names = new TreeSet<>();
        for (Method m : catalogue.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        Set<String> found = new TreeSet<>();
        for (Method m : generated.getClass().getDeclaredMethods()) {
            if (!m.getName().endsWith("$str") || m.getParameterCount() != 0) {
                continue;
            }
            String base = m.getName().substring(0, m.getName().length() - "$str".length());
            if (!names.contains(base)) {
                base = base.replaceFirst("\\d+$", ""); // an overload: name + number of format arguments
            }
            if (!names.contains(base)) {
                fail(generated.getClass().getName() + "." + m.getName() + " matches no method of " + catalogue.getName());
            }
            m.setAccessible(true);
            into.computeIfAbsent(catalogue.getSimpleName() + "." + base, k -> new ArrayList<>())
                    .add((String) m.invoke(generated));
            found.add(base);
        }
        names.removeAll(found);
        assertEquals(Set.of(), names, "methods of " + catalogue.getSimpleName() + " without a generated message");
    }

    private static int id(String format) {
        Matcher m = RENDERED_ID.matcher(format);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
