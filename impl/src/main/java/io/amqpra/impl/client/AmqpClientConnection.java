package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.Outcome;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.link.SendTimeouts;
import io.amqpra.impl.transport.EventLoops;
import io.amqpra.impl.transport.ProtonEvents;
import io.amqpra.impl.transport.ProtonPump;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.jboss.logging.Logger;

/**
 * One AMQP connection to a peer, owned by one event-loop thread. Public methods may be called from
 * any thread: they hand their work to the loop and return futures. One session carries every
 * link; links are cached per address and reused.
 */
public final class AmqpClientConnection implements ProtonEvents {

    private static final Logger LOG = Logger.getLogger(AmqpClientConnection.class);
    private static final AtomicLong LINK_IDS = new AtomicLong();

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final ConnectionSettings settings;
    private final EventLoop loop;
    private final ConnectionListener listener;
    private final BatchingCompleter completer;
    private final SendTimeouts timeouts;
    private final CompletableFuture<AmqpClientConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<String, OutgoingLink> senders = new HashMap<>();
    private final Map<String, IncomingLink> receivers = new HashMap<>();
    private final String containerId;

    // Loop-thread state.
    private Channel channel;
    private ProtonPump pump;
    private Connection connection;
    private Session session;
    private SaslClient sasl;
    private ErrorCondition transportError;
    private volatile State state = State.CONNECTING;
    private volatile String remoteContainerId;
    private volatile AmqpException failure;

    private AmqpClientConnection(ConnectionSettings settings, EventLoops loops, ConnectionListener listener) {
        this.settings = settings;
        this.loop = loops.group().next();
        this.listener = listener;
        this.completer = new BatchingCompleter(loops.completions());
        this.timeouts = new SendTimeouts(loop, this::timedOut);
        this.containerId = settings.containerId() != null ? settings.containerId()
                : "amqp-ra-" + UUID.randomUUID();
    }

    /**
     * Connects and opens an AMQP connection. The future completes once the peer's open frame
     * arrived, or fails after {@code connectTimeout}.
     */
    public static CompletableFuture<AmqpClientConnection> connect(ConnectionSettings settings,
                                                                  EventLoops loops,
                                                                  ConnectionListener listener) {
        AmqpClientConnection c = new AmqpClientConnection(settings, loops, listener);
        c.start();
        return c.opened;
    }

    public String containerId() {
        return containerId;
    }

