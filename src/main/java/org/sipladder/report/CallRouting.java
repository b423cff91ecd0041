package org.sipladder.report;

import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;

/**
 * One INVITE that reached LiveKit, with the call it belongs to as the report numbers it.
 *
 * @param callNumber the call's number in the report ("Call 2")
 * @param flow       the call, as the report shows it (redacted when asked)
 * @param routing    what LiveKit matched for the INVITE
 */
record CallRouting(int callNumber, CallFlow flow, LiveKitRouting routing) {
}
