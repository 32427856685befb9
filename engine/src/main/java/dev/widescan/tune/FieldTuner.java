package dev.widescan.tune;

import dev.widescan.match.HitSink;
import dev.widescan.match.Literal;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import dev.widescan.sigma.FieldLiterals;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times every candidate strategy of one field slot on the sample, and checks that they all report the
 * same hits.
 *
 * <p>Why this procedure, per strategy, within its share of the time budget:
 * <ol>
 *   <li><b>Cold round = first check</b>: the first sample piece, hits collected and compared with the first
 *       strategy that scanned that piece ({@code auto}'s choice, timed first). A difference is an engine
 *       bug: {@link SelfTestFailure} names field, file, block, value and literal. A strategy hopeless for
 *       this literal set has then spent one piece (32 KiB), not the budget.</li>
 *   <li><b>Warm-up</b>: small rounds (a prefix of the sample sized from the cold round to ~1/{@value
 *       #WARMUP_ROUNDS_TARGET} of the share: many calls soon) until the code is compiled, i.e. until three
 *       successive rounds agree within {@value #STABLE} and the JIT compiled nothing during the last one
 *       ({@link JitActivity}: slow rounds also agree while C2 is still busy on the kernel), after at least
 *       {@value #MIN_WARMUP_ROUNDS} rounds and {@value #MIN_WARMUP_SHARE} of the share (C2 compiles the
 *       Vector API kernels late; before that they run boxed, ~100× slower); at most {@value
 *       #MAX_WARMUP_SHARE} of the share, else the figure is flagged not warmed up.</li>
 *   <li><b>Check pass</b> (at most a quarter of the time left): the other pieces once each, compared as
 *       above.</li>
 *   <li><b>Rounds</b>: the rest of the share, sized for ~{@value #ROUNDS_TARGET} rounds; they grow towards
 *       the whole sample when quicker than estimated (smaller rounds dropped), a small sample is repeated
 *       within a round until it lasts {@value #MIN_ROUND_NANOS} ns; none when the share is spent (the last
 *       warm-up round stands): median and spread.</li>
 * </ol>
 * A strategy too slow to scan the whole sample in its share is timed on a prefix of the (block-shuffled,
 * so still spread) pieces, and says how many bytes.
 */
final class FieldTuner {
    static final double STABLE = 0.05;
    static final double MIN_WARMUP_SHARE = 0.15;
    static final double MAX_WARMUP_SHARE = 0.5;
    static final int MIN_WARMUP_ROUNDS = 5;
    static final int WARMUP_ROUNDS_TARGET = 40;
    static final int MAX_ROUNDS = 200;
    static final int ROUNDS_TARGET = 10;
    /** A timed round shorter than this repeats the (small) sample: scheduler and timer noise stay below ~1%. */
    static final long MIN_ROUND_NANOS = 2_000_000;

    private final int slot;
    private final FieldLiterals fieldLiterals;
    private final List<Sample.Piece> pieces;
    private final long[][] reference;
    private final String[] referenceLabel;
    private final HitList hits = new HitList();
    private final CountingSink counter = new CountingSink();
    private final LongSupplier clock;

    /** {@code pieces} must hold a byte to read: a field with none is not timed ({@link UntimedField}). */
    FieldTuner(int slot, FieldLiterals fieldLiterals, List<Sample.Piece> pieces, LongSupplier clock) {
        if (Sample.bytes(pieces, pieces.size()) == 0) {
            throw new IllegalArgumentException("field " + fieldLiterals.field() + " (slot " + slot
                    + "): no value in the sample, nothing to time");
        }
        this.slot = slot;
        this.fieldLiterals = fieldLiterals;
        this.pieces = pieces;
        this.reference = new long[pieces.size()][];
        this.referenceLabel = new String[pieces.size()];
        this.clock = clock;
    }

    int slot() {
        return slot;
    }

    FieldLiterals fieldLiterals() {
        return fieldLiterals;
    }

    List<Sample.Piece> pieces() {
        return pieces;
    }

    StrategyTiming measure(Candidate candidate, long budgetNanos) {
        long start = clock.getAsLong();
        Matcher matcher = candidate.build(fieldLiterals.literals());
        return measure(candidate, matcher, start, budgetNanos);
    }

    /** {@link #measure(Candidate, long)} with the matcher built (from {@code start}) by the caller; tests plant one. */
    StrategyTiming measure(Candidate candidate, Matcher matcher, long start, long budgetNanos) {
        long end = start + budgetNanos;
        double buildMillis = (clock.getAsLong() - start) / 1e6;
        Searcher searcher = MatcherCalls.newSearcher(matcher);

        // The cold first round is also the check of piece 0 (hits collected and compared): a strategy that
        // is hopeless for this literal set spends one piece and, its share gone, is reported as it stands.
        Sample.Piece first = pieces.get(0);
        hits.clear();
        long coldStart = clock.getAsLong();
        MatcherCalls.scan(searcher, first.input(), first.fromValue(), first.toValue(), hits);
        double coldRate = first.bytes() / (double) Math.max(1, clock.getAsLong() - coldStart);
        compare(0, candidate.label(), hits.sortedDistinct());
        long checked = first.bytes();

        // Warm-up on small rounds (many calls soon: the JIT compiles by invocation and loop counts), sized
        // from the cold round; until three successive rounds agree and the JIT is idle (see the class comment).
        int blocks = prefixFor(1 / coldRate, budgetNanos / WARMUP_ROUNDS_TARGET);
        // Shares of what the build left (a big literal set's matcher may take a good part of the share to build).
        long afterBuild = clock.getAsLong();
        long warmUntil = afterBuild + (long) (Math.max(0, end - afterBuild) * MAX_WARMUP_SHARE);
        long warmAtLeast = afterBuild + (long) (Math.max(0, end - afterBuild) * MIN_WARMUP_SHARE);
        double[] last = {coldRate, coldRate, coldRate};
        int warmup = 1;
        boolean warmedUp = false;
        long compiledBefore = JitActivity.millis();
        while (clock.getAsLong() < warmUntil) {
            last[warmup % 3] = round(matcher, searcher, blocks);
            warmup++;
            long now = clock.getAsLong();
            long compiled = JitActivity.millis();
            boolean jitIdle = compiled == compiledBefore;
            compiledBefore = compiled;
            if (now >= warmAtLeast && warmup >= MIN_WARMUP_ROUNDS && agree(last) && jitIdle) {
                warmedUp = true;
                break;
            }
        }
        double warmRate = last[(warmup - 1) % 3];
        int warmBlocks = warmup > 1 ? blocks : 1;

        // Check pass on the compiled code: every other piece, or as many as ~a quarter of the time left allows.
        long checkUntil = clock.getAsLong() + Math.max(0, end - clock.getAsLong()) / 4;
        for (int i = 1; i < pieces.size() && clock.getAsLong() < checkUntil; i++) {
            Sample.Piece p = pieces.get(i);
            hits.clear();
            MatcherCalls.scan(searcher, p.input(), p.fromValue(), p.toValue(), hits);
            compare(i, candidate.label(), hits.sortedDistinct());
            checked += p.bytes();
        }

        long left = Math.max(0, end - clock.getAsLong());
        blocks = prefixFor(1 / warmRate, left / ROUNDS_TARGET);
        double[] rates = new double[MAX_ROUNDS];
        int rounds = 0;
        // Rounds until the share is spent (sized for ~ROUNDS_TARGET of them); none when it is already spent:
        // the budget wins, and the last warm-up (or the cold) round stands as the one figure. When a round
        // proves quicker than its size was estimated (the warm-up rate was pessimistic), the rounds grow
        // towards the whole sample and the smaller ones are dropped: every kept round has the same bytes.
        double lastRate = warmRate;
        int lastBlocks = warmBlocks;
        int passes = 1;
        while (rounds < MAX_ROUNDS && clock.getAsLong() < end) {
            long roundStart = clock.getAsLong();
            double rate = round(matcher, searcher, blocks, passes);
            long now = clock.getAsLong();
            rates[rounds++] = rate;
            lastRate = rate;
            lastBlocks = blocks;
            long roundNanos = now - roundStart;
            if (blocks < pieces.size() && roundNanos * (long) ROUNDS_TARGET * 2 < end - now) {
                blocks = Math.max(blocks + 1, prefixFor(1 / rate, (end - now) / ROUNDS_TARGET));
                warmup += rounds;
                rounds = 0;
            } else if (blocks == pieces.size() && roundNanos < MIN_ROUND_NANOS && rounds == 1) {
                // A whole-sample round shorter than a timer-and-scheduler-safe interval (a small dictionary
                // field): repeat the sample within each round instead.
                passes = (int) Math.min(1_000_000, passes * Math.max(2, MIN_ROUND_NANOS / Math.max(1, roundNanos) + 1));
                warmup += rounds;
                rounds = 0;
            }
        }
        if (rounds == 0) {
            rates[rounds++] = lastRate;
            blocks = lastBlocks;
        }
        double[] measured = Arrays.copyOf(rates, rounds);
        Arrays.sort(measured);
        double median = rounds % 2 == 1 ? measured[rounds / 2] : (measured[rounds / 2 - 1] + measured[rounds / 2]) / 2;
        return new StrategyTiming(candidate, median, measured[0], measured[rounds - 1], rounds, warmup, warmedUp,
                Sample.bytes(pieces, blocks), blocks, checked, buildMillis);
    }

    /** GB/s of one round over the first {@code blocks} pieces (bytes per nanosecond = GB/s). */
    private double round(Matcher matcher, Searcher searcher, int blocks) {
        return round(matcher, searcher, blocks, 1);
    }

    /** GB/s of one round of {@code passes} passes over the first {@code blocks} pieces. */
    private double round(Matcher matcher, Searcher searcher, int blocks, int passes) {
        long bytes = 0;
        long s = clock.getAsLong();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < blocks; i++) {
                Sample.Piece p = pieces.get(i);
                MatcherCalls.scan(searcher, p.input(), p.fromValue(), p.toValue(), counter);
                bytes += p.bytes();
            }
        }
        long nanos = Math.max(1, clock.getAsLong() - s);
        return bytes / (double) nanos;
    }

    private static boolean agree(double[] rates) {
        double min = Math.min(rates[0], Math.min(rates[1], rates[2]));
        double max = Math.max(rates[0], Math.max(rates[1], rates[2]));
        return max <= min * (1 + STABLE);
    }

    /** The fewest leading pieces whose estimated scan time reaches {@code targetNanos} (all when the whole sample is quicker). */
    private int prefixFor(double nanosPerByte, long targetNanos) {
        double nanos = 0;
        for (int i = 0; i < pieces.size(); i++) {
            nanos += pieces.get(i).bytes() * nanosPerByte;
            if (nanos >= targetNanos) {
                return i + 1;
            }
        }
        return pieces.size();
    }

    private void compare(int piece, String label, long[] found) {
        if (reference[piece] == null) {
            reference[piece] = found;
            referenceLabel[piece] = label;
            return;
        }
        long[] expected = reference[piece];
        if (Arrays.equals(expected, found)) {
            return;
        }
        int i = 0;
        while (i < expected.length && i < found.length && expected[i] == found[i]) {
            i++;
        }
        boolean extra = i < found.length && (i >= expected.length || Long.compareUnsigned(found[i], expected[i]) < 0);
        long hit = extra ? found[i] : expected[i];
        String reports = extra ? label : referenceLabel[piece];
        String misses = extra ? referenceLabel[piece] : label;
        throw new SelfTestFailure(describe(pieces.get(piece), hit, reports, misses)
                + " (distinct hits in the block: " + referenceLabel[piece] + " " + expected.length + ", " + label + " " + found.length + ")");
    }

    private String describe(Sample.Piece p, long hit, String reports, String misses) {
        int value = HitList.value(hit);
        int literalId = HitList.literal(hit);
        Literal literal = literalId >= 0 && literalId < fieldLiterals.literals().size() ? fieldLiterals.literals().get(literalId) : null;
        String text = p.input().valueAsString(value);
        if (text != null && text.length() > 300) {
            text = text.substring(0, 300) + "...";
        }
        String where = p.dictionary() ? "dictionary entry " + value + " of the block"
                : "record " + (p.firstRecord() + value) + " of the file (value " + value + " of the block)";
        return "engine self-test failed: field " + p.field() + " (slot " + slot + "), " + p.where() + ", " + where
                + ", value \"" + text + "\": strategy " + reports + " reports literal " + literalId
                + (literal == null ? "" : " (" + literal.kind() + (literal.caseSensitive() ? " cased" : "") + " \"" + literal.text() + "\")")
                + " there and " + misses + " does not";
    }

    /** The timed rounds' sink: counts, so the hits cannot be optimised away; never allocates. */
    private static final class CountingSink implements HitSink {
        long hits;

        @Override
        public void hit(int valueIndex, int literalId) {
            hits++;
        }
    }
}
