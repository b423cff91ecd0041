package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "normalize(''{0}'') = ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "4991874350352        | +4991874350352",
            "+4991874350352       | +4991874350352",
            "+49 (918) 743-50352  | +4991874350352",
            "004991874350352      | +004991874350352",
            "91874350352          | +91874350352",
            "1234*5               | 1234*5",
            "1234#                | 1234#",
            "alice                | alice",
            "+49;phone-context=x  | +49;phone-context=x",
            "'49\t123'            | '49\t123'",
            "''                   | ''",
            "+                    | +",
            "-                    | +",
            "+ 1                  | +1",
            "1+2                  | 1+2",
            "++1                  | ++1",
            "'١٢'       | '١٢'",
    })
    void normalizesLikeLiveKit(String input, String expected) {
        assertEquals(expected, PhoneNumbers.normalize(input));
    }

    @ParameterizedTest(name = "sameNumber(''{0}'', ''{1}'') = {2}")
    @CsvSource(delimiter = '|', value = {
            "4991874350352       | +4991874350352 | true",
            "+49 (918) 743-50352 | 4991874350352  | true",
            "91874350352         | +4991874350352 | false",
            "004991874350352     | +4991874350352 | false",
            "alice               | alice          | true",
            "Alice               | alice          | false",
            "*123                | 123            | false",
    })
    void comparesExactOrNormalized(String a, String b, boolean same) {
        assertEquals(same, PhoneNumbers.sameNumber(a, b));
        assertEquals(same, PhoneNumbers.sameNumber(b, a));
    }
}
