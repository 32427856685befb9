package dev.widescan.bench;

import dev.widescan.corpus.EventModel;
import dev.widescan.corpus.Profile;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded column of real-like command lines for the matcher benchmarks, drawn from the corpus generator's
 * event model ({@code dev.widescan.corpus.EventModel}: Windows command-line shapes, lengths with median
 * ~55, mean ~131, p99 ~1,500 code units). Profile {@code ascii} is the generator's {@code realistic}
 * (mostly ASCII), {@code unicode} its {@code unicode} (20% of values with Cyrillic, CJK, emoji). In
 * {@code hitRate} of the values one literal of the benchmark's set is spliced in at a random position, in
 * random case (so the rate is exact up to the generator's background, which may rarely hold a literal
 * by itself). The column is then copied to native memory like a mapped block.
 */
public final class BenchColumns {
    public static final String ASCII = "ascii";
    public static final String UNICODE = "unicode";

    private BenchColumns() {
    }

    public static Utf16Column build(long totalUnits, String profile, double hitRate, LiteralSet literals, long seed) {
        Profile generatorProfile = switch (profile) {
            case ASCII -> Profile.REALISTIC;
            case UNICODE -> Profile.UNICODE;
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "'; valid: ascii, unicode");
        };
        EventModel model = new EventModel(seed, generatorProfile);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        EventRecord event = new EventRecord();
        java.util.List<String> values = new java.util.ArrayList<>();
        long units = 0;
        StringBuilder sb = new StringBuilder();
        while (units < totalUnits) {
            model.next(event);
            String commandLine = event.get(Field.CommandLine);
            sb.setLength(0);
            sb.append(commandLine == null ? "" : commandLine);
            if (random.nextDouble() < hitRate) {
                Literal literal = literals.get(random.nextInt(literals.size()));
                String lit = literal.text();
                StringBuilder cased = new StringBuilder(lit.length());
                for (int i = 0; i < lit.length(); i++) {
                    char c = lit.charAt(i);
                    cased.append(literal.caseSensitive() ? c : random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
                }
                sb.insert(random.nextInt(sb.length() + 1), cased);
            }
            values.add(sb.toString());
            units += sb.length();
        }
        return offHeap(Utf16Column.of(values.toArray(new String[0])));
    }

    /**
     * The same column copied into 64-byte aligned native memory, as a mapped file would be. It matters:
     * on JDK 25 the Vector API intrinsifies loads from heap segments only when the backing array's element
     * type is the vector's (a {@code long[]}-backed column read as bytes or shorts falls back to boxed
     * Java code, ~30x slower), while native segments always take the intrinsic.
     */
    public static Utf16Column offHeap(Utf16Column heap) {
        Arena arena = Arena.ofAuto();
        MemorySegment units = arena.allocate(heap.units().byteSize(), Utf16Column.ALIGNMENT).copyFrom(heap.units());
        MemorySegment offsets = arena.allocate(heap.offsets().byteSize(), Utf16Column.ALIGNMENT).copyFrom(heap.offsets());
        MemorySegment absent = heap.absentBits() == null ? null
                : arena.allocate(heap.absentBits().byteSize(), 8).copyFrom(heap.absentBits());
        return new Utf16Column().wrap(units, offsets, absent, heap.count());
    }

    /**
     * A user's data instead of generated data ({@code -p data=PATH}): field {@code field}'s values of the
     * event file at {@code path}, block after block in record order (a dictionary-encoded block's values
     * expanded per record, absent values kept absent), up to {@code maxUnits} code units, copied to native
     * memory like a mapped column. Fails, naming the file, when the file has no such value.
     */
    public static Utf16Column fromEventFile(Path path, Field field, long maxUnits) {
        java.util.List<String> values = new java.util.ArrayList<>();
        long units = 0;
        try (EventFile file = EventFile.open(path)) {
            EventBlock block = null;
            for (int b = 0; b < file.blockCount() && units < maxUnits; b++) {
                block = file.readBlock(b, block);
                block.verify(field);
                dev.widescan.format.RecordColumn column = block.column(field);
                for (int i = 0; i < column.count() && units < maxUnits; i++) {
                    String v = column.valueAsString(i);
                    values.add(v);
                    units += v == null ? 0 : v.length();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("-p data=" + path + ": cannot read the event file: " + e.getMessage(), e);
        }
        if (units == 0) {
            throw new IllegalArgumentException("-p data=" + path + ": no " + field + " value to scan in this event file");
        }
        return Utf16Column.of(values.toArray(new String[0]));
    }

    /** The field named by {@code -p dataField} (empty = CommandLine), or a message listing the valid names. */
    public static Field dataField(String name) {
        if (name.isEmpty()) {
            return Field.CommandLine;
        }
        try {
            return Field.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p dataField=" + name + ": not a field; valid: " + java.util.Arrays.toString(Field.values()));
        }
    }

    public static long bytes(Utf16Column column) {
        return 2L * column.totalUnits();
    }
}
