package dev.widescan.ingest.evtx;

import java.io.IOException;

/** A damaged EVTX file, chunk or record; the message names the file and chunk (exit code 3 in the CLI). */
public final class EvtxInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public EvtxInputException(String message) {
        super(message);
    }
}
