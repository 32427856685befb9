package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlCharactersAreEscapedAndNothingElse() {
        assertEquals("x\\x1B]0;owned\\x07\\x1B[2Jy", TerminalText.safe("x\u001b]0;owned\u0007\u001b[2Jy"));
        assertEquals("a\\x00b\\x0Ac\\x7Fd\\u0085e\\x9B", TerminalText.safe("a\u0000b\nc\u007fd\u0085e\u009b"));
        String plain = "C:\\Windows\\System32\\cmd.exe /c \"é 😀\"\ttab";
        assertSame(plain, TerminalText.safe(plain), "text without control characters is returned as is");
        assertNull(TerminalText.safe(null));
    }
}
