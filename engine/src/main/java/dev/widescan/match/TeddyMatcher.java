package dev.widescan.match;

/**
 * Teddy over UTF-16: a SIMD prefilter that proposes (position, buckets) candidates, then exact
 * verification. For small literal sets (up to a few dozen) it touches each input unit with a handful of
 * vector instructions instead of a table walk per unit.
 *
 * <p>How a block of L units (L = byte lanes: 32 on AVX2, 64 on AVX-512) is processed:
 * <ol>
 *   <li><b>Pack.</b> Two short-vector loads are narrowed to one byte vector with unsigned saturation
 *       ({@code UMIN 0xFF}, then {@code S2B}): ASCII stays, every unit above U+00FE becomes 0xFF. Byte
 *       Teddy on raw UTF-16 would spend half of every fingerprint on the 0x00 high bytes.</li>
 *   <li><b>Fingerprint.</b> Each literal has a window of F ≤ 4 consecutive units, chosen per literal at
 *       build time (not necessarily its first units; see {@link TeddyPlan}). For each window position k,
 *       the low and high nibble of each byte index a 16-entry table of 8 bucket bits; ANDing both gives
 *       the buckets whose literals may have that unit there (see {@link TeddyPlan} for how case folding
 *       and non-ASCII are entered); with AVX-512 VBMI one 128-entry table indexed by the 7-bit unit can
 *       replace both. Position k's result is shifted k lanes right with the previous block carried
 *       ({@code slice}), so lane i holds the buckets whose window ends at unit i ({@link TeddyTemplate}: the
 *       loop and step written once, instantiated per width).</li>
 *   <li><b>Verify.</b> Non-zero lanes are walked through the mask's bits. The 4 units from the window's
 *       start {@code w = i - F + 1} are loaded once as a 64-bit word; each literal of a flagged bucket is
 *       pre-checked against it with one OR/AND/compare, and the survivors compared exactly (fold, case,
 *       kind, value bounds) from start {@code w - windowOffset}. The value cursor follows {@code w}, which
 *       only moves forward (literal starts do not, windows differ per literal), so hits come out in value
 *       order.</li>
 * </ol>
 *
 * <p>Edges: the scan starts at the range's first unit rounded down to 32 units (64-byte aligned loads)
 * and loads whole vectors while they fit in the segment; the last block is read from a zero-padded copy
 * of its units (not masked loads: see TeddyTemplate), because the
 * column is padded to 64 bytes, not to a 512-bit Teddy block of 128 bytes. Candidates outside the range
 * or crossing a value's end are dropped by verification.
 *
 * <p>The measurements behind these choices (lookup forms, widths, fingerprint length, unrolling, what
 * lost) are logged in bench/RESULTS.md ("Teddy: measurement log").
 */
public final class TeddyMatcher implements Matcher {
    public static final String NAME = "teddy";

    private final FoldedLiterals folded;
    private final TeddyKernel kernel;

    /** At the width and lookup {@link Simd} chose for this machine (preferred width; 7-bit table where VBMI is present). */
    public TeddyMatcher(LiteralSet literals) {
        this(literals, Simd.current().teddyBits(), Simd.current().teddySevenBit());
    }

    /**
     * With an explicit vector width: 128, 256 or 512 bits, nibble lookups. Tests cover every width on any
     * machine (a width the CPU lacks runs in software: slow but exact); the benchmarks compare them.
     */
    public TeddyMatcher(LiteralSet literals, int vectorBits) {
        this(literals, vectorBits, false);
    }

    /** With an explicit width and lookup: {@code sevenBit} (512 bits only) uses the 128-entry table. */
    public TeddyMatcher(LiteralSet literals, int vectorBits, boolean sevenBit) {
        this(literals, vectorBits, sevenBit, null);
    }

    /** With each literal's fingerprint window forced to start at {@code windowOffsets[id]} (tests); null chooses. */
    TeddyMatcher(LiteralSet literals, int vectorBits, boolean sevenBit, int[] windowOffsets) {
        this(literals, vectorBits, sevenBit, windowOffsets, true);
    }

    /** {@code modelled} false: the plan without the command-line model (see {@link TeddyPlan}; the kernel warm-up's). */
    TeddyMatcher(LiteralSet literals, int vectorBits, boolean sevenBit, int[] windowOffsets, boolean modelled) {
        folded = new FoldedLiterals(literals);
        kernel = TeddyKernels.create(folded, new TeddyPlan(folded, windowOffsets, modelled), vectorBits, sevenBit);
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set;
    }

    @Override
    public String vectorKernel() {
        return kernel.describe();
    }

    @Override
    public Searcher newSearcher() {
        return new TeddyKernel.TeddySearcher(kernel);
    }
}
