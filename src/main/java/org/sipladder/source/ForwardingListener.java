package org.sipladder.source;

import org.sipladder.capture.CaptureListener;

/** A listener that does something with each payload and passes warnings, progress and cancelling through. */
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

    @Override
    public boolean cancelled() {
        return next.cancelled();
    }
}
