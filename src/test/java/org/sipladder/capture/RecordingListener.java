package org.sipladder.capture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects what a read delivers, for assertions. */
final class RecordingListener implements CaptureListener {

    final List<SipPayload> payloads = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    CaptureSummary summary;

    static RecordingListener read(Path file) throws CaptureException {
        RecordingListener l = new RecordingListener();
        l.summary = new CaptureReader().read(file, l);
        return l;
    }

    @Override
    public void payload(SipPayload p) {
        payloads.add(p);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (SipPayload p : payloads) {
            out.add(new String(p.data(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    List<Long> frames() {
        List<Long> out = new ArrayList<>();
        for (SipPayload p : payloads) {
            out.add(p.frame());
        }
        return out;
    }
}
