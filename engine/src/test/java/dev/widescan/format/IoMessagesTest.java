package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The JDK's file-system exceptions name the path only; messages must also say what is wrong. */
class IoMessagesTest {
    @Test
    void fileSystemExceptionsSayWhatIsWrong() {
        assertEquals("/data/day1.wsev: permission denied", IoMessages.describe(new AccessDeniedException("/data/day1.wsev")));
        assertEquals("permission denied", IoMessages.reason(new AccessDeniedException("/data/day1.wsev")));
        assertEquals("/x: no such file or directory", IoMessages.describe(new NoSuchFileException("/x")));
        assertEquals("/x: Read-only file system", IoMessages.describe(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("/a -> /b: permission denied", IoMessages.describe(new AccessDeniedException("/a", "/b", null)));
        assertEquals("/x: I/O error (FileSystemException)", IoMessages.describe(new FileSystemException("/x")));
        assertEquals("No space left on device", IoMessages.describe(new IOException("No space left on device")));
        assertEquals("IOException", IoMessages.describe(new IOException()));
    }
}
