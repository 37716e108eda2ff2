package io.amqpra.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.amqpra.impl.config.Endpoint;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.junit.jupiter.api.Test;

/** How a redirect's fields are read (AMQP 1.0 section 2.8.15) and what the next open names. */
class FailoverListTest {

    private static final Endpoint FROM = new Endpoint("primary", 5672);

    private static ErrorCondition redirect(Map<Symbol, Object> info) {
        ErrorCondition error = new ErrorCondition(Symbol.valueOf("amqp:connection:redirect"), "go there");
        error.setInfo(info);
        return error;
    }

    @Test
    void networkHostIsDialledAndHostnameIsTheVirtualHostOfTheNextOpen() {
        Redirect r = FailoverList.redirect(redirect(Map.of(Symbol.valueOf("network-host"), "10.0.0.7",
                Symbol.valueOf("port"), 5673, Symbol.valueOf("hostname"), "tenant-a")), FROM);
        assertEquals(new Redirect(new Endpoint("10.0.0.7", 5673), "tenant-a", FROM), r);
        assertEquals("tenant-a", Redirect.openHostname(r, "configured", r.target()));
    }

    @Test
    void withoutHostnameTheNextOpenNamesWhatItWouldOtherwise() {
        Redirect r = FailoverList.redirect(redirect(Map.of(Symbol.valueOf("network-host"), "10.0.0.7",
                Symbol.valueOf("port"), 5673)), FROM);
        assertNull(r.virtualHost());
        assertEquals("configured", Redirect.openHostname(r, "configured", r.target()));
        assertEquals("10.0.0.7", Redirect.openHostname(r, null, r.target()));
        assertEquals("primary", Redirect.openHostname(null, null, FROM));
    }

    @Test
    void aHostnameAloneIsNotAMachineToConnectTo() {
        assertNull(FailoverList.redirect(redirect(Map.of(Symbol.valueOf("hostname"), "broker.example.com",
                Symbol.valueOf("port"), 5673)), FROM));
        assertNull(FailoverList.redirect(redirect(Map.of(Symbol.valueOf("network-host"), "10.0.0.7")), FROM),
                "no port");
        assertNull(FailoverList.redirect(redirect(null), FROM));
    }
}
