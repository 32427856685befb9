package dev.widescan.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Utf8Check} against the JDK's strict UTF-8 decoder, on edge cases and on seeded random bytes. */
class Utf8CheckTest {
    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void check(String hex, int firstInvalid) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertEquals(firstInvalid, Utf8Check.firstInvalid(b, 0, b.length), hex);
        assertEquals(firstInvalid < 0, jdkAccepts(b), "the JDK agrees on " + hex);
    }

    @Test
    void edgesOfTheWellFormedTable() {
        check("41", -1);
        check("c280", -1);
        check("c1bf", 0);          // overlong 2-byte
        check("c0af", 0);          // overlong '/'
        check("e0a080", -1);
        check("e09fbf", 0);        // overlong 3-byte
        check("ed9fbf", -1);
        check("eda080", 0);        // CESU-8 surrogate
        check("edbfbf", 0);
        check("f0908080", -1);
        check("f08fbfbf", 0);      // overlong 4-byte
        check("f48fbfbf", -1);
        check("f4908080", 0);      // above U+10FFFF
        check("f5808080", 0);
        check("80", 0);            // continuation first
        check("41e282", 1);        // truncated at the end
        check("4141414141414141414141414141414141414141414141414141414141414141e2", 32); // after the 32-byte ASCII step
        check("e282ac41", -1);
    }

    @Test
    void randomBytesAgreeWithTheJdk() {
        long seed = 20261129L;
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] interesting = {(byte) 0x41, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed,
            (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xa0, (byte) 0x9f, (byte) 0x90, (byte) 0x8f};
        for (int c = 0; c < 200_000; c++) {
            byte[] b = new byte[rnd.nextInt(1, 48)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(3) == 0 ? (byte) 'a' : interesting[rnd.nextInt(interesting.length)];
            }
            int invalid = Utf8Check.firstInvalid(b, 0, b.length);
            assertEquals(jdkAccepts(b), invalid < 0, "seed " + seed + " case " + c + ": " + HexFormat.of().formatHex(b));
        }
    }
}
