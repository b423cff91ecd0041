package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per line of section 5 of the routing notes: the responses LiveKit sends, checked literally, and a
 * capture showing them compared as consistent; then captures that must not be.
 */
class ResponseComparisonTest {

    static Stream<Arguments> sectionFiveRows() {
        return Stream.of(
                row(LiveKitResponses.TRUNK_ERROR, "100 Processing|503 Try again later",
                        "100 Processing|503 Try again later"),
                row(LiveKitResponses.NO_TRUNK_CLOUD, "100 Processing|404 No trunk found",
                        "100 Processing|404 No trunk found"),
                row(LiveKitResponses.QUOTA_EXCEEDED, "100 Processing|503 Service temporarily unavailable",
                        "100 Processing|503 Service temporarily unavailable"),
                row(LiveKitResponses.AUTH_CHALLENGE, "100 Processing|407 Unauthorized",
                        "100 Processing|407 Unauthorized"),
                row(LiveKitResponses.DISPATCH_ERROR, "100 Processing|180 Ringing...|503 Try again later",
                        "100 Processing|180 Ringing|180 Ringing|503 Try again later"),
                row(LiveKitResponses.NO_DISPATCH_RULE, "100 Processing|180 Ringing...|(no final response)",
                        "100 Processing|180 Ringing|180 Ringing|180 Ringing"),
                row(LiveKitResponses.MEDIA_REJECTED, "100 Processing|180 Ringing...|400",
                        "100 Processing|180 Ringing|400 "),
                row(LiveKitResponses.SERVER_ERROR, "100 Processing|180 Ringing...|500", "100 Processing|500 "),
                row(LiveKitResponses.NO_AGENT_TIMEOUT, "100 Processing|180 Ringing...|486 Rejected",
                        "180 Ringing|180 Ringing|486 Rejected"),
                row(LiveKitResponses.CALLER_CANCELLED, "100 Processing|180 Ringing...|487 Request Terminated",
                        "100 Processing|180 Ringing|487 Request Terminated"),
                row(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing...|200 OK",
                        "100 Processing|180 Ringing|200 OK"),
                row(LiveKitResponses.MALFORMED_INVITE, "400 Bad request", "400 Bad request"),
                row(LiveKitResponses.METHOD_NOT_ALLOWED, "405", "405 Method Not Allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionFiveRows")
    void eachRowMatchesItsCapture(LiveKitResponses row, List<String> expected, List<StatusLine> capture) {
        assertEquals(expected, row.responses());
        assertEquals(Consistency.CONSISTENT, ResponseComparison.compare(row.responses(), capture),
                ResponseComparison.explain(row.responses(), capture).explanation());
    }

    @Test
    void aRejectForNoRuleAgreesWithTheDropPredictionButNoOtherFinalResponseDoes() {
        List<String> drop = LiveKitResponses.NO_DISPATCH_RULE.responses();
        assertEquals(Consistency.CONSISTENT, ResponseComparison.compare(drop,
                lines("100 Processing|180 Ringing|404 Does not match Trunks or Dispatch Rules")));
        assertEquals(Consistency.INCONSISTENT, ResponseComparison.compare(drop, lines("100 Processing|404 No trunk found")));
        assertEquals(Consistency.INCONSISTENT, ResponseComparison.compare(drop, lines("100 Processing|180 Ringing|486 Rejected")));
    }

    /**
     * Section 5's answers that no trunk or dispatch rule decides, each against the predictions it can follow: after
     * the dispatch accepted the call (media, server error, no agent's job taken, the caller's CANCEL), or before any
     * trunk or rule is used (quota, malformed INVITE).
     */
    static Stream<Arguments> answersTheConfigDoesNotDecide() {
        return Stream.of(
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|400 ", "refused the offer's media"),
                Arguments.of(LiveKitResponses.NO_AGENT_TIMEOUT, "100 Processing|180 Ringing|400 ",
                        "refused the offer's media"),
                Arguments.of(LiveKitResponses.PIN_PROMPT, "100 Processing|180 Ringing|400 ", "refused the offer's media"),
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|500 ", "failed to set up the call's media"),
                Arguments.of(LiveKitResponses.NO_AGENT_TIMEOUT, "100 Processing|180 Ringing|500 ",
                        "failed to set up the call's media"),
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|486 Rejected",
                        "no running worker took the agent's job"),
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|487 Request Terminated",
                        "the caller then cancelled"),
                Arguments.of(LiveKitResponses.NO_AGENT_TIMEOUT, "100 Processing|180 Ringing|487 Request Terminated",
                        "the caller then cancelled"),
                Arguments.of(LiveKitResponses.NO_DISPATCH_RULE, "100 Processing|503 Service temporarily unavailable",
                        "the project's SIP quota"),
                Arguments.of(LiveKitResponses.AUTH_CHALLENGE, "100 Processing|503 Service temporarily unavailable",
                        "the project's SIP quota"),
                Arguments.of(LiveKitResponses.SUCCESS, "400 Bad request", "refused the INVITE's headers"));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("answersTheConfigDoesNotDecide")
    void anAnswerTheConfigDoesNotDecideIsNotAContradiction(LiveKitResponses row, String capture, String meaning) {
        ResponseComparison.Verdict v = ResponseComparison.explain(row.responses(), lines(capture));
        assertEquals(Consistency.OUTSIDE_CONFIG, v.consistency(), v.explanation());
        assertTrue(v.explanation().contains(meaning), v.explanation());
        assertEquals(row != LiveKitResponses.AUTH_CHALLENGE && row != LiveKitResponses.NO_DISPATCH_RULE
                        && !capture.equals("400 Bad request"),
                v.explanation().startsWith("the config lets the call through to the dispatch rule; "), v.explanation());
    }

    /**
     * The same answers where the config decides otherwise before the point they come from stay contradictions, while
     * after a prediction that gets that far they are not.
     */
    static Stream<Arguments> answersTheConfigRulesOut() {
        return Stream.of(
                Arguments.of(LiveKitResponses.NO_DISPATCH_RULE, "100 Processing|180 Ringing|400 ", LiveKitResponses.SUCCESS),
                Arguments.of(LiveKitResponses.DISPATCH_ERROR, "100 Processing|180 Ringing|500 ",
                        LiveKitResponses.NO_AGENT_TIMEOUT),
                Arguments.of(LiveKitResponses.TRUNK_ERROR, "100 Processing|400 ", LiveKitResponses.SUCCESS),
                Arguments.of(LiveKitResponses.AUTH_CHALLENGE, "100 Processing|180 Ringing|487 Request Terminated",
                        LiveKitResponses.SUCCESS),
                Arguments.of(LiveKitResponses.NO_DISPATCH_RULE, "100 Processing|180 Ringing|486 Rejected",
                        LiveKitResponses.SUCCESS),
                Arguments.of(LiveKitResponses.NO_AGENT_TIMEOUT, "100 Processing|180 Ringing|500 Server Internal Error",
                        null),
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|404 No trunk found", null),
                Arguments.of(LiveKitResponses.SUCCESS, "100 Processing|180 Ringing|503 Try again later", null));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("answersTheConfigRulesOut")
    void anAnswerAfterAPointTheConfigDecidedOtherwiseIsAContradiction(LiveKitResponses row, String capture,
                                                                      LiveKitResponses getsThatFar) {
        assertEquals(Consistency.INCONSISTENT, ResponseComparison.compare(row.responses(), lines(capture)));
        assertEquals(getsThatFar == null ? Consistency.INCONSISTENT : Consistency.OUTSIDE_CONFIG,
                ResponseComparison.compare((getsThatFar == null ? row : getsThatFar).responses(), lines(capture)));
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("ringing before a trunk error", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing|180 Ringing|503 Try again later"), Consistency.INCONSISTENT),
                Arguments.of("another final response", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing|486 Rejected"), Consistency.INCONSISTENT),
                Arguments.of("quota 503 is not the trunk 503, nor decided by the config", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing|503 Service temporarily unavailable"), Consistency.OUTSIDE_CONFIG),
                // a provisional's reason phrase is informative (RFC 3261 21.1) and no trunk or rule decides it: a 100
                // from a proxy in front of LiveKit, or another version's wording, is no sign the config changed
                Arguments.of("100 Trying where LiveKit says Processing", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Trying|503 Try again later"), Consistency.CONSISTENT),
                Arguments.of("180 with another phrase", LiveKitResponses.SUCCESS,
                        lines("100 Processing|180 Ringing - please wait|200 OK"), Consistency.CONSISTENT),
                Arguments.of("a provisional LiveKit does not send in this case", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Trying|183 Session Progress|503 Try again later"), Consistency.INCONSISTENT),
                Arguments.of("the final's phrase still decides", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing|503 Service Unavailable"), Consistency.INCONSISTENT),
                Arguments.of("a final response where none is sent", LiveKitResponses.NO_DISPATCH_RULE,
                        lines("100 Processing|180 Ringing|200 OK"), Consistency.INCONSISTENT),
                Arguments.of("100 before a malformed-INVITE 400", LiveKitResponses.MALFORMED_INVITE,
                        lines("100 Processing|400 Bad request"), Consistency.INCONSISTENT),
                Arguments.of("capture ends before the final", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing"), Consistency.UNKNOWN),
                Arguments.of("nothing captured", LiveKitResponses.SUCCESS, List.of(), Consistency.UNKNOWN),
                Arguments.of("100 missing from the capture is fine", LiveKitResponses.TRUNK_ERROR,
                        lines("503 Try again later"), Consistency.CONSISTENT),
                Arguments.of("retransmitted final", LiveKitResponses.TRUNK_ERROR,
                        lines("100 Processing|503 Try again later|503 Try again later"), Consistency.CONSISTENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void mismatchesAreCaught(String name, LiveKitResponses row, List<StatusLine> capture, Consistency expected) {
        assertEquals(expected, ResponseComparison.compare(row.responses(), capture));
    }

    private static Arguments row(LiveKitResponses row, String expected, String capture) {
        return Arguments.of(row, Arrays.asList(expected.split("\\|")), lines(capture));
    }

    private static List<StatusLine> lines(String text) {
        return Arrays.stream(text.split("\\|")).map(l -> {
            int space = l.indexOf(' ');
            return space < 0 ? new StatusLine(Integer.parseInt(l), "")
                    : new StatusLine(Integer.parseInt(l.substring(0, space)), l.substring(space + 1));
        }).toList();
    }

    @Test
    void aMediaRefusalThePredictionDidNotExpectIsAnSdpErrorNotTheConfigsCodecsOrEncryption() {
        // the simulation judged the offer's codecs and encryption with the call's media config: only an SDP error
        // (which no trunk or rule decides) is left for a 400 with an empty reason after a predicted answer
        ResponseComparison.Verdict v = ResponseComparison.explain(LiveKitResponses.SUCCESS.responses(),
                lines("100 Processing|180 Ringing|400 "));
        assertEquals(Consistency.OUTSIDE_CONFIG, v.consistency(), v.explanation());
        assertTrue(v.explanation().contains("the call's codecs and encryption take the offer as far as the capture "
                + "shows it: an SDP error LiveKit found in it, which no trunk or rule decides"), v.explanation());
    }
}
