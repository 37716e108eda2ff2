package io.amqpra.impl.inbound;

import io.amqpra.impl.transport.RawFrames;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.proton.amqp.transport.Open;

/**
 * A peer on a plain socket that sends whatever frames a test gives it, and sees whether the
 * listener closed the socket (which a scripted client cannot tell).
 */
final class RawPeer implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private final Socket socket;
    private final DataInputStream in;
    /** The listener's open frame. */
    final Open listenerOpen;

    /** Connects without SASL, sends the header and an open, and reads the listener's. */
    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new DataInputStream(socket.getInputStream());
        Open open = new Open();
        open.setContainerId("raw peer");
        send(RawFrames.AMQP_HEADER, RawFrames.frame(0, open));
        byte[] header = new byte[8];
        in.readFully(header);
        listenerOpen = (Open) next();
    }

    void send(byte[]... parts) throws IOException {
        socket.getOutputStream().write(RawFrames.concat(parts));
        socket.getOutputStream().flush();
    }

    /** Shuts this side's output down: the listener reads the end of input, and may still write. */
    void halfClose() throws IOException {
        socket.shutdownOutput();
    }

    /** The next frame's performative ({@code null} for an empty frame). */
    Object next() throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        ByteBuffer.wrap(frame).putInt(size);
        in.readFully(frame, 4, size - 4);
        return RawFrames.performative(ByteBuffer.wrap(frame));
    }

    /**
     * Every frame up to the end of the stream: the listener must close the socket within the read
     * timeout. Fails if it holds it open.
     */
    List<Object> untilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(RawFrames.AMQP_HEADER);
        try {
            in.transferTo(rest);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the listener held the socket open; it sent "
                    + RawFrames.performatives(rest.toByteArray()), e);
        }
        return new ArrayList<>(RawFrames.performatives(rest.toByteArray()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
