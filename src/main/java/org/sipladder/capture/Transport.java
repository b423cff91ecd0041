package org.sipladder.capture;

/**
 * How a SIP message travelled on the wire, as the capture shows it. {@link #ICMP} is a UDP message that an ICMP
 * destination-unreachable error quoted back to its sender (its start only, as the error quotes it): a copy of a
 * message that was not delivered, which Wireshark lists as SIP too; it is listed, and is part of no call.
 */
public enum Transport {
    UDP, TCP, TLS, WS, WSS, SCTP, HEP, ICMP
}
