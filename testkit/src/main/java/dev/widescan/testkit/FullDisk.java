package dev.widescan.testkit;

import java.io.IOException;
import java.io.OutputStream;

/** An output that fails every write as a full disk does: for the tests of what a failed write becomes. */
public final class FullDisk extends OutputStream {
    public static final String MESSAGE = "No space left on device";

    @Override
    public void write(int b) throws IOException {
        throw new IOException(MESSAGE);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException(MESSAGE);
    }
}
