package org.sipladder.ladder;

import org.sipladder.sip.SipMessage;

/** What an arrow carries: a request or a response of a status class. */
public enum ArrowKind {
    REQUEST, PROVISIONAL, SUCCESS, REDIRECT, CLIENT_ERROR, SERVER_ERROR;

    public static ArrowKind of(SipMessage message) {
        if (message.isRequest()) {
            return REQUEST;
        }
        int status = message.status();
        if (status < 200) {
            return PROVISIONAL;
        }
        if (status < 300) {
            return SUCCESS;
        }
        if (status < 400) {
            return REDIRECT;
        }
        return status < 500 ? CLIENT_ERROR : SERVER_ERROR;
    }

    public boolean isFinalResponse() {
        return this == SUCCESS || this == REDIRECT || this == CLIENT_ERROR || this == SERVER_ERROR;
    }

    /** True for 4xx, 5xx and 6xx responses, which the ladder highlights. */
    public boolean isError() {
        return this == CLIENT_ERROR || this == SERVER_ERROR;
    }
}
