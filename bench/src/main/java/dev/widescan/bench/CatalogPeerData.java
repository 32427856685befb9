package dev.widescan.bench;

import dev.widescan.bench.catalog.CatalogLiterals;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.Searcher;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The data for {@code scripts/catalog-peer.sh}: Hyperscan and {@code large-set} on the same catalog literals
 * and the same column as {@link MatcherBenchmark} ({@code -p literals=catalog -p profile=ascii
 * -p hitRate=0.001}), so the issue-10 target for the large-set matcher can be read against a peer.
 *
 * <p>Writes into the folder given: {@code column.u8} (the values as UTF-8, one {@code '\n'} after each),
 * {@code column.spans} (each value's start and end byte in it, int32 little-endian, so values that
 * contain line breaks stay whole when scanned one by one), {@code literals.hs} (a line a literal:
 * {@code KIND CASE HEX}, the UTF-8 bytes in hex, for the C harness to turn into Hyperscan expressions)
 * and {@code widescan.txt} (large-set's median time and its pair counts).
 *
 * <p>Why the expected count is not simply large-set's: Hyperscan's caseless mode folds ASCII letters
 * only, widescan folds every BMP letter (the catalog has single Cyrillic letters from its homoglyph
 * rules). So each (value, literal) pair large-set reports is checked again under ASCII-only folding, and
 * that count is what Hyperscan's one-match-per-value scan must report exactly. A pair Hyperscan could find
 * that large-set misses cannot exist: letters equal up to ASCII case are equal after full folding.
 */
public final class CatalogPeerData {
    private CatalogPeerData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CatalogPeerData OUTPUT_FOLDER [PASSES]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        LiteralSet set = CatalogLiterals.load(CatalogLiterals.ALL).orElse(null);
        if (set == null) {
            System.err.println("CatalogPeerData: the bench was built without ../shared/sigma, so it has no catalog"
                    + " literal set (" + CatalogLiterals.ALL + "); rebuild the bench next to the shared data");
            System.exit(2);
        }
        Files.createDirectories(out);
        Utf16Column column = BenchColumns.build(MatcherBenchmark.COLUMN_UNITS, BenchColumns.ASCII, 0.001, set, 42);
        String[] values = new String[column.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = text(column, i);
        }
        writeColumn(values, out);
        writeLiterals(set, out.resolve("literals.hs"));

        Searcher searcher = MatcherFactory.create("large-set", set).newSearcher();
        PairSink pairs = new PairSink(set.size());
        searcher.scan(column, pairs);
        long asciiFoldPairs = 0;
        for (int p = 0; p < pairs.count; p++) {
            long pair = pairs.pairs[p];
            if (matchesAsciiFold(values[(int) (pair >>> 32)], set.get((int) pair))) {
                asciiFoldPairs++;
            }
        }
        double[] millis = new double[passes];
        CountSink counter = new CountSink();
        for (int r = 0; r < passes; r++) {
            long t0 = System.nanoTime();
            searcher.scan(column, counter);
            millis[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("widescan.txt")))) {
            w.printf("units %d%nvalues %d%nliterals %d%npairs %d%nascii_fold_pairs %d%nmedian_ms %.2f%n",
                    column.totalUnits(), values.length, set.size(), pairs.count, asciiFoldPairs, millis[passes / 2]);
        }
        System.out.printf("large-set: %d values, %d units, %d literals, %d (value, literal) pairs (%d under ASCII-only"
                + " folding), median of %d passes %.1f ms%n", values.length, column.totalUnits(), set.size(),
                pairs.count, asciiFoldPairs, passes, millis[passes / 2]);
    }

    private static String text(Utf16Column column, int i) {
        char[] units = new char[column.end(i) - column.start(i)];
        for (int u = 0; u < units.length; u++) {
            units[u] = column.unitAt(column.start(i) + u);
        }
        return new String(units);
    }

    private static void writeColumn(String[] values, Path out) throws IOException {
        ByteBuffer spans = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream u8 = new BufferedOutputStream(Files.newOutputStream(out.resolve("column.u8")), 1 << 20)) {
            int at = 0;
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                u8.write(bytes);
                u8.write('\n');
                spans.putInt(at).putInt(at + bytes.length);
                at += bytes.length + 1;
            }
        }
        Files.write(out.resolve("column.spans"), spans.array());
    }

    /** One line a literal: its kind, {@code i} or {@code c}, and its UTF-8 bytes in hex (no escaping questions). */
    static void writeLiterals(LiteralSet set, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int i = 0; i < set.size(); i++) {
                Literal literal = set.get(i);
                w.println(literal.kind() + " " + (literal.caseSensitive() ? 'c' : 'i') + " "
                        + HexFormat.of().formatHex(literal.text().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** Whether {@code literal} matches {@code value} when only ASCII letters are folded, as Hyperscan's caseless mode does. */
    static boolean matchesAsciiFold(String value, Literal literal) {
        String text = literal.text();
        int last = value.length() - text.length();
        return switch (literal.kind()) {
            case CONTAINS -> {
                for (int at = 0; at <= last; at++) {
                    if (regionMatches(value, at, text, literal.caseSensitive())) {
                        yield true;
                    }
                }
                yield false;
            }
            case STARTS_WITH -> last >= 0 && regionMatches(value, 0, text, literal.caseSensitive());
            case ENDS_WITH -> last >= 0 && regionMatches(value, last, text, literal.caseSensitive());
            case EQUALS -> last == 0 && regionMatches(value, 0, text, literal.caseSensitive());
        };
    }

    private static boolean regionMatches(String value, int at, String text, boolean cased) {
        for (int i = 0; i < text.length(); i++) {
            char a = value.charAt(at + i);
            char b = text.charAt(i);
            if (a != b && (cased || asciiLower(a) != asciiLower(b))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Distinct (value, literal) pairs; hits arrive in value order, so a per-literal last-value stamp dedupes them. */
    private static final class PairSink implements HitSink {
        final int[] lastValue;
        long[] pairs = new long[1 << 20];
        int count;

        PairSink(int literals) {
            lastValue = new int[literals];
            Arrays.fill(lastValue, -1);
        }

        @Override
        public void hit(int valueIndex, int literalId) {
            if (lastValue[literalId] != valueIndex) {
                lastValue[literalId] = valueIndex;
                if (count == pairs.length) {
                    pairs = Arrays.copyOf(pairs, count * 2);
                }
                pairs[count++] = (long) valueIndex << 32 | literalId;
            }
        }
    }

    private static final class CountSink implements HitSink {
        long hits;

        @Override
        public void hit(int valueIndex, int literalId) {
            hits++;
        }
    }
}
