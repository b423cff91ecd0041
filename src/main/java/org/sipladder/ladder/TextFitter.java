package org.sipladder.ladder;

import java.util.HashMap;
import java.util.Map;

/** Measures texts once each (labels repeat a lot) and shortens the too-long ones with an ellipsis. */
final class TextFitter {

    static final String ELLIPSIS = "\u2026";

    private final TextMeasure measure;
    private final Map<String, Double> sans = new HashMap<>();
    private final Map<String, Double> mono = new HashMap<>();
    private final double fontSize;

    TextFitter(TextMeasure measure, double fontSize) {
        this.measure = measure;
        this.fontSize = fontSize;
    }

    double width(String text, double size, boolean monospaced) {
        if (size != fontSize) {
            return measure.width(text, size, monospaced);
        }
        Map<String, Double> cache = monospaced ? mono : sans;
        return cache.computeIfAbsent(text, t -> measure.width(t, size, monospaced));
    }

    /**
     * The text itself when it fits in maxWidth, else its longest run of whole parts (the text split at
     * {@code separator}) that fits followed by the separator and an ellipsis, so no value shows cut short;
     * a first part too long alone is cut as {@link #fit} cuts.
     */
    String fitWholeParts(String text, String separator, double size, boolean monospaced, double maxWidth) {
        if (width(text, size, monospaced) <= maxWidth) {
            return text;
        }
        for (int end = text.lastIndexOf(separator); end > 0; end = text.lastIndexOf(separator, end - 1)) {
            String shown = text.substring(0, end) + separator + ELLIPSIS;
            if (measure.width(shown, size, monospaced) <= maxWidth) {
                return shown;
            }
        }
        return fit(text, size, monospaced, maxWidth);
    }

    /** The text itself when it fits in maxWidth, else its longest prefix that fits with an ellipsis. */
    String fit(String text, double size, boolean monospaced, double maxWidth) {
        if (width(text, size, monospaced) <= maxWidth) {
            return text;
        }
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (measure.width(text.substring(0, mid) + ELLIPSIS, size, monospaced) <= maxWidth) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, low).stripTrailing() + ELLIPSIS;
    }
}
