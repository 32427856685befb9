package dev.widescan.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.format.EventRecord;
import dev.widescan.ingest.IngestStats;
import dev.widescan.ingest.JsonEvents;
import dev.widescan.ingest.Outcome;
import dev.widescan.ingest.evtx.EvtxBytesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The EVTX parser alone, one thread, over real files held in memory (../shared/evtx, the path from
 * {@code -Dwidescan.shared}, default {@code ../shared}): chunk checks, records, template plans, kept
 * records built. {@code bytes} = bytes of .evtx file per second (whole file: header, used chunks and
 * the unused space after them, as an archive holds it); {@code events} = records read per second.
 *
 * <p>{@code file=reference/omerbenamram_sysmon.jsonl} is the same-run baseline: the JSON reader
 * ({@link JsonEvents}, the mapping both paths share) over python-evtx's rendering of the Sysmon file's
 * process creations: the same 227 events the EVTX path keeps out of that file's 358 records, so the
 * two rows' ops/s compare the same events from the two sources.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EvtxParseBenchmark {
    /** An .evtx sample, or {@code reference/...jsonl}: the JSON baseline over the same process creations. */
    @Param({"omerbenamram_sysmon.evtx", "reference/omerbenamram_sysmon.jsonl", "omerbenamram_security.evtx"})
    public String file;

    private byte[] evtx;
    private byte[] jsonl;
    private int[] lineStarts;
    private final EvtxBytesReader reader = new EvtxBytesReader();
    private final JsonEvents json = new JsonEvents();
    private final EventRecord record = new EventRecord();
    private final JsonFactory factory = new JsonFactory();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shared = Path.of(System.getProperty("widescan.shared", "../shared"), "evtx");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("EVTX samples not found at " + shared.toAbsolutePath() + " (set -Dwidescan.shared)");
        }
        byte[] bytes = Files.readAllBytes(shared.resolve(file));
        if (!file.endsWith(".jsonl")) {
            evtx = bytes;
            return;
        }
        jsonl = bytes;
        int lines = 0;
        for (byte b : jsonl) {
            lines += b == '\n' ? 1 : 0;
        }
        lineStarts = new int[lines + 1];
        for (int i = 0, k = 1; i < jsonl.length; i++) {
            if (jsonl[i] == '\n') {
                lineStarts[k++] = i + 1;
            }
        }
    }

    @Benchmark
    public long parse(ScanCounters t) throws IOException {
        return evtx != null ? evtx(t) : json(t);
    }

    private long evtx(ScanCounters t) {
        IngestStats stats = new IngestStats();
        long kept = reader.read(evtx, stats, r -> { });
        t.bytes += evtx.length;
        t.events += stats.read();
        return kept;
    }

    private long json(ScanCounters t) throws IOException {
        long kept = 0;
        for (int i = 0; i + 1 < lineStarts.length; i++) {
            try (JsonParser p = factory.createParser(jsonl, lineStarts[i], lineStarts[i + 1] - lineStarts[i])) {
                if (p.nextToken() == JsonToken.START_OBJECT && json.read(p, record) == Outcome.KEPT) {
                    kept++;
                }
            }
        }
        t.bytes += jsonl.length;
        t.events += lineStarts.length - 1;
        return kept;
    }
}
