package io.tributary.record;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JSON strings written from bytes parse back (with Jackson) to exactly the text they came from. */
class JsonWriterTest {
    private static final String ALPHABET = "abcXYZ019 _-./:\"\\\n\r\t\u0000\u0001\u001f\u007fé€😀{}[],";

    @Test
    void randomTextRoundTripsThroughJson() {
        SplittableRandom random = new SplittableRandom(11);
        int[] cps = ALPHABET.codePoints().toArray();
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(0, 80);
            for (int i = 0; i < n; i++) {
                // long plain runs exercise the 8-byte scan, specials the slow path
                if (random.nextInt(4) == 0) sb.appendCodePoint(cps[random.nextInt(cps.length)]);
                else sb.append((char) ('a' + random.nextInt(26)));
            }
            String text = sb.toString();
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            JsonWriter w = new JsonWriter(4);
            w.string(utf8, 0, utf8.length);
            assertEquals(text, JsonValues.parse(w.toString()), "round " + round + ": " + w);
            // From a String, as keys are written: the same JSON, whether or not the short plain-ASCII path took it.
            assertEquals(w.toString(), new JsonWriter(4).string(text).toString(), "round " + round);
        }
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] bad = {'o', 'k', (byte) 0xc3, '(', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xff};
        JsonWriter w = new JsonWriter();
        w.string(bad, 0, bad.length);
        assertEquals("ok\uFFFD(\uFFFD\uFFFD\uFFFDabcdefgh\uFFFD", JsonValues.parse(w.toString()));
    }

    @Test
    void integersAsJavaPrintsThem() {
        long[] values = {0, 7, 9, 10, 99, 100, 12345, -1, -10, -987654321, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_000_000_000_000L};
        for (long v : values) {
            org.junit.jupiter.api.Assertions.assertEquals(Long.toString(v), new JsonWriter(16).number(v).toString());
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            org.junit.jupiter.api.Assertions.assertEquals(Long.toString(v), new JsonWriter(16).number(v).toString());
        }
    }
}
