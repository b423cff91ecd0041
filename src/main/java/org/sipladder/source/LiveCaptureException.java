package org.sipladder.source;

import java.util.Locale;

/** Live capture is impossible here: the message says what to install or which right to grant. */
public final class LiveCaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    static final String INSTALL = "live capture needs libpcap: install it (Debian/Ubuntu: sudo apt-get install "
            + "libpcap0.8; if it is installed but not found, install libpcap0.8-dev too or start with "
            + "-Dorg.pcap4j.core.pcapLibName=/usr/lib/x86_64-linux-gnu/libpcap.so.0.8; macOS has it; Windows: Npcap)";
    static final String GRANT = "no permission to capture: run as root, or grant Java the capture capabilities once "
            + "with sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    public LiveCaptureException(String message) {
        super(message);
    }

    static LiveCaptureException noLibpcap(Throwable cause) {
        LiveCaptureException e = new LiveCaptureException(INSTALL);
        e.initCause(cause);
        return e;
    }

    /** Sorts libpcap's own words into the two things a user can fix, or passes them on naming the interface. */
    static LiveCaptureException of(Exception cause, String interfaceName) {
        String m = String.valueOf(cause.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        LiveCaptureException e;
        if (lower.contains("permission") || lower.contains("not permitted") || lower.contains("eperm")) {
            e = new LiveCaptureException(GRANT);
        } else if (interfaceName != null && (lower.contains("no such device") || lower.contains("doesn't exist"))) {
            e = new LiveCaptureException(interfaceName + ": no such interface (`sipladder capture --list` lists them)");
        } else {
            e = new LiveCaptureException((interfaceName == null ? "" : interfaceName + ": ") + "cannot capture (" + m + ")");
        }
        e.initCause(cause);
        return e;
    }
}
