package org.sipladder.flow;

import java.io.IOException;

/**
 * One clue to a hop's role found in a call's messages: the address it speaks of, the role it points to, its kind
 * (only the first clue of a kind per address and role counts), and what its sentence is made of, made into text
 * only when read.
 */
record HopClue(String address, Role role, String kind, Sentence sentence, long frame, String first, String second)
        implements SentenceList.Source {

    /** The sentences a clue can make: its parts, between which its one or two values go, before the frame. */
    enum Sentence {
        REQUEST_URI("It was sent ", " ", ", a LiveKit SIP domain"),
        TO("It was sent a ", " To ", ", a LiveKit SIP domain"),
        PROCESSING("It answered 100 Processing, as LiveKit SIP does"),
        SCL_TO_TAG("Its To tag ", " has LiveKit SIP's SCL_ prefix"),
        LIVEKIT_REASON("It answered ", ", as LiveKit SIP words it"),
        FAMILY_HEADER("It sent ", ", a header ", " adds"),
        FAMILY_CALL_ID("It sent an INVITE whose Call-ID starts with ", ", as ", "'s own Call-IDs do"),
        FAMILY_DOMAIN("It was sent INVITE ", ", a ", " domain"),
        SCL_FROM_TAG("It sent an INVITE whose From tag ", " is a LiveKit SIP call ID: LiveKit placed this call"),
        AGENT("It identifies itself as \"", "\""),
        SCAN_AGENT("It identifies itself as \"", "\": ", ""),
        SCAN_FROM("It sent a request From \"", "\", the display name ", ", writes"),
        FORWARDED("It passed an INVITE it received on under the same Call-ID ", " to ", ", as a SIP proxy does"),
        NEW_LEG("It received an INVITE and sent another leg's (Call-ID ", ") to ",
                ", as a back-to-back user agent does"),
        FORWARDED_REQUEST("It passed a ", " it received on under the same Call-ID to ", ", as a SIP proxy does"),
        NEW_LEG_REQUEST("It received a ", " and sent one of another leg to ", ", as a back-to-back user agent does"),
        OTHER_ADDRESS("It and ", " are one back-to-back user agent with two addresses: one received an INVITE "
                + "and passed none on, the other sent the INVITE of the joined leg ", ""),
        FIRST_INVITE("It sent the first INVITE of the call"),
        PHONE_FIRST_INVITE("A phone on a private address sent it the first INVITE of the call"),
        REGISTRAR("It answered a REGISTER with ", ", as a registrar does"),
        UNBRIDGED("It handled this call's ", " itself and sent no request of another leg: with one leg and nothing "
                + "bridged, it is a user agent here, not a B2BUA"),
        ANSWERED("It answered this call's ", " itself and passed no request on: it is the user agent here, not a "
                + "SIP proxy"),
        ORIGINATED("It sent this call's ", " itself and passed no request on: it is the user agent here, not a "
                + "SIP proxy"),
        FIRST_REQUEST("It sent the first request of this call without INVITE (", ") to ",
                ", an SBC or LiveKit side");

        private static final String FRAME = " (frame ";
        private static final String END = ").";

        private final String[] parts;

        Sentence(String... parts) {
            this.parts = parts;
        }
    }

    @Override
    public void pieces(Sentences.Pieces pieces) throws IOException {
        String[] parts = sentence.parts;
        pieces.constant(parts[0]);
        if (parts.length > 1) {
            pieces.value(first);
            pieces.constant(parts[1]);
        }
        if (parts.length > 2) {
            pieces.value(second);
            pieces.constant(parts[2]);
        }
        pieces.constant(Sentence.FRAME);
        pieces.number(frame);
        pieces.constant(Sentence.END);
    }
}
