package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import java.util.List;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * What peers told a connection about where to go next, kept between attempts for
 * {@link Recovery}: the endpoints announced in the last open ({@code failover-server-list}), kept
 * until the next open, and the redirect of the last close, followed by the next attempt only.
 * Both are ignored with {@code useServerFailoverList=false}. Loop thread only.
 */
final class PeerHints {

    private final boolean used;
    private List<Endpoint> announced = List.of();
    private Redirect redirect;

    /** @param used whether to heed the peers ({@code useServerFailoverList}) */
    PeerHints(boolean used) {
        this.used = used;
    }

    /** The attempt is set up: its open's announced endpoints replace those of earlier ones. */
    void opened(Attempt attempt) {
        if (used) {
            announced = FailoverList.read(attempt.remoteProperties());
        }
    }

    /** The peer of the attempt closed with {@code error}, which may redirect us. */
    void closed(Attempt attempt, ErrorCondition error) {
        if (used && FailoverList.isRedirect(error)) {
            redirect = FailoverList.redirect(error, Redirect.origin(attempt.via, attempt.endpoint));
        }
    }

    /**
     * The failure of {@code attempt} as {@link Recovery} takes it. Hands over the redirect, if
     * any, once: should its target fail too, the rotation goes on.
     */
    Recovery.Failure failure(Attempt attempt, AmqpException cause, int failedAttempts, boolean startup,
                             long startupDeadlineNanos) {
        Redirect followed = redirect;
        redirect = null;
        return new Recovery.Failure(cause, attempt.endpoint, attempt.via, failedAttempts, startup, System.nanoTime(),
                startupDeadlineNanos, followed, announced);
    }
}
