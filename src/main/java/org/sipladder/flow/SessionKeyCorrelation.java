package org.sipladder.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.sip.SessionKeyHeader;
import org.sipladder.sip.SipMessage;

/**
 * Joins legs whose dialog-opening INVITEs carry the same session key ({@link SessionKeyHeader}: RFC 7989 Session-ID,
 * the IMS icid-value), whichever is seen first and however long after the other. A key carried by two INVITEs sent
 * along one path (the same sender to the same receiver) does not tell calls apart (a test tool sending a fixed
 * value): it joins nothing from then on. Only INVITEs that carry a key are looked at and remembered.
 */
final class SessionKeyCorrelation {

    /** The first leg opened with each key, per header in table order; a key shared along one path maps to null. */
    private final List<Map<String, LegState>> firstByKey = SessionKeyHeader.ALL.stream()
            .<Map<String, LegState>>map(h -> new HashMap<>()).toList();

    /** Why two legs were joined, made into text when read. */
    private record Join(SessionKeyHeader header, String key, long frame, String callId, long firstFrame,
                        String firstCallId) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + frame + " (Call-ID " + callId + ") carries the same " + header.header()
                    + " key " + key + " as the INVITE in frame " + firstFrame + " (Call-ID " + firstCallId + "): "
                    + header.meaning() + ", which every leg of one call keeps.";
        }
    }

    /** Called once per leg, with the leg's first dialog-opening INVITE. */
    void onInitialInvite(LegState leg, SipMessage invite, FlowGroups groups) {
        if (!invite.hasOtherKeptHeaders()) {
            return; // nearly every INVITE: no session key is kept without other kept headers
        }
        for (int i = 0; i < SessionKeyHeader.ALL.size(); i++) {
            SessionKeyHeader header = SessionKeyHeader.ALL.get(i);
            String key = header.keyOf(invite);
            if (key != null) {
                onKey(firstByKey.get(i), header, key, leg, invite, groups);
            }
        }
    }

    private static void onKey(Map<String, LegState> byKey, SessionKeyHeader header, String key, LegState leg,
                              SipMessage invite, FlowGroups groups) {
        LegState first = byKey.get(key);
        if (first == null) {
            if (!byKey.containsKey(key)) {
                byKey.put(key, leg);
            }
            return;
        }
        if (first.group == leg.group) {
            return;
        }
        if (alongSamePath(first.group.legs(), invite)) {
            byKey.put(key, null);
            return;
        }
        SipMessage firstInvite = first.store().get(first.initialInvite);
        groups.join(first, leg, new Join(header, key, invite.frame(), invite.callId(), firstInvite.frame(),
                first.callId()));
    }

    /** True when one of {@code legs} was opened by an INVITE from {@code invite}'s sender to its receiver. */
    private static boolean alongSamePath(List<LegState> legs, SipMessage invite) {
        for (LegState other : legs) {
            if (other.initialInvite >= 0) {
                SipMessage opened = other.store().get(other.initialInvite);
                if (opened.src().address().equals(invite.src().address())
                        && opened.dst().address().equals(invite.dst().address())) {
                    return true;
                }
            }
        }
        return false;
    }
}
