package org.sipladder.sip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns message bytes into text: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 so that no byte is lost. */
final class MessageText {

    private MessageText() {
    }

    static String decode(byte[] data, int offset, int length) {
        String text = utf8(data, offset, length);
        return text != null ? text : new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String utf8(byte[] data, int offset, int length) {
        if (isAscii(data, offset, length)) {
            return new String(data, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
