package org.sipladder.capture;

/** How a SIP message travelled on the wire, as the capture shows it. */
public enum Transport {
    UDP, TCP, TLS, WS, WSS, SCTP, HEP
}
