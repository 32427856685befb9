package dev.widescan.ingest;

/**
 * Strict UTF-8 validation of one input line before the JSON parser sees it.
 *
 * <p>Why: Jackson decodes multi-byte sequences without checking that they are the shortest form or that
 * they do not encode surrogates, so an overlong {@code C0 AF} would be ingested as {@code /} (a classic
 * way to smuggle a path separator past a filter) and CESU-8's {@code ED A0 80} as a lone surrogate.
 * widescan's events must be the bytes Windows logged, so invalid UTF-8 is an error naming file, line and
 * byte column. The check follows RFC 3629's table of well-formed sequences; ASCII, the bulk of event
 * JSON, is skipped 32 bytes at a time (four 64-bit words OR-ed, one test of their high bits).
 */
final class Utf8Check {
    private Utf8Check() {
    }

    /** The index of the first byte of the first ill-formed sequence in {@code b[from, to)}, or -1. */
    static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (i + 32 <= to && ((readLong(b, i) | readLong(b, i + 8) | readLong(b, i + 16) | readLong(b, i + 24))
                    & 0x8080808080808080L) == 0) {
                i += 32;
                continue;
            }
            if (i + 8 <= to && (readLong(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    lo = 0xA0; // no overlong 3-byte forms
                } else if (c == 0xED) {
                    hi = 0x9F; // no surrogates U+D800..U+DFFF (CESU-8)
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    lo = 0x90; // no overlong 4-byte forms
                } else if (c == 0xF4) {
                    hi = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return i; // continuation byte first, C0/C1 (overlong 2-byte forms), F5..FF
            }
            if (i + len > to) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    private static long readLong(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
