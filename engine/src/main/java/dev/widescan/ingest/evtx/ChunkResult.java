package dev.widescan.ingest.evtx;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.Outcome;
import java.util.ArrayList;
import java.util.List;

/** What one chunk gave: its kept records in record order and its outcome counts, or why it was skipped. */
final class ChunkResult {
    enum Status {
        /** Signature and checksums good; records read. */
        OK,
        /** No chunk signature past the chunks the file header declares: preallocated or slack space. */
        UNUSED,
        /** Bad signature, checksum or record framing: the whole chunk is skipped. */
        BAD
    }

    final Status status;
    final String problem;
    final List<EventRecord> kept;
    final long[] outcomes;
    /** The first damaged record's description (file and chunk are added by the ingester), or null. */
    final String firstDamagedRecord;

    private ChunkResult(Status status, String problem, List<EventRecord> kept, long[] outcomes, String firstDamagedRecord) {
        this.status = status;
        this.problem = problem;
        this.kept = kept;
        this.outcomes = outcomes;
        this.firstDamagedRecord = firstDamagedRecord;
    }

    static ChunkResult ok(List<EventRecord> kept, long[] outcomes, String firstDamagedRecord) {
        return new ChunkResult(Status.OK, null, kept, outcomes, firstDamagedRecord);
    }

    static ChunkResult unused() {
        return new ChunkResult(Status.UNUSED, null, List.of(), new long[Outcome.values().length], null);
    }

    static ChunkResult bad(String problem) {
        return new ChunkResult(Status.BAD, problem, List.of(), new long[Outcome.values().length], null);
    }

    static List<EventRecord> newList() {
        return new ArrayList<>();
    }
}
