package io.amqpra.impl.client;

import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.transport.EventLoops;
import io.amqpra.impl.transport.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Opens the socket of a connection attempt: resolves the host off the loop (a slow DNS server
 * would stall every connection on it), then connects on the loop, with TLS in front of the
 * engine's pump where configured.
 */
final class Dialer {

    private Dialer() {
    }

    /**
     * Resolves {@code endpoint} on {@code resolver}, then runs {@code then} with the address, or
     * {@code failed} with why not, on {@code loop}.
     */
    static void resolve(Endpoint endpoint, Executor resolver, EventLoop loop, Consumer<InetSocketAddress> then,
                        Consumer<Exception> failed) {
        resolver.execute(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
            } catch (UnknownHostException | RuntimeException e) {
                loop.execute(() -> failed.accept(e));
                return;
            }
            loop.execute(() -> then.accept(address));
        });
    }

    /** Connects to {@code address}, the socket's pipeline ending in {@code pump}. Loop thread only. */
    static ChannelFuture connect(EventLoop loop, InetSocketAddress address, Endpoint endpoint,
                                 ConnectionSettings settings, SslContext sslContext, ChannelHandler pump) {
        return new Bootstrap()
                .group(loop)
                .channel(EventLoops.socketChannel(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, settings.transport().connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContext != null) {
                            // The peer's name sets SNI and, with verifyHost, is checked against its certificate.
                            ch.pipeline().addLast(TlsContexts.clientHandler(sslContext, settings.tls(),
                                    endpoint.host(), endpoint.port(), ch.alloc()));
                        }
                        ch.pipeline().addLast(pump);
                    }
                })
                .connect(address);
    }
}
