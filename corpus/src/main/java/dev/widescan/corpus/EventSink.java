package dev.widescan.corpus;

import dev.widescan.format.EventRecord;
import java.io.IOException;

/** Where generated events go (binary event file, JSONL, or a test's consumer); the record is reused. */
@FunctionalInterface
public interface EventSink {
    void accept(EventRecord record) throws IOException;
}
