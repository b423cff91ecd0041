package org.sipladder.ui.main;

/** The text of Help > About. */
final class AboutText {

    private AboutText() {
    }

    static String text() {
        String version = AboutText.class.getPackage().getImplementationVersion();
        return "SIP Ladder " + (version == null ? "(development build)" : version) + "\n\n"
                + "SIP ladder diagrams across every hop of a call (carrier, Jambonz, LiveKit) from pcap and pcapng\n"
                + "captures, and a diagnosis of why a call failed, including LiveKit trunk and dispatch-rule problems.\n\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version");
    }
}
