package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Simd}: the override's forms, and what {@code auto} picks with and without vector kernels. */
class SimdTest {
    private static final Simd AVX512_VBMI = new Simd(true, true, 512, true, "test");
    private static final LiteralSet SEED_LIKE = new LiteralSet(List.of(
            new Literal("VirtualAlloc", LiteralKind.CONTAINS, false),
            new Literal("WriteProcessMemory", LiteralKind.CONTAINS, false),
            new Literal("\\cmd.exe", LiteralKind.ENDS_WITH, false)));

    @Test
    void overrideNarrowsWidthAndVbmi() {
        assertSame(AVX512_VBMI, Simd.parse(null, AVX512_VBMI));
        assertSame(AVX512_VBMI, Simd.parse(" auto ", AVX512_VBMI));
        Simd s256 = Simd.parse("256", AVX512_VBMI);
        assertEquals(256, s256.teddyBits());
        assertFalse(s256.teddySevenBit(), "the 7-bit table needs 512-bit vectors");
        assertTrue(s256.vectorKernels());
        Simd noVbmi = Simd.parse("512,novbmi", AVX512_VBMI);
        assertEquals(512, noVbmi.teddyBits());
        assertFalse(noVbmi.teddySevenBit());
        assertEquals(Simd.SEVEN_BIT_WINS, Simd.parse("512", AVX512_VBMI).teddySevenBit());
        Simd none = Simd.parse("none", AVX512_VBMI);
        assertFalse(none.vectorKernels());
        assertTrue(none.explain().contains("-Dwidescan.simd=none"), none.explain());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Simd.parse("1024", AVX512_VBMI));
        assertTrue(bad.getMessage().contains("-Dwidescan.simd=1024") && bad.getMessage().contains("none, 128, 256 or 512"),
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simd.parse("512,avx", AVX512_VBMI));
    }

    @Test
    void autoNeverPicksAVectorKernelThatWouldRunEmulated() {
        assertEquals("teddy+anchored", MatcherFactory.pick(SEED_LIKE, AVX512_VBMI));
        Simd interpreted = new Simd(true, false, 512, true, "test");
        assertEquals("aho-corasick", MatcherFactory.pick(SEED_LIKE, interpreted));
        assertTrue(interpreted.explain().contains("no C2"), interpreted.explain());
        Simd noModule = new Simd(false, true, 0, false, "test");
        assertEquals("aho-corasick", MatcherFactory.pick(SEED_LIKE, noModule));
        assertTrue(noModule.explain().contains("jdk.incubator.vector"), noModule.explain());
        assertEquals("aho-corasick", MatcherFactory.pick(SEED_LIKE, Simd.parse("none", AVX512_VBMI)));
    }

    @Test
    void explainNamesTheKernel() {
        assertTrue(AVX512_VBMI.explain().contains("512-bit"), AVX512_VBMI.explain());
        assertTrue(MatcherFactory.explain(SEED_LIKE).contains("simd ("), MatcherFactory.explain(SEED_LIKE));
    }
}
