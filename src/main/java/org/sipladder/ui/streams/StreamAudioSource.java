package org.sipladder.ui.streams;

import java.nio.file.Path;
import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.media.audio.CapturedFrames;
import org.sipladder.media.audio.DecodedAudio;
import org.sipladder.media.audio.EncodedFrame;
import org.sipladder.media.audio.StreamAudioDecoder;
import org.sipladder.ui.task.TaskContext;

/** Decodes a stream's audio from its capture, behind an interface so view-models test without capture files. */
@FunctionalInterface
public interface StreamAudioSource {

    /**
     * Decodes the audio of {@code item} from {@code capture}; slow (it reads the file again), so it runs as
     * background work.
     *
     * @throws org.sipladder.media.audio.UndecodableStreamException saying why the stream cannot be played
     */
    DecodedAudio decode(Path capture, StreamItem item, TaskContext context) throws Exception;

    /** Reads the stream's packets back from the capture file and decodes them. */
    static StreamAudioSource fromCapture() {
        StreamAudioDecoder decoder = new StreamAudioDecoder();
        return (capture, item, context) -> {
            RtpStream s = item.stream();
            if (item.encrypted() || StreamAudioDecoder.codecOf(s.codec(), s.payloadType()).isEmpty()) {
                // says why before reading the whole file again
                return decoder.decode(s.codec(), s.payloadType(), item.encrypted(), List.of());
            }
            List<EncodedFrame> frames = CapturedFrames.read(capture, s.key(), context::isCancelled);
            return decoder.decode(s.codec(), s.payloadType(), false, frames);
        };
    }
}
