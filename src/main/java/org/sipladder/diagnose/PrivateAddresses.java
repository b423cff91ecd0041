package org.sipladder.diagnose;

import org.sipladder.livekit.TrunkAdmission;

/** Which addresses a public peer cannot reach: private, CGNAT, loopback and link-local IP literals. */
final class PrivateAddresses {

    private PrivateAddresses() {
    }

    static boolean isPrivate(String address) {
        return address != null && TrunkAdmission.isPrivateAddress(address);
    }

    /** A public IP literal (host names are neither). */
    static boolean isPublic(String address) {
        return address != null && TrunkAdmission.isIpLiteral(address) && !isPrivate(address);
    }
}
