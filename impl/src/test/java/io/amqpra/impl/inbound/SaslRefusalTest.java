package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.message.MessageCodec;
import io.amqpra.impl.transport.RawFrames;
import io.amqpra.impl.security.TestAuthenticator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.security.SaslCode;
import org.apache.qpid.proton.amqp.security.SaslInit;
import org.apache.qpid.proton.amqp.security.SaslMechanisms;
import org.apache.qpid.proton.amqp.security.SaslOutcome;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.Role;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer whose login is refused, and which sends its AMQP frames right behind its login without
 * waiting for the outcome (as pipelining clients do): it gets the SASL outcome that says so, then
 * the socket closes, and nothing it sent reaches a bean.
 */
@Timeout(60)
class SaslRefusalTest {

    private static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    private final TestContainer container = new TestContainer();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() {
        container.close();
    }

    private int listenWithPasswords() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> {
            received.add(m.bodyAsString());
            deliveries.incrementAndGet();
        });
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setSaslMechanisms(null);
        spec.setAuthenticator(TestAuthenticator.class.getName());
        container.activate(endpoint, spec);
        return container.listeners.port(endpoint, spec);
    }

    @Test
    void anonymousWhereOnlyPasswordsAreTakenIsRefusedAndWhatFollowsIsNeverRead() throws Exception {
        assertRefusedWithNothingAfter(listenWithPasswords(), init("ANONYMOUS", new byte[0]));
    }

    @Test
    void aMalformedPlainLoginIsRefusedAndWhatFollowsIsNeverRead() throws Exception {
        assertRefusedWithNothingAfter(listenWithPasswords(), init("PLAIN", "no separators".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongPasswordIsRefusedAndWhatFollowsIsNeverRead() throws Exception {
        assertRefusedWithNothingAfter(listenWithPasswords(), init("PLAIN", "\0alice\0wrong".getBytes(StandardCharsets.UTF_8)));
    }

    /** The same pipelining with a good password: the login is checked first, then the rest is read. */
    @Test
    void aGoodLoginWithFramesBehindItGetsThemThrough() throws Exception {
        int port = listenWithPasswords();
        for (int round = 0; round < 5; round++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(pipelined(init("PLAIN", "\0alice\0secret".getBytes(StandardCharsets.UTF_8))));
                socket.getOutputStream().flush();
                int expected = round + 1;
                io.amqpra.impl.Await.until(() -> "the pipelined message to reach the bean, got " + deliveries,
                        java.time.Duration.ofSeconds(10), () -> deliveries.get() == expected);
            }
        }
    }

    private void assertRefusedWithNothingAfter(int port, SaslInit login) throws Exception {
        for (int round = 0; round < 20; round++) { // the refusal races the pipelined frames: try it often
            List<Object> answer = exchange(port, login);
            assertTrue(answer.size() >= 2 && answer.get(0) instanceof SaslMechanisms, "round " + round + ": " + answer);
            assertTrue(answer.get(1) instanceof SaslOutcome outcome && outcome.getCode() == SaslCode.AUTH,
                    "round " + round + ": the refusal is a sasl-outcome with code auth: " + answer);
            assertEquals(2, answer.size(), "round " + round + ": the listener wrote more after refusing: " + answer);
        }
        assertEquals(Set.of(), received, "a message from a peer whose login was refused reached the bean");
    }

    /** Sends the login and, in the same write, a whole AMQP conversation; returns what came back. */
    private static List<Object> exchange(int port, SaslInit login) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(pipelined(login));
            socket.getOutputStream().flush();
            return framesUntilClosed(socket.getInputStream());
        }
    }

    /** A login and, behind it, a whole AMQP conversation up to a transfer. */
    private static byte[] pipelined(SaslInit login) {
        Open open = new Open();
        open.setContainerId("pipelining peer");
        return RawFrames.concat(SASL_HEADER, saslFrame(login), RawFrames.AMQP_HEADER, RawFrames.frame(0, open),
                RawFrames.frame(0, RawFrames.begin()), RawFrames.frame(0, attach()), transferWithMessage());
    }

    private static List<Object> framesUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the listener held the socket open after refusing the login; it sent "
                    + Arrays.toString(all.toByteArray()), e);
        }
        byte[] bytes = all.toByteArray();
        assertTrue(bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), SASL_HEADER),
                "no SASL header first: " + Arrays.toString(bytes));
        ByteBuffer frames = ByteBuffer.wrap(bytes, 8, bytes.length - 8);
        List<Object> found = new ArrayList<>();
        while (frames.hasRemaining()) {
            if (frames.remaining() >= 8 && frames.get(frames.position()) == 'A') {
                found.add("protocol header " + new String(bytes, frames.position(), 4, StandardCharsets.US_ASCII));
                frames.position(frames.position() + 8);
            } else {
                found.add(RawFrames.performative(frames));
            }
        }
        return found;
    }

    private static SaslInit init(String mechanism, byte[] response) {
        SaslInit init = new SaslInit();
        init.setMechanism(Symbol.valueOf(mechanism));
        init.setInitialResponse(new Binary(response));
        return init;
    }

    /** A SASL frame: as an AMQP frame, with type 1. */
    private static byte[] saslFrame(SaslInit init) {
        byte[] frame = RawFrames.frame(0, init);
        frame[5] = 1;
        return frame;
    }

    private static Attach attach() {
        Attach attach = new Attach();
        attach.setName("pipelined");
        attach.setHandle(UnsignedInteger.ZERO);
        attach.setRole(Role.SENDER);
        attach.setInitialDeliveryCount(UnsignedInteger.ZERO);
        Target target = new Target();
        target.setAddress("q");
        attach.setTarget(target);
        return attach;
    }

    private static byte[] transferWithMessage() {
        Transfer transfer = RawFrames.transfer(0);
        transfer.setSettled(true);
        byte[] frame = RawFrames.frame(0, transfer);
        byte[] message = MessageCodec.encode(io.amqpra.api.Message.of("must never arrive"));
        byte[] whole = RawFrames.concat(frame, message);
        ByteBuffer.wrap(whole).putInt(whole.length);
        return whole;
    }
}
