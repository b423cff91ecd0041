package org.sipladder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Without a display the app names a command line started the way the user started the app. */
class LauncherHintTest {

    @Test
    void theCheckoutsScriptThePackagedLauncherOrTheJar() {
        assertEquals("./sipladder", SipLadderApp.launcher("./sipladder", null));
        assertEquals("SIPLadder", SipLadderApp.launcher(null, "/opt/sipladder/bin/SIPLadder"));
        assertEquals("./sipladder", SipLadderApp.launcher("./sipladder", "/opt/sipladder/bin/SIPLadder"));
        assertEquals("java -jar sipladder.jar", SipLadderApp.launcher(null, null));
        assertEquals("java -jar sipladder.jar", SipLadderApp.launcher(" ", ""));
    }
}
