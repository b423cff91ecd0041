package org.sipladder.diagnose;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/** LiveKit objects printed as the JSON `lk` reads, never with a trunk's password in it. */
final class ConfigJson {

    /**
     * What a step that replaces a trunk with {@link #trunkWithoutSecret}'s JSON says of it: the file replaces the whole
     * trunk, and the JSON lacks the password and the fields the SDK's protobuf does not know (auth_realm, newer
     * fields), which the replace would clear.
     */
    static final String REPLACED_TRUNK_NOTE = "save it as trunk.json; it holds no password and none of the fields this "
            + "tool does not read, such as authRealm: set --auth-pass again afterwards if the trunk uses authentication, "
            + "and copy such fields from lk sip inbound list --json into the file first";

    private ConfigJson() {
    }

    /** A dispatch rule as {@code lk sip dispatch update --id ID FILE} expects it (the rule replaces the old one). */
    static String rule(SIPDispatchRuleInfo rule) {
        return print(rule.toBuilder().clearSipDispatchRuleId());
    }

    /** A trunk without its id and without {@code authPassword}. */
    static String trunkWithoutSecret(SIPInboundTrunkInfo trunk) {
        return print(trunk.toBuilder().clearSipTrunkId().clearAuthPassword());
    }

    private static String print(MessageOrBuilder message) {
        try {
            return JsonFormat.printer().print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types make the printer fail, and these messages have none.
            throw new IllegalStateException(e);
        }
    }
}
