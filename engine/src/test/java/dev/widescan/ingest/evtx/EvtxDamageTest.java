package dev.widescan.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.Outcome;
import dev.widescan.ingest.evtx.EvtxImage.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged EVTX images: named errors, counted skips with --skip-bad, and a fuzz of bit flips and truncations. */
class EvtxDamageTest {
    private static final int CHUNK = ChunkReader.CHUNK_SIZE;
    private static final int FIRST = EvtxFileHeader.SIZE;

    @TempDir
    Path dir;

    private byte[] image;
    private List<EventRecord> intact;
    private final List<List<String>> perChunk = new ArrayList<>();

    @BeforeEach
    void build() throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long id = 1;
        for (int k = 0; k < 3; k++) {
            EvtxImage.Chunk c = new EvtxImage.Chunk(id);
            List<String> kept = new ArrayList<>();
            for (int n = 0; n < 40; n++, id++) {
                boolean process = id % 4 != 0;
                Value[] values = process ? (id % 2 == 0 ? EvtxSamples.securityValues(id, id % 3 == 0) : EvtxSamples.sysmonValues(id, "cmd " + id))
                        : EvtxSamples.logonValues(id);
                assertTrue(c.add(process ? (id % 2 == 0 ? EvtxSamples.SECURITY_4688 : EvtxSamples.SYSMON_1) : EvtxSamples.LOGON, values));
                if (process) {
                    kept.add(Long.toString(id));
                }
            }
            perChunk.add(kept);
            chunks.add(c.build());
        }
        image = EvtxImage.file(chunks, 3, 1);
        intact = EvtxSamples.ingest(dir, image, false, 2).records();
        assertEquals(90, intact.size());
    }

    private List<String> ids(List<EventRecord> records) {
        return records.stream().map(r -> r.get(Field.EventRecordID)).toList();
    }

    private List<String> idsWithout(int chunk) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < perChunk.size(); k++) {
            if (k != chunk) {
                out.addAll(perChunk.get(k));
            }
        }
        return out;
    }

    private void expectBadChunk(byte[] damaged, int chunk, String problem) throws IOException {
        EvtxInputException e = assertThrows(EvtxInputException.class, () -> EvtxSamples.ingest(dir, damaged, false, 2));
        assertTrue(e.getMessage().contains(".evtx: chunk " + chunk + " (file offset " + (FIRST + chunk * CHUNK) + "): " + problem), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-bad"), e.getMessage());
        EvtxSamples.Result r = EvtxSamples.ingest(dir, damaged, true, 2);
        assertEquals(idsWithout(chunk), ids(r.records()));
        assertEquals(1, r.stats().badChunks());
        assertEquals(3, r.stats().evtxChunks());
        assertTrue(r.stats().notes().get(0).contains("chunk " + chunk), r.stats().notes().toString());
    }

    @Test
    void badSignatureOfADeclaredChunk() throws IOException {
        byte[] b = image.clone();
        Arrays.fill(b, FIRST + CHUNK, FIRST + CHUNK + 8, (byte) 0);
        expectBadChunk(b, 1, "bad chunk signature");
    }

    /**
     * A dirty file (header count 1, stale) whose chunk 1 lost its signature: past the declared count a slot
     * without one is taken for preallocated space, but chunk 2 after it shows it was a chunk. Its 30 records
     * used to vanish with exit 0; the zeroed spare slot at the end stays ignored.
     */
    @Test
    void aSignaturelessSlotBeforeALaterChunkOfADirtyFileIsDamage() throws IOException {
        byte[] dirty = image.clone();
        ByteBuffer h = ByteBuffer.wrap(dirty).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(42, (short) 1);
        h.putInt(124, EvtxImage.crc(dirty, 0, 120));
        assertEquals(ids(intact), ids(EvtxSamples.ingest(dir, dirty, false, 2).records()), "a dirty file's chunks are all read");
        Arrays.fill(dirty, FIRST + CHUNK, FIRST + CHUNK + 8, (byte) 0);
        expectBadChunk(dirty, 1, "bad chunk signature, but chunk 2 after it has one");
    }

    @Test
    void recordDataChecksum() throws IOException {
        byte[] b = image.clone();
        b[FIRST + 2 * CHUNK + 3000] ^= 0x10;
        expectBadChunk(b, 2, "record data checksum mismatch");
    }

    @Test
    void chunkHeaderChecksum() throws IOException {
        byte[] b = image.clone();
        b[FIRST + 9] ^= 1;
        expectBadChunk(b, 0, "chunk header checksum mismatch");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] b = Arrays.copyOf(image, FIRST + 2 * CHUNK + 1000);
        expectBadChunk(b, 2, "truncated chunk (1000 of 65536 bytes)");
    }

    /**
     * A copy cut at a chunk boundary (an interrupted transfer) has whole chunks only: each passes its checks,
     * so only the header's declared count can tell that chunks are missing. Silently ingesting the first
     * chunks (or, cut right after the header, nothing at all with exit 0) would lose events unannounced.
     */
    @Test
    void fileCutAtAChunkBoundaryBeforeTheDeclaredChunks() throws IOException {
        expectBadChunk(Arrays.copyOf(image, FIRST + 2 * CHUNK), 2, "missing: the file ends at byte " + (FIRST + 2 * CHUNK));
        byte[] headerOnly = Arrays.copyOf(image, FIRST);
        EvtxInputException e = assertThrows(EvtxInputException.class, () -> EvtxSamples.ingest(dir, headerOnly, false, 2));
        assertTrue(e.getMessage().contains("chunk 0 (file offset " + FIRST + "): missing") && e.getMessage().contains("declares 3 chunks"),
                e.getMessage());
        EvtxSamples.Result r = EvtxSamples.ingest(dir, headerOnly, true, 2);
        assertEquals(List.of(), r.records());
        assertEquals(1, r.stats().badChunks());
    }

    @Test
    void recordFramingInsideAGoodChecksum() throws IOException {
        byte[] b = image.clone();
        int second = recordOffset(b, 0, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(FIRST + second + 4, 20);
        EvtxImage.fixChunkCrcs(b, FIRST);
        expectBadChunk(b, 0, "record at offset " + second + " has size 20");
    }

    @Test
    void damagedRecordIsSkippedAloneAndNamed() throws IOException {
        byte[] b = image.clone();
        int second = recordOffset(b, 1, 2);
        // the third record of chunk 1 (record 43, Sysmon) references the template record 41 defined: corrupt its substitution count
        int count = FIRST + CHUNK + second + 24 + 4 + 10;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(count, 0x7FFFFFFF);
        EvtxImage.fixChunkCrcs(b, FIRST + CHUNK);
        EvtxInputException e = assertThrows(EvtxInputException.class, () -> EvtxSamples.ingest(dir, b, false, 1));
        assertTrue(e.getMessage().contains("chunk 1 (file offset 69632): record 43 (offset " + second + "): substitution count"), e.getMessage());
        EvtxSamples.Result r = EvtxSamples.ingest(dir, b, true, 1);
        List<String> expected = new ArrayList<>(ids(intact));
        expected.remove("43");
        assertEquals(expected, ids(r.records()));
        assertEquals(1, r.stats().skipped(Outcome.DAMAGED_EVTX_RECORD));
        assertEquals(0, r.stats().badChunks());
    }

    @Test
    void badFileHeader() throws IOException {
        byte[] b = image.clone();
        b[42] ^= 1;
        EvtxInputException e = assertThrows(EvtxInputException.class, () -> EvtxSamples.ingest(dir, b, false, 1));
        assertTrue(e.getMessage().contains(".evtx: file header checksum mismatch"), e.getMessage());
        EvtxSamples.Result r = EvtxSamples.ingest(dir, b, true, 1);
        assertEquals(List.of(), r.records());
        assertEquals(1, r.stats().badFiles());
    }

    /**
     * BinXml values nested 7 deep (within the nesting limit), each level's EventData referencing its
     * child value 200 times: 200^7 steps without the per-record work cap.
     */
    @Test
    void nestedValueBombIsADamagedRecordNotAHang() {
        EvtxImage.Node[] refs = new EvtxImage.Node[200];
        Arrays.fill(refs, EvtxImage.sub(0, 0x21));
        EvtxImage.Template outer = new EvtxImage.Template(77, List.of(EvtxImage.el("Event", EvtxImage.el("EventData", refs))));
        EvtxImage.Template inner = new EvtxImage.Template(78, List.of(refs));
        Value v = EvtxImage.str("leaf");
        for (int i = 0; i < 7; i++) {
            v = EvtxImage.binxml(inner, v);
        }
        EvtxImage.Chunk c = new EvtxImage.Chunk(1);
        assertTrue(c.add(outer, v));
        assertTrue(c.add(EvtxSamples.SYSMON_1, EvtxSamples.sysmonValues(2, "after the bomb")));
        byte[] b = EvtxImage.file(List.of(c.build()), 1, 0);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            EvtxInputException e = assertThrows(EvtxInputException.class, () -> EvtxSamples.ingest(dir, b, false, 1));
            assertTrue(e.getMessage().contains("record 1 (offset 512): record needs more than"), e.getMessage());
            EvtxSamples.Result r = EvtxSamples.ingest(dir, b, true, 1);
            assertEquals(List.of("after the bomb"), r.records().stream().map(x -> x.get(Field.CommandLine)).toList());
            assertEquals(1, r.stats().skipped(Outcome.DAMAGED_EVTX_RECORD));
        });
    }

    /** Offset within chunk {@code chunk} of its record number {@code n} (0-based). */
    private static int recordOffset(byte[] file, int chunk, int n) {
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = ChunkReader.HEADER_SIZE;
        for (int i = 0; i < n; i++) {
            pos += bb.getInt(FIRST + chunk * CHUNK + pos + 4);
        }
        return pos;
    }

    @Test
    void fuzzBitFlipsAndTruncations() {
        long seed = 0x5EED_E7F1L;
        SplittableRandom random = new SplittableRandom(seed);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int c = 0; c < 120; c++) {
                byte[] b = image.clone();
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 << random.nextInt(8));
                DamageChecks.fileCase(dir, b, intact, "seed " + seed + " case " + c + ": bit flip at " + at);
            }
            for (int c = 0; c < 40; c++) {
                int length = random.nextInt(image.length);
                DamageChecks.fileCase(dir, Arrays.copyOf(image, length), intact, "seed " + seed + " case " + c + ": truncated to " + length);
            }
        });
    }

    @Test
    void fuzzDamagedRecordsBehindRecomputedChecksums() {
        byte[] chunk = Arrays.copyOfRange(image, FIRST, FIRST + CHUNK);
        int read = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> DamageChecks.recordDamage(chunk, 42, 3000, "self-made chunk"));
        assertTrue(read > 0, "some damaged chunks still read (framing intact): " + read);
    }
}
