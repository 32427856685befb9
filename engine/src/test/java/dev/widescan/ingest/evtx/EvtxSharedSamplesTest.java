package dev.widescan.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real samples of ../shared/evtx, damaged ones included, and a fuzz of them (-Dwidescan.shared). */
@Tag("shared")
class EvtxSharedSamplesTest {
    @TempDir
    Path dir;

    static Path sample(String name) {
        String s = System.getProperty("widescan.shared", "");
        Assumptions.assumeTrue(!s.isBlank(), "set -Dwidescan.shared to run");
        return Path.of(s, "evtx", name + ".evtx");
    }

    private EvtxSamples.Result ingest(String name, boolean skipBad) throws IOException {
        return EvtxSamples.ingest(dir, List.of(sample(name)), skipBad, 2);
    }

    @Test
    void securityLogHasNoProcessCreationAndEveryRecordIsRead() throws IOException {
        EvtxSamples.Result r = ingest("omerbenamram_security", false);
        assertEquals(2261, r.stats().read());
        assertEquals(2261, r.stats().skipped(Outcome.OTHER_EVENT_ID));
        assertEquals(26, r.stats().evtxChunks(), "chunks 26-32 are preallocated zeros past the declared 26");
        assertEquals(0, r.stats().badChunks());
    }

    @Test
    void sysmonLogKeepsItsProcessCreations() throws IOException {
        EvtxSamples.Result r = ingest("omerbenamram_sysmon", false);
        assertEquals(358, r.stats().read());
        assertEquals(227, r.records().size());
        assertEquals(9, r.stats().evtxChunks(), "the header declares 1 chunk; 8 more are valid, the rest is slack");
    }

    private void expectError(String name, String message) {
        sample(name); // skips the test (outside assertThrows) when ../shared is not given
        EvtxInputException e = assertThrows(EvtxInputException.class, () -> ingest(name, false));
        assertTrue(e.getMessage().contains(name + ".evtx: " + message), e.getMessage());
    }

    @Test
    void badStringCacheChunkIsNamedOrSkipped() throws IOException {
        expectError("omerbenamram_security_bad_string_cache", "chunk 0 (file offset 4096): chunk header checksum mismatch");
        EvtxSamples.Result r = ingest("omerbenamram_security_bad_string_cache", true);
        assertEquals(1, r.stats().badChunks());
        assertEquals(2261 - 91, r.stats().read());
    }

    @Test
    void badChunkMagicSample() throws IOException {
        expectError("omerbenamram_sample_with_a_bad_chunk_magic", "chunk 0 (file offset 4096): record data checksum mismatch");
        EvtxSamples.Result r = ingest("omerbenamram_sample_with_a_bad_chunk_magic", true);
        assertEquals(16, r.stats().evtxChunks());
        assertEquals(15, r.stats().badChunks(), "3 checksum failures and 12 declared chunks without a signature");
        assertEquals(129, r.stats().read(), "chunk 8 is the one intact chunk");
        assertTrue(r.stats().notes().stream().anyMatch(n -> n.contains("chunk 1 (file offset 69632): bad chunk signature")),
                r.stats().notes().toString());
    }

    @Test
    void zeroDataSizeEventSample() throws IOException {
        expectError("omerbenamram_sample-with-zero-data-size-event", "chunk 0 (file offset 4096): record data checksum mismatch");
        EvtxSamples.Result r = ingest("omerbenamram_sample-with-zero-data-size-event", true);
        assertEquals(1, r.stats().badChunks());
        assertEquals(113 + 125 + 95, r.stats().read());
        assertEquals(0, r.records().size(), "its EventID 1 records are not Sysmon's");
        assertEquals(16, r.stats().skipped(Outcome.EVENT_1_NOT_SYSMON), "the 16 EventID 1 records python-evtx counts are outside the bad chunk");
    }

    @Test
    void zeroedChecksumsAreDamage() throws IOException {
        expectError("omerbenamram_Application_no_crc32", "file header checksum mismatch");
        assertEquals(1, ingest("omerbenamram_Application_no_crc32", true).stats().badFiles());
    }

    @Test
    void fuzzRealSamples() throws IOException {
        long seed = 0xE7C0_FFEEL;
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : new String[] {"mitre_sysmon1_wmiexec", "mitre_4688_runas_different_user", "omerbenamram_sysmon"}) {
            byte[] image = Files.readAllBytes(sample(name));
            List<EventRecord> intact = EvtxSamples.ingest(dir, image, false, 2).records();
            int cases = name.startsWith("mitre") ? 100 : 30;
            assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
                for (int c = 0; c < cases; c++) {
                    byte[] b = image.clone();
                    int at = c % 3 == 0 ? random.nextInt(Math.min(b.length, 4096 + 65536)) : random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    DamageChecks.fileCase(dir, b, intact, name + " seed " + seed + " case " + c + ": bit flip at " + at);
                }
                for (int c = 0; c < cases / 4; c++) {
                    int length = random.nextInt(image.length);
                    DamageChecks.fileCase(dir, Arrays.copyOf(image, length), intact, name + " seed " + seed + " case " + c + ": truncated to " + length);
                }
            });
            int chunks = Math.min(9, (image.length - 4096) / 65536);
            for (int k = 0; k < chunks; k++) {
                byte[] chunk = Arrays.copyOfRange(image, 4096 + k * 65536, 4096 + (k + 1) * 65536);
                int kk = k;
                assertTimeoutPreemptively(Duration.ofMinutes(2), () -> DamageChecks.recordDamage(chunk, seed + kk, 400, name + " chunk " + kk));
            }
        }
    }
}
