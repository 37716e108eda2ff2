package io.amqpra.impl.log;

import java.lang.invoke.MethodHandles;
import org.jboss.logging.Messages;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;

/**
 * The texts a peer reads in the error conditions the adapter sends it, each with its
 * {@code AMQPRA####} id, from the id space {@link AmqpMessages} describes.
 */
@MessageBundle(projectCode = "AMQPRA", length = 4)
public interface PeerMessages {

    PeerMessages PEER = Messages.getBundle(MethodHandles.lookup(), PeerMessages.class);

    // ---------------------------------------------------------------- 0140-0149: protocol violations

    // The descriptions of the closes that transport/FrameGuard sends a peer that broke the rules.

    @Message(id = 140, value = "Frame '%s' on channel %d: beyond the channel-max %d this end announced")
    String beyondChannelMax(String frame, int channel, int channelMax);

    @Message(id = 141, value = "Frame '%s' on channel %d: no session is begun on that channel")
    String noSessionOnChannel(String frame, int channel);

    @Message(id = 142, value = "Frame 'begin' on channel %d: a session is already begun on that channel")
    String sessionAlreadyBegun(int channel);

    @Message(id = 143, value = "Frame 'begin' on channel %d answers channel %d, where this end awaits no answer")
    String beginAnswersNothing(int channel, int remoteChannel);

    @Message(id = 144, value = "Frame 'attach' for handle %s on channel %d: an attached link already uses that handle")
    String handleInUse(Object handle, int channel);

    @Message(id = 145, value = "Frame '%s' for handle %s on channel %d: no link is attached with that handle")
    String unattachedHandle(String frame, Object handle, int channel);

    @Message(id = 146, value = "Frame '%s' before the open frame: the open frame comes first")
    String frameBeforeOpen(String frame);

    /** The engine failed on a frame that passed the checks; the log has the exception. */
    @Message(id = 147, value = "Frame '%s' on channel %d could not be processed")
    String frameNotProcessed(String frame, int channel);

    /** {@code where}: "in the middle of a frame" or "between frames". */
    @Message(id = 148, value = "The input ended %s, without a close frame")
    String inputEnded(String where);

    /** {@code detail}: what the frame reader found wrong. */
    @Message(id = 149, value = "The input is not valid AMQP: %s")
    String malformedInput(String detail);

    // ---------------------------------------------------------------- 0180-0189: bean errors

    /** The description a peer reads when a bean threw: nothing of the exception, only where the server logged it. */
    @Message(id = 182, value = "The message could not be processed; the server logged why under reference %s")
    String beanFailed(String reference);
}
