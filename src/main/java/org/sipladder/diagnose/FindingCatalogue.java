package org.sipladder.diagnose;

import java.util.List;

/** Every finding rule the analyzer knows, in the order their findings are listed. */
public final class FindingCatalogue {

    private FindingCatalogue() {
    }

    public static List<FindingRule> all() {
        return List.of(
                new ScannerProbeCheck(), new TrunkConflictCheck(), new DefaultTrunkConflictCheck(), new CalledNumberMismatchCheck(),
                new SourceNotAllowedCheck(), new CallerNotAllowedCheck(), new NoTrunkMatchCheck(),
                new AuthChallengeUnansweredCheck(), new AuthFailedCheck(), new RuleUnknownTrunkCheck(),
                new RuleNoAgentCheck(), new PinPromptCheck(), new SrtpRequiredCheck(), new RuleConflictCheck(), new RuleNoKindCheck(), new NoRuleMatchCheck(),
                new InboundNumbersLooksLikeDidCheck(), new SilentDropCheck(), new NoFinalResponseCheck(), new PrackMissingCheck(), new PrivateAddressCheck(),
                new NoCommonCodecCheck(), new LiveKitResponseCheck(), new B2buaFailureRelayedCheck(),
                new CallRejectedCheck(), new RegisterRejectedCheck(), new RequestRejectedCheck(), new OutboundAuthCheck(),
                new OutboundRejectedCheck(), new OutboundNoResponseCheck(), new ParticipantRequestCheck(), new ConnectionRefusedCheck(), new ConnectionUnansweredCheck(), new TlsHandshakeFailedCheck(), new LateOfferCheck(),
                new TransferFailedCheck(), new DialogNotFoundCheck(), new LiveKitReinviteNewCallCheck(), new UnmatchedResponseCheck(), new AckMissingCheck(), new SessionTimerExpiredCheck(), new MaxCallDurationCheck(),
                new ReinviteGlareCheck(), new SessionChangeRefusedCheck(), new InDialogNoResponseCheck(), new RetryRecoveredCheck(), new MediaTimeoutHangupCheck(), new MediaNoRtpCheck(),
                new MediaOneWayCheck(), new MediaStoppedCheck(), new MediaDeadAirCheck(), new MediaLateStartCheck(), new MediaRefusedCheck(), new MediaAddressMismatchCheck(), new MediaEncryptionMismatchCheck(), new MediaCodecMismatchCheck(),
                new MediaHoldMismatchCheck(), new MediaLossCheck(), new MediaJitterCheck(),
                new MediaReportedLossCheck(), new MediaReportedJitterCheck(), new MediaRoundTripCheck(),
                new MediaDtmfMarkerCheck(), new MediaDtmfTimestampCheck(), new DtmfInfoCheck(), new DtmfNotNegotiatedCheck(), new MalformedMessageCheck());
    }
}
