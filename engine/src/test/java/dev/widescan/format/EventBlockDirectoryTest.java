package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block's directory is read in one bulk copy into 32-bit words, its u64 fields put together from two of
 * them (EventBlock.point): directory values with bit 31 of either half set are read as the unsigned values
 * the file holds, named exactly in the "bad directory entry" message with the file and the block; a block
 * too short for its directory is named as such; one EventBlock reused over good, corrupt and good blocks
 * of several files reads each good one as a fresh EventBlock does.
 */
class EventBlockDirectoryTest {
    @TempDir
    Path dir;

    private Path write(String name, int records) throws IOException {
        Path p = dir.resolve(name);
        try (EventFileWriter w = EventFileWriter.create(p, 64, ColumnEncodings.COMPACT)) {
            for (int i = 0; i < records; i++) {
                w.append(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i).set(Field.Image, "C:\\x" + i % 3 + ".exe"));
            }
        }
        return p;
    }

    /** Sets the u64 at {@code entryOffset} of block 0's directory entry for CommandLine and re-seals the header CRC. */
    private static void patchEntry(Path p, int entryOffset, long value) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
             EventFile f = EventFile.open(p); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            long block = f.blockOffset(0);
            long entry = block + FileLayout.BLOCK_HEADER_BYTES + (long) f.columnOf(Field.CommandLine) * FileLayout.DIRECTORY_ENTRY_BYTES;
            file.set(FileLayout.U64, entry + entryOffset, value);
            CRC32C crc = new CRC32C();
            crc.update(file.asSlice(block, FileLayout.BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
            crc.update(file.asSlice(block + FileLayout.BLOCK_HEADER_BYTES,
                    (long) f.columnCount() * FileLayout.DIRECTORY_ENTRY_BYTES).asByteBuffer());
            file.set(FileLayout.U32, block + FileLayout.BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
        }
    }

    private static long entry(Path p, int entryOffset) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ); EventFile f = EventFile.open(p);
             Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return file.get(FileLayout.U64, f.blockOffset(0) + FileLayout.BLOCK_HEADER_BYTES
                    + (long) f.columnOf(Field.CommandLine) * FileLayout.DIRECTORY_ENTRY_BYTES + entryOffset);
        }
    }

    @Test
    void directoryValuesWithTheHighBitOfEitherHalfSetAreNamedAsTheUnsignedValuesTheFileHolds() throws IOException {
        Path original = write("good.wsev", 100);
        long at = entry(original, FileLayout.DIRECTORY_REGION_OFFSET_OFFSET);
        long len = entry(original, FileLayout.DIRECTORY_REGION_LENGTH_OFFSET);
        // {field, value, region offset named, region length named}
        long[][] cases = {
                {FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, 0x8000_0000L, 0x8000_0000L, len},
                {FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, 0xFFFF_FFFFL, 0xFFFF_FFFFL, len},
                {FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, 0x1_0000_0000L + at, 0x1_0000_0000L + at, len},
                {FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, 0x8000_0000_0000_0000L | at, 0x8000_0000_0000_0000L | at, len},
                {FileLayout.DIRECTORY_REGION_LENGTH_OFFSET, 0x8000_0000L | len, at, 0x8000_0000L | len},
                {FileLayout.DIRECTORY_REGION_LENGTH_OFFSET, 0xC000_0001_0000_0000L | len, at, 0xC000_0001_0000_0000L | len},
        };
        int n = 0;
        for (long[] c : cases) {
            Path p = write("bad" + n++ + ".wsev", 100);
            patchEntry(p, (int) c[0], c[1]);
            try (EventFile f = EventFile.open(p)) {
                FormatException e = assertThrows(FormatException.class, () -> f.readBlock(0, null), Long.toHexString(c[1]));
                String named = "block 0 column CommandLine has a bad directory entry (region " + c[2] + "+" + c[3] + ", ";
                assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains(named), named + " in " + e.getMessage());
            }
        }
    }

    @Test
    void aBlockTooShortForItsDirectoryIsNamed() throws IOException {
        Path p = write("short.wsev", 200); // 4 blocks of 64 records
        long first;
        try (EventFile f = EventFile.open(p)) {
            assertTrue(f.blockCount() >= 2);
            first = f.blockOffset(1) - f.blockOffset(0);
        }
        // the footer gives block 0 one 64-byte line, block 1 the rest of the old block 0 and itself
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            long t = ch.size() - FileLayout.TRAILER_BYTES;
            long footer = file.get(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_OFFSET_OFFSET);
            long footerLength = file.get(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_LENGTH_OFFSET);
            long e0 = footer + FileLayout.FOOTER_FIXED_BYTES;
            long e1 = e0 + FileLayout.FOOTER_ENTRY_BYTES;
            file.set(FileLayout.U64, e0 + FileLayout.FOOTER_ENTRY_BLOCK_LENGTH_OFFSET, 64L);
            file.set(FileLayout.U64, e1 + FileLayout.FOOTER_ENTRY_BLOCK_OFFSET_OFFSET,
                    file.get(FileLayout.U64, e0 + FileLayout.FOOTER_ENTRY_BLOCK_OFFSET_OFFSET) + 64);
            file.set(FileLayout.U64, e1 + FileLayout.FOOTER_ENTRY_BLOCK_LENGTH_OFFSET,
                    file.get(FileLayout.U64, e1 + FileLayout.FOOTER_ENTRY_BLOCK_LENGTH_OFFSET) + first - 64);
            file.set(FileLayout.U32, t + FileLayout.TRAILER_FOOTER_CRC_OFFSET, FileLayout.crc32c(file, footer, footerLength));
            file.set(FileLayout.U32, t + FileLayout.TRAILER_CRC_OFFSET, FileLayout.crc32c(file, t, FileLayout.TRAILER_CRC_OFFSET));
        }
        try (EventFile f = EventFile.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> f.readBlock(0, null));
            assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("block 0 is 64 bytes, too short for its directory"),
                    e.getMessage());
            FormatException next = assertThrows(FormatException.class, () -> f.readBlock(1, null));
            assertTrue(next.getMessage().contains("block 1 has no WSBK magic"), next.getMessage());
        }
    }

    @Test
    void oneEventBlockReusedOverGoodAndCorruptBlocksOfSeveralFilesReadsEachGoodOneAsAFreshOne() throws IOException {
        Path a = write("a.wsev", 150);
        Path b = write("b.wsev", 70);
        Path bad = write("c.wsev", 100);
        patchEntry(bad, FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, 0x8000_0000L);
        EventBlock reused = new EventBlock();
        try (EventFile fa = EventFile.open(a); EventFile fb = EventFile.open(b); EventFile fc = EventFile.open(bad)) {
            for (EventFile f : List.of(fa, fc, fb, fa, fc, fb)) {
                for (int i = 0; i < f.blockCount(); i++) {
                    if (f == fc && i == 0) {
                        assertThrows(FormatException.class, () -> fc.readBlock(0, reused));
                        continue;
                    }
                    EventBlock fresh = f.readBlock(i, null);
                    assertEquals(describe(fresh), describe(f.readBlock(i, reused)), f + " block " + i);
                }
            }
        }
    }

    private static List<Object> describe(EventBlock block) {
        List<Object> d = new ArrayList<>(List.of(block.index(), block.recordCount(), block.firstRecord()));
        for (Field field : Field.values()) {
            if (block.file().columnOf(field) >= 0) {
                d.add(field + " " + block.columnKind(field) + " " + block.columnFileOffset(field) + "+" + block.columnBytes(field));
            }
        }
        block.verifyAll();
        return d;
    }
}
