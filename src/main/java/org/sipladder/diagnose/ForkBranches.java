package org.sipladder.diagnose;

import java.util.List;

/**
 * The INVITEs of a call a forking proxy sent to branches that did not decide it
 * ({@link NoFinalResponseCheck#offCallerPath}), and which findings are about them alone.
 */
final class ForkBranches {

    private static final ForkBranches NONE = new ForkBranches(new long[0], new long[0]);

    /** INVITE frames of the branches off the caller's path. */
    private final long[] offPath;
    /** INVITE frames of every other INVITE of the call. */
    private final long[] onPath;

    private ForkBranches(long[] offPath, long[] onPath) {
        this.offPath = offPath;
        this.onPath = onPath;
    }

    /** The fork branches among a call's INVITE transactions ({@link InviteTransaction#of}). */
    static ForkBranches of(List<InviteTransaction> invites) {
        if (invites.size() < 2) {
            // one INVITE cannot have forked
            return NONE;
        }
        int off = 0;
        boolean[] isOff = new boolean[invites.size()];
        for (int i = 0; i < invites.size(); i++) {
            isOff[i] = NoFinalResponseCheck.offCallerPath(invites.get(i), invites);
            off += isOff[i] ? 1 : 0;
        }
        if (off == 0) {
            return NONE;
        }
        long[] offPath = new long[off];
        long[] onPath = new long[invites.size() - off];
        int o = 0;
        int n = 0;
        for (int i = 0; i < invites.size(); i++) {
            if (isOff[i]) {
                offPath[o++] = invites.get(i).frame();
            } else {
                onPath[n++] = invites.get(i).frame();
            }
        }
        return new ForkBranches(offPath, onPath);
    }

    /**
     * True when {@code f} cites the INVITE of a branch off the caller's path and no other INVITE of the call: it is
     * about that branch alone (SIP_CALL_REJECTED about the caller's answer cites the caller's INVITE too).
     */
    boolean offPath(Finding f) {
        if (offPath.length == 0) {
            return false;
        }
        List<Long> frames = f.evidence().frames();
        return citesAny(frames, offPath) && !citesAny(frames, onPath);
    }

    private static boolean citesAny(List<Long> frames, long[] invites) {
        for (int i = 0; i < frames.size(); i++) {
            long frame = frames.get(i);
            for (long invite : invites) {
                if (frame == invite) {
                    return true;
                }
            }
        }
        return false;
    }
}
