package org.sipladder.livekit;

/** Whether what a capture shows agrees with what the configuration predicts. */
public enum Consistency {
    CONSISTENT,
    INCONSISTENT,
    /**
     * LiveKit's final answer is one the trunk and dispatch config does not decide (the offer's media, a server error,
     * no agent taking the job, the caller's CANCEL, the project's quota, a malformed INVITE): it neither confirms nor
     * contradicts the prediction up to the point the config decides.
     */
    OUTSIDE_CONFIG,
    UNKNOWN
}
