package dev.widescan.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The damage contract, checked case by case (shared by the self-made and the real-sample fuzz tests):
 * a damaged file gives either the intact output or a named error (without --skip-bad), and with
 * --skip-bad the intact output minus counted, named skips; a chunk whose checksums were recomputed
 * over damaged records is read without any exception, loop or unbounded allocation.
 */
final class DamageChecks {
    private DamageChecks() {
    }

    /** Runs {@code damaged} through the ingester in both modes and checks the contract against {@code intact}. */
    static void fileCase(Path dir, byte[] damaged, List<EventRecord> intact, String what) throws IOException {
        try {
            EvtxSamples.Result strict = EvtxSamples.ingest(dir, damaged, false, 2);
            assertEquals(intact, strict.records(), what + ": no error, so the output must be the intact output");
        } catch (EvtxInputException e) {
            assertNotNull(e.getMessage(), what);
            assertTrue(e.getMessage().contains(".evtx: "), what + ": the message names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains("chunk ") || e.getMessage().contains("header"),
                    what + ": the message names the chunk or the header: " + e.getMessage());
        }
        EvtxSamples.Result lenient = EvtxSamples.ingest(dir, damaged, true, 2);
        long skipped = lenient.stats().badChunks() + lenient.stats().badFiles() + lenient.stats().skipped(Outcome.DAMAGED_EVTX_RECORD);
        if (!intact.equals(lenient.records())) {
            assertTrue(skipped > 0, what + ": output differs from the intact output without a counted skip");
            assertTrue(isSubsequence(lenient.records(), intact), what + ": --skip-bad output is not the intact output minus skips");
            assertTrue(!lenient.stats().notes().isEmpty(), what + ": skips are named");
        }
    }

    static boolean isSubsequence(List<EventRecord> part, List<EventRecord> whole) {
        int i = 0;
        for (EventRecord r : whole) {
            if (i < part.size() && part.get(i).equals(r)) {
                i++;
            }
        }
        return i == part.size();
    }

    /**
     * Damages the records of {@code chunk} (random bytes, then checksums recomputed so the damage reaches
     * the BinXML reader) {@code cases} times; every read must end normally.
     */
    static int recordDamage(byte[] chunk, long seed, int cases, String name) {
        SplittableRandom random = new SplittableRandom(seed);
        ChunkReader reader = new ChunkReader();
        int free = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).getInt(48);
        int read = 0;
        for (int c = 0; c < cases; c++) {
            byte[] b = chunk.clone();
            int flips = 1 + random.nextInt(8);
            String what = name + " seed " + seed + " case " + c;
            for (int f = 0; f < flips; f++) {
                int at = ChunkReader.HEADER_SIZE + random.nextInt(free - ChunkReader.HEADER_SIZE);
                b[at] = random.nextBoolean() ? (byte) (b[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(48, ChunkReader.HEADER_SIZE + random.nextInt(free - 511));
            }
            EvtxImage.fixChunkCrcs(b, 0);
            try {
                ChunkResult r = reader.read(b, b.length, true);
                assertNotNull(r.status, what);
                if (r.status == ChunkResult.Status.OK) {
                    read++;
                }
            } catch (RuntimeException | Error e) {
                fail(what + ": " + e, e);
            }
        }
        return read;
    }
}
