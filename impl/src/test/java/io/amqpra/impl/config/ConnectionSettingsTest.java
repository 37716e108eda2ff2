package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionSettingsTest {

    @Test
    void defaultsFollowTheDocumentation() throws Exception {
        ConnectionSettings s = Configured.defaults().build();
        assertEquals(new Endpoint("localhost", 5672), s.endpoint());
        assertEquals(60_000, s.transport().idleTimeoutMillis());
        assertEquals(65_536, s.transport().maxFrameSize());
        assertEquals(15_000, s.transport().connectTimeoutMillis());
        assertEquals(30_000, s.limits().sendTimeoutMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "broker.example.com", "10.0.0.1", "[::1]", "::1", "[fe80::1%eth0]", "my_host"})
    void acceptsHostsAndAddresses(String host) throws Exception {
        String parsed = Configured.defaults().with(HOST, host).build().endpoint().host();
        assertFalse(parsed.startsWith("["), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "host:5672", "bad host", "http://x", "[not-ipv6]", "a..b"})
    void refusesMalformedHostsNamingThePropertyAndValue(String host) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Configured.defaults().with(HOST, host).build());
        assertTrue(e.getMessage().contains("'host'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + host + "'"), e.getMessage());
    }

    @Test
    void refusesBadNumbersNamingTheProperty() {
        assertNamed("port", Configured.defaults().with(PORT, -1));
        assertNamed("port", Configured.defaults().with(PORT, 70_000));
        assertNamed("idleTimeout", Configured.defaults().with(IDLE_TIMEOUT, -5L));
        assertNamed("connectTimeout", Configured.defaults().with(CONNECT_TIMEOUT, 0L));
        assertNamed("sendTimeout", Configured.defaults().with(SEND_TIMEOUT, -1L));
        assertNamed("maxFrameSize", Configured.defaults().with(MAX_FRAME_SIZE, 100));
    }

    @Test
    void aPasswordWithoutUserIsRefusedWithoutPrintingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Configured.defaults().with(PASSWORD, "s3cret").build());
        assertFalse(e.getMessage().contains("s3cret"));
        assertTrue(e.getMessage().contains("'password'"));
    }

    @Test
    void toStringHidesThePassword() throws Exception {
        String text = Configured.defaults().with(USERNAME, "u").with(PASSWORD, "s3cret").build().toString();
        assertFalse(text.contains("s3cret"), text);
    }

    @Test
    void ipv6EndpointsPrintInBrackets() {
        assertEquals("[::1]:5672", new Endpoint("::1", 5672).toString());
    }

    private static void assertNamed(String property, Configured builder) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, builder::build);
        assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
    }
}
