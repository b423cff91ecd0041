package org.sipladder.source;

import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.MediaListener;

/** A listener that does something with each payload and passes warnings, progress, media and cancelling through. */
abstract class ForwardingListener implements CaptureListener {

    protected final CaptureListener next;

    ForwardingListener(CaptureListener next) {
        this.next = next;
    }

    @Override
    public void warning(String message) {
        next.warning(message);
    }

    @Override
    public void progress(long bytesRead, long totalBytes) {
        next.progress(bytesRead, totalBytes);
    }

    /** RTP and RTCP go to the next listener's media listener: a merge of several files keeps its streams. */
    @Override
    public MediaListener media() {
        return next.media();
    }

    @Override
    public boolean cancelled() {
        return next.cancelled();
    }
}
