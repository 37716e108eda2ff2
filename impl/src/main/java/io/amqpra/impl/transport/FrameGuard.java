package io.amqpra.impl.transport;

import static io.amqpra.impl.log.PeerMessages.PEER;

import io.amqpra.impl.log.AmqpLogger;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.EmptyFrame;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.FrameBody;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.SessionError;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportDecodeException;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.engine.impl.FrameHandler;
import org.apache.qpid.proton.engine.impl.TransportImpl;
import org.apache.qpid.proton.framing.TransportFrame;

/**
 * Checks each frame a peer sends before Proton-J handles it, and answers a protocol violation
 * with the close AMQP 1.0 names for it, with a description of what was wrong.
 *
 * <p>Proton-J alone ignores some violations (an attach on a channel with no session: the
 * connection stays open, waiting), and fails on others with a {@code NullPointerException} (a
 * transfer on a handle no link is attached to). Here a violation sets the transport's condition
 * and stops the input: Proton-J then writes its open (if not sent yet) and a close carrying that
 * condition, and ends its output, so {@link ProtonPump} closes the socket once that is written.
 *
 * <p>A session error (an unattached handle) closes the whole connection too: the frame reader
 * cannot skip one frame and go on, so nothing more can be read from this peer.
 *
 * <p>It mirrors Proton-J's own bookkeeping of the peer's sessions and links (begun on begin,
 * ended on end; attached on attach, detached on detach), which Proton-J does not expose. Runs on
 * the event loop that owns the transport.
 */
public final class FrameGuard implements FrameHandler {

    private static final AmqpLogger LOG = AmqpLogger.of(FrameGuard.class);
    private static final Symbol NOT_ALLOWED = AmqpError.NOT_ALLOWED;
    private static final EnumSet<EndpointState> BEGUN_HERE = EnumSet.of(EndpointState.ACTIVE, EndpointState.CLOSED);
    private static final EnumSet<EndpointState> NOT_ANSWERED = EnumSet.of(EndpointState.UNINITIALIZED);

    private final TransportImpl transport;
    private final Connection connection;
    /** The peer's begun sessions by channel, each with the handles of the links it attached. */
    private final Map<Integer, Set<UnsignedInteger>> sessions = new HashMap<>();
    private boolean opened;
    /** A violation was found, or the peer closed: no frame after it is handled. */
    private boolean stopped;

    private FrameGuard(TransportImpl transport, Connection connection) {
        this.transport = transport;
        this.connection = connection;
    }

    /**
     * A new transport whose input is checked, for {@code connection} (bind it as usual). The
     * guard is installed here because it must come before anything else uses the transport:
     * SASL included.
     */
    public static Transport newTransport(Connection connection) {
        TransportImpl transport = (TransportImpl) Transport.Factory.create();
        transport.setFrameHandler(new FrameGuard(transport, connection));
        return transport;
    }

    @Override
    public boolean handleFrame(TransportFrame frame) {
        if (stopped) {
            return true;
        }
        ErrorCondition violation = check(frame.getChannel(), frame.getBody());
        if (violation != null) {
            refuse(violation);
            return true;
        }
        try {
            stopped = transport.handleFrame(frame); // true once the peer's close came
        } catch (RuntimeException e) {
            // A frame the checks let through and the engine could not take: say so in our words.
            LOG.debugf(e, "Proton-J failed on %s", frame.getBody());
            refuse(new ErrorCondition(AmqpError.INTERNAL_ERROR,
                    PEER.frameNotProcessed(name(frame.getBody()), frame.getChannel())));
            return true;
        }
        return stopped;
    }

    @Override
    public void closed(TransportException error) {
        if (transport.getCondition() == null && !stopped) {
            // The reader's own texts name a Java exception ("...TransportException: connection
            // aborted"); the peer gets ours.
            transport.setCondition(describe(error));
        }
        transport.closed(error);
    }

    @Override
    public boolean isHandlingFrames() {
        return transport.isHandlingFrames();
    }

    private void refuse(ErrorCondition violation) {
        stopped = true;
        transport.setCondition(violation);
    }

    /** What is wrong with {@code body} on {@code channel}, or {@code null}; records what it begins or attaches. */
    private ErrorCondition check(int channel, FrameBody body) {
        if (body instanceof EmptyFrame) {
            return null;
        }
        String name = name(body);
        if (channel > transport.getChannelMax()) {
            return new ErrorCondition(ConnectionError.FRAMING_ERROR,
                    PEER.beyondChannelMax(name, channel, transport.getChannelMax()));
        }
        if (body instanceof Open) {
            opened = true;
            return null;
        }
        if (!opened) {
            return new ErrorCondition(NOT_ALLOWED, PEER.frameBeforeOpen(name));
        }
        if (body instanceof Close) {
            return null;
        }
        if (body instanceof Begin begin) {
            return checkBegin(channel, begin);
        }
        Set<UnsignedInteger> handles = sessions.get(channel);
        if (handles == null) {
            return new ErrorCondition(NOT_ALLOWED, PEER.noSessionOnChannel(name, channel));
        }
        return checkLink(channel, body, handles);
    }

    private ErrorCondition checkBegin(int channel, Begin begin) {
        if (sessions.containsKey(channel)) {
            return new ErrorCondition(NOT_ALLOWED, PEER.sessionAlreadyBegun(channel));
        }
        if (begin.getRemoteChannel() != null && connection.sessionHead(BEGUN_HERE, NOT_ANSWERED) == null) {
            return new ErrorCondition(NOT_ALLOWED,
                    PEER.beginAnswersNothing(channel, begin.getRemoteChannel().intValue()));
        }
        sessions.put(channel, new HashSet<>());
        return null;
    }

    /** Checks a frame within the session on {@code channel}, whose peer's links hold {@code handles}. */
    private ErrorCondition checkLink(int channel, FrameBody body, Set<UnsignedInteger> handles) {
        if (body instanceof Attach attach) {
            return handles.add(attach.getHandle()) ? null : new ErrorCondition(SessionError.HANDLE_IN_USE,
                    PEER.handleInUse(attach.getHandle(), channel));
        }
        UnsignedInteger handle = null;
        if (body instanceof Transfer transfer) {
            handle = transfer.getHandle();
        } else if (body instanceof Flow flow) {
            handle = flow.getHandle();
        } else if (body instanceof Detach detach) {
            handle = detach.getHandle();
            if (handles.remove(handle)) {
                return null;
            }
        } else if (body instanceof End) {
            sessions.remove(channel);
        }
        if (handle != null && !handles.contains(handle)) {
            return new ErrorCondition(SessionError.UNATTACHED_HANDLE,
                    PEER.unattachedHandle(name(body), handle, channel));
        }
        return null;
    }

    /** The condition for input that ended or could not be read as frames. */
    private static ErrorCondition describe(TransportException error) {
        if (error instanceof TransportDecodeException) {
            return new ErrorCondition(AmqpError.DECODE_ERROR, PEER.malformedInput(error.getMessage()));
        }
        if (error == null || "connection aborted".equals(error.getMessage())) {
            // Proton-J's frame reader says "connection aborted" when its input ends mid-frame.
            return new ErrorCondition(ConnectionError.FRAMING_ERROR,
                    PEER.inputEnded(error == null ? "between frames" : "in the middle of a frame"));
        }
        return new ErrorCondition(ConnectionError.FRAMING_ERROR, PEER.malformedInput(error.getMessage()));
    }

    private static String name(FrameBody body) {
        return body.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
