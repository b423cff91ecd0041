package org.sipladder.livekit;

/** Whether what a capture shows agrees with what the configuration predicts. */
public enum Consistency {
    CONSISTENT,
    INCONSISTENT,
    UNKNOWN
}
