package dev.widescan.spark;

import dev.widescan.corpus.CorpusGenerator;
import dev.widescan.corpus.GeneratorSettings;
import dev.widescan.corpus.Profile;
import dev.widescan.corpus.SeedRule;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.Field;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/** Generated test archives (small blocks, so a file spans many partitions) and their damaged copies. */
final class WidescanDataSourceTestFiles {
    /** Records per block: small, so that a file of a few thousand events has dozens of blocks. */
    static final int BLOCK_RECORDS = 384;

    private WidescanDataSourceTestFiles() {
    }

    /** {@code events} realistic events with seed-rule hits at 4 %, from the corpus generator. */
    static Path generate(Path out, long events, long seed) throws IOException {
        GeneratorSettings settings = new GeneratorSettings(events, seed, 0.04, Profile.REALISTIC, false);
        try (EventFileWriter w = EventFileWriter.create(out, BLOCK_RECORDS)) {
            new CorpusGenerator(settings, List.of(SeedRule.load())).generate(w::append, null);
        }
        return out;
    }

    /** Flips one byte in the middle of {@code field}'s column in block {@code block}: a CRC32C mismatch there. */
    static void flipByteInColumn(Path file, Field field, int block) throws IOException {
        long at;
        try (EventFile f = EventFile.open(file)) {
            EventBlock b = f.readBlock(block, null);
            at = b.columnFileOffset(field) + b.columnBytes(field) / 2;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int v = raf.read();
            raf.seek(at);
            raf.write(v ^ 0x20);
        }
    }
}