    /** The peer's container id from its open frame, once open. */
    public String remoteContainerId() {
        return remoteContainerId;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    private void start() {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(createEngine());
                    }
                });
        String where = settings.endpoint().toString();
        ChannelFuture connecting = bootstrap.connect(settings.endpoint().host(), settings.endpoint().port());
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                fail(new ConnectionLostException("AMQPRA0011: Could not connect to " + where + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        loop.schedule(() -> {
            if (state == State.CONNECTING) {
                fail(new ConnectionLostException("AMQPRA0012: No AMQP open from " + where + " within "
                        + settings.connectTimeoutMillis() + " ms (connectTimeout)", (String) null));
            }
        }, settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private ProtonPump createEngine() {
        Transport transport = Transport.Factory.create();
        transport.setMaxFrameSize(settings.maxFrameSize());
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutMillis()));
        Sasl saslLayer = transport.sasl();
        saslLayer.client();
        sasl = new SaslClient(settings.username(), settings.password());
        saslLayer.setListener(sasl);

        connection = Connection.Factory.create();
        connection.setContainer(containerId);
        connection.setHostname(settings.virtualHost() != null ? settings.virtualHost()
                : settings.endpoint().host());
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        connection.open();
        session = connection.session();
        session.open();
        pump = new ProtonPump(transport, collector, this);
        return pump;
    }

    /**
     * Sends encoded message bytes. The future completes with the outcome, or fails after
     * {@code sendTimeout}. With {@code blocking}, it is completed on the loop and must only be
     * waited on; otherwise it is completed off the loop and callers may chain on it.
     */
    public CompletableFuture<Outcome> send(String address, byte[] payload, boolean blocking) {
        PendingSend send = new PendingSend(address, payload,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMillis()), blocking);
        execute(() -> {
            if (state != State.OPEN) {
                send.fail(notOpen(), completer);
                return;
            }
            senders.computeIfAbsent(address, this::attachSender).offer(send);
            timeouts.track(send);
        });
        return send.future;
    }

    /**
     * Asks for one message from an address. The future completes with {@code null} when none
     * arrived within the timeout. It is completed on the loop: only wait on it, never chain.
     */
    public CompletableFuture<IncomingDelivery> receive(String address, long timeoutMillis) {
        CompletableFuture<IncomingDelivery> waiter = new CompletableFuture<>();
        execute(() -> {
            if (state != State.OPEN) {
                waiter.completeExceptionally(notOpen());
                return;
            }
            IncomingLink link = receivers.computeIfAbsent(address, this::attachReceiver);
            link.request(waiter);
            if (!waiter.isDone()) {
                loop.schedule(() -> {
                    link.abandon(waiter);
                    waiter.complete(null);
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        });
        return waiter;
    }

    /**
     * Puts back a message whose receive was abandoned by its caller (interrupted) after the loop
     * handed it over, so that it is released rather than lost.
     */
    public void giveBack(IncomingDelivery delivery) {
        settle(delivery, org.apache.qpid.proton.amqp.messaging.Released.getInstance());
    }

    /** Settles a received message with an outcome. */
    public CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            if (state != State.OPEN) {
                done.completeExceptionally(notOpen());
                return;
            }
            delivery.link.settle(delivery, outcome);
            done.complete(null);
        });
        return done;
    }

    /** Releases what receivers hold and detaches them; senders stay attached for reuse. */
    public CompletableFuture<Void> releaseReceivers() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            receivers.values().forEach(IncomingLink::releaseAndClose);
            receivers.clear();
            done.complete(null);
        });
        return done;
    }

    /** Closes the connection with an AMQP close; completes when the peer answered or gave up. */
    public CompletableFuture<Void> close() {
        execute(() -> {
            if (state == State.CLOSED || state == State.CLOSING) {
                return;
            }
            if (state == State.CONNECTING) {
                fail(new ConnectionLostException("AMQPRA0013: The connection was closed while opening",
                        (String) null));
                return;
            }
            state = State.CLOSING;
            failLinks(new ConnectionLostException("AMQPRA0013: The connection was closed", (String) null));
            connection.close();
            loop.schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
        });
        return closed;
    }

    private OutgoingLink attachSender(String address) {
        Sender sender = session.sender("amqp-ra-sender-" + address + "-" + LINK_IDS.incrementAndGet());
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        sender.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        sender.open();
        return new OutgoingLink(sender, completer);
    }

    private IncomingLink attachReceiver(String address) {
        Receiver receiver = session.receiver("amqp-ra-receiver-" + address + "-" + LINK_IDS.incrementAndGet());
        Source source = new Source();
        source.setAddress(address);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        receiver.open();
        return new IncomingLink(receiver);
    }

    @Override
    public void onEvent(Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> onRemoteOpen();
            case CONNECTION_REMOTE_CLOSE -> onRemoteClose(event.getConnection());
            case SESSION_REMOTE_CLOSE -> onSessionClosed(event.getSession());
            case LINK_REMOTE_CLOSE, LINK_REMOTE_DETACH -> onLinkClosed(event.getLink());
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof OutgoingLink link) {
                    link.onFlow();
                }
            }
            case DELIVERY -> onDelivery(event.getDelivery());
            case TRANSPORT_ERROR -> transportError = event.getTransport().getCondition();
            default -> { }
        }
    }

    private void onRemoteOpen() {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.OPEN;
        remoteContainerId = connection.getRemoteContainer();
        LOG.debugf("Opened %s to %s (remote container %s)", containerId, settings.endpoint(),
                remoteContainerId);
        opened.complete(this);
    }

    private void onRemoteClose(Connection c) {
        if (state == State.CLOSING) {
            channel.close();
            return;
        }
        ErrorCondition error = c.getRemoteCondition();
        if (c.getLocalState() != EndpointState.CLOSED) {
            c.close();
        }
        fail(new ConnectionLostException("AMQPRA0014: " + settings.endpoint() + " closed the connection"
                + describe(error), condition(error)));
    }

    private void onSessionClosed(Session s) {
        if (state == State.OPEN) {
            ErrorCondition error = s.getRemoteCondition();
            connection.close();
            fail(new ConnectionLostException("AMQPRA0015: " + settings.endpoint() + " ended the session"
                    + describe(error), condition(error)));
        }
    }

    private void onLinkClosed(Link link) {
        ErrorCondition error = link.getRemoteCondition();
        String address;
        if (link.getContext() instanceof OutgoingLink out) {
            address = ((Target) link.getTarget()).getAddress();
            senders.remove(address, out);
            out.failAll(new AmqpException("AMQPRA0016: " + settings.endpoint()
                    + " refused or ended the link to '" + address + "'" + describe(error), condition(error)));
        } else if (link.getContext() instanceof IncomingLink in) {
            address = ((Source) link.getSource()).getAddress();
            receivers.remove(address, in);
            in.failAll(new AmqpException("AMQPRA0017: " + settings.endpoint()
                    + " refused or ended the link from '" + address + "'" + describe(error), condition(error)));
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    private void onDelivery(Delivery delivery) {
        Object context = delivery.getLink().getContext();
        if (context instanceof OutgoingLink out) {
            out.onDelivery(delivery);
        } else if (context instanceof IncomingLink in) {
            in.onDelivery(delivery);
        }
    }

    @Override
    public void afterEvents() {
        completer.flush();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        if (state == State.CLOSING) {
            state = State.CLOSED;
            closed.complete(null);
            return;
        }
        String why;
        if (sasl != null && sasl.failure() != null) {
            fail(new AuthenticationException("AMQPRA0018: Authentication with " + settings.endpoint()
                    + " failed: " + sasl.failure()));
            return;
        } else if (connection != null && connection.getCondition() != null
                && connection.getCondition().getCondition() != null) {
            // The engine closed the connection itself: the idle timeout expired. The transport
            // then also reports 'connection aborted', which is only the consequence.
            transportError = connection.getCondition();
            why = describe(transportError) + " (no frame from the peer within idleTimeout, "
                    + settings.idleTimeoutMillis() + " ms)";
        } else if (transportError != null && transportError.getCondition() != null) {
            why = describe(transportError);
        } else if (cause != null) {
            why = ": " + cause.getMessage();
        } else {
            why = " by the peer";
        }
        fail(new ConnectionLostException("AMQPRA0019: Connection to " + settings.endpoint() + " lost" + why,
                condition(transportError)));
    }

    /** Fails everything waiting and reports the loss once. Loop thread only. */
    private void fail(AmqpException cause) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> fail(cause));
            return;
        }
        State was = state;
        if (was == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        failure = cause;
        failLinks(cause);
        completer.flush();
        if (channel != null) {
            // Closing after the current pump lets it write what the engine still has for the
            // peer, such as our answer to its close.
            loop.execute(channel::close);
        }
        closed.complete(null);
        if (was == State.CONNECTING) {
            opened.completeExceptionally(cause);
        } else if (was == State.OPEN) {
            LOG.debugf(cause, "Connection %s lost", containerId);
            listener.connectionLost(cause);
        }
    }

    private void failLinks(AmqpException cause) {
        senders.values().forEach(link -> link.failAll(cause));
        senders.clear();
        receivers.values().forEach(link -> link.failAll(cause));
        receivers.clear();
        timeouts.clear();
    }

    private void timedOut(PendingSend send) {
        OutgoingLink link = senders.get(send.address);
        if (link != null) {
            link.forget(send);
        }
        send.fail(new io.amqpra.api.SendTimeoutException("AMQPRA0020: No outcome for a message to '"
                + send.address + "' within " + settings.sendTimeoutMillis()
                + " ms (sendTimeout); the peer may or may not have it"), completer);
        completer.flush();
    }

    /** Runs a task on the loop, then writes what it produced and hands over completions. */
    private void execute(Runnable task) {
        Runnable wrapped = () -> {
            task.run();
            if (pump != null && state != State.CLOSED) {
                pump.pumpSoon();
            }
            completer.flush();
        };
        if (loop.inEventLoop()) {
            wrapped.run();
        } else {
            loop.execute(wrapped);
        }
    }

    private AmqpException notOpen() {
        AmqpException cause = failure;
        return cause != null
                ? new ConnectionLostException("AMQPRA0021: " + cause.getMessage(), cause)
                : new ConnectionLostException("AMQPRA0021: The connection to " + settings.endpoint()
                        + " is " + state.name().toLowerCase(), (String) null);
    }

    private static String describe(ErrorCondition error) {
        if (error == null || error.getCondition() == null) {
            return "";
        }
        return ": " + error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
    }

    private static String condition(ErrorCondition error) {
        return error == null || error.getCondition() == null ? null : error.getCondition().toString();
    }
}
