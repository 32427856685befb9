package dev.widescan.tune;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.ColumnKind;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.scan.Archive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The blocks tuning measures on: {@code n} blocks spread evenly over the whole archive (every file, start
 * to end, not the first blocks only: archives drift over time), each CRC-checked on the fields the rules
 * match, held as zero-copy views into the mapped files.
 *
 * <p>Why the blocks are kept in a seeded shuffled order: a strategy too slow to scan the whole sample in
 * its share of the time is timed on a prefix of it, and any prefix of a shuffled list is still spread over
 * the archive. What a matcher reads per block is what the scan loop gives it: the plain column, or, for a
 * dictionary-encoded column, its distinct values ({@link Piece#dictionary()}).
 *
 * <p>Why blocks are cut into pieces of ~{@value #PIECE_UNITS} units (32 KiB, the scan loop's own piece
 * size): the unit of work of every timing round and check is a piece, so even a strategy thousands of
 * times too slow for a rule set (region over 11,000 catalog literals) costs one piece, not one block,
 * before tuning can tell and move on: the time budget holds for any rule set.
 *
 * <p>Why a piece of empty values only is left out: it has no byte for a matcher to read and no hit to
 * check (a literal is never empty), yet a cold round on it would estimate an infinite time per byte. So a
 * field whose sampled blocks hold no value (or only empty ones) has no piece at all: there is nothing to
 * time ({@link UntimedField}; {@link #presentBlocks} tells the two cases apart).
 */
public final class Sample {
    static final int PIECE_UNITS = 16 * 1024;

    /**
     * Values {@code [fromValue, toValue)} of one block's column of one field, as the matcher scans it (a
     * dictionary-encoded column's entries), about {@value #PIECE_UNITS} code units.
     */
    public record Piece(String file, int block, long firstRecord, Field field, Utf16Column input, boolean dictionary,
                        int fromValue, int toValue) {
        /** UTF-16 bytes the matcher reads (a dictionary's distinct values count once). */
        public long bytes() {
            return 2L * (input.offset(toValue) - input.offset(fromValue));
        }

        /** The piece's first in its block: one per sampled block. */
        public boolean firstOfBlock() {
            return fromValue == 0;
        }

        /** {@code FILE block B}, for messages. */
        public String where() {
            return file + " block " + block;
        }
    }

    private final int totalBlocks;
    private final Map<Field, List<Piece>> pieces;
    private final Map<Field, Integer> presentBlocks;
    private final int blocks;

    private Sample(int totalBlocks, int blocks, Map<Field, List<Piece>> pieces, Map<Field, Integer> presentBlocks) {
        this.totalBlocks = totalBlocks;
        this.blocks = blocks;
        this.pieces = pieces;
        this.presentBlocks = presentBlocks;
    }

    /**
     * Reads up to {@code wanted} blocks of {@code archive} spread evenly over it (global block
     * {@code floor((2i+1)·T/2n)} for i &lt; n), CRC-checking {@code fields}. The archive must stay open
     * while the sample is used (its pieces are views into the mapped files).
     */
    public static Sample read(Archive archive, Collection<Field> fields, int wanted, long seed) {
        return read(archive, fields, wanted, seed, System::nanoTime, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(Archive, Collection, int, long)}, but stops reading blocks once {@code clock} passes
     * {@code stopAt} (at least one block is read): a huge {@code --sample-blocks} cannot eat the time
     * budget; the blocks are read in shuffled order, so a sample cut short is still spread.
     */
    public static Sample read(Archive archive, Collection<Field> fields, int wanted, long seed, LongSupplier clock, long stopAt) {
        if (wanted < 1) {
            throw new IllegalArgumentException("the sample needs at least one block, got " + wanted);
        }
        int total = archive.totalBlocks();
        int n = Math.min(wanted, total);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add((int) ((2L * i + 1) * total / (2L * n)));
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        Map<Field, List<Piece>> byField = new EnumMap<>(Field.class);
        Map<Field, Integer> present = new EnumMap<>(Field.class);
        for (Field f : fields) {
            byField.put(f, new ArrayList<>(n));
            present.put(f, 0);
        }
        int read = 0;
        for (int g : order) {
            if (read > 0 && clock.getAsLong() > stopAt) {
                break;
            }
            read++;
            int fileIndex = archive.fileOf(g);
            EventFile file = archive.mapped(fileIndex);
            int blockIndex = archive.blockInFile(fileIndex, g);
            EventBlock block = file.readBlock(blockIndex, null);
            for (Field f : fields) {
                block.verify(f);
                RecordColumn column = block.column(f);
                if (column.kind() == ColumnKind.ABSENT) {
                    continue; // nothing stored, nothing for a matcher to read
                }
                present.merge(f, 1, Integer::sum);
                boolean dictionary = column.kind() != ColumnKind.PLAIN;
                Utf16Column input = dictionary ? column.dictionary() : column.plain();
                int from = 0;
                do {
                    int to = input.pieceEnd(from, input.count(), PIECE_UNITS);
                    if (input.offset(to) > input.offset(from)) { // empty values only: nothing to read (class comment)
                        byField.get(f).add(new Piece(file.path().toString(), blockIndex, block.firstRecord(), f, input, dictionary, from, to));
                    }
                    from = to;
                } while (from < input.count());
            }
        }
        return new Sample(total, read, byField, present);
    }

    /** The field's pieces, block by block in the sample's (shuffled) block order, each block's pieces in value order. */
    public List<Piece> pieces(Field f) {
        List<Piece> p = pieces.get(f);
        if (p == null) {
            throw new IllegalArgumentException("field " + f + " was not sampled");
        }
        return p;
    }

    /** Sampled blocks that store {@code f}'s column at all (a value in some record, maybe only empty ones). */
    public int presentBlocks(Field f) {
        pieces(f); // the same refusal for a field that was not sampled
        return presentBlocks.get(f);
    }

    public int blocks() {
        return blocks;
    }

    public int archiveBlocks() {
        return totalBlocks;
    }

    /** UTF-16 bytes of the first {@code count} pieces (0 for none). */
    public static long bytes(List<Piece> pieces, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += pieces.get(i).bytes();
        }
        return sum;
    }

    /** Sampled blocks whose column is dictionary-encoded (with a byte to read); 0 for no piece. */
    public static int dictionaryBlocks(List<Piece> pieces) {
        int n = 0;
        for (Piece p : pieces) {
            n += p.dictionary() && p.firstOfBlock() ? 1 : 0;
        }
        return n;
    }
}
