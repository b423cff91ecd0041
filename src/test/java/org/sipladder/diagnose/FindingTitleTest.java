package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Formattable;
import java.util.Formatter;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Titles are filled in exactly as {@code String.format(Locale.ROOT, ...)} fills them, or fail as it fails. */
class FindingTitleTest {

    private static final Object[] VALUES = {"ST_abc", "4991874350352", "", null, "100%", "%s", "é€", 503, 2.5,
        new Formattable() {
            @Override
            public void formatTo(Formatter formatter, int flags, int width, int precision) {
                formatter.format("formatted");
            }

            @Override
            public String toString() {
                return "plain";
            }
        }};
    private static final String[] PIECES = {"%s", "%s", "%s", "%%", "%", "%d", "%1$s", "%-4s", "%S", " ", "text",
        ": ", "%n"};

    @Test
    void everyCodesTemplatesFillAsFormatFillsThem() {
        Random random = new Random(18);
        for (FindingCode code : FindingCode.values()) {
            for (int round = 0; round < 200; round++) {
                Object[] values = values(random);
                assertSame(() -> String.format(Locale.ROOT, code.titleTemplate(), values), () -> code.title(values));
                assertSame(() -> String.format(Locale.ROOT, code.configTitleTemplate(), values), () -> code.configTitle(values));
            }
        }
    }

    @Test
    void randomTemplatesFillAsFormatFillsThemOrFailAlike() {
        Random random = new Random(1803);
        for (int round = 0; round < 50_000; round++) {
            StringBuilder template = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                template.append(PIECES[random.nextInt(PIECES.length)]);
            }
            Object[] values = values(random);
            String t = template.toString();
            assertSame(() -> String.format(Locale.ROOT, t, values), () -> FindingCode.fill(t, values));
        }
    }

    private static Object[] values(Random random) {
        Object[] values = new Object[random.nextInt(5)];
        for (int i = 0; i < values.length; i++) {
            values[i] = VALUES[random.nextInt(VALUES.length)];
        }
        return values;
    }

    /** Both give the same text, or both throw the same kind of exception. */
    private static void assertSame(Supplier<String> expected, Supplier<String> actual) {
        String e;
        try {
            e = expected.get();
        } catch (RuntimeException thrown) {
            try {
                String a = actual.get();
                throw new AssertionError("expected " + thrown + " but got " + a);
            } catch (RuntimeException also) {
                assertEquals(thrown.getClass(), also.getClass());
                return;
            }
        }
        assertEquals(e, actual.get());
    }
}
