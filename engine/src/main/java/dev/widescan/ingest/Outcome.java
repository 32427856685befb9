package dev.widescan.ingest;

/** What ingest did with one input event: kept, or the reason it was skipped (counted in the summary). */
public enum Outcome {
    KEPT("kept"),
    NO_EVENT_ID("no EventID"),
    OTHER_EVENT_ID("other event id"),
    EVENT_1_NOT_SYSMON("event 1 not from Sysmon"),
    EVENT_4688_NOT_SECURITY("event 4688 not from Security"),
    MALFORMED_JSON("malformed JSON"),
    /** An EVTX record whose BinXML cannot be read although its chunk passed its checksums. */
    DAMAGED_EVTX_RECORD("damaged EVTX record");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The words used in the ingest summary. */
    public String label() {
        return label;
    }
}
