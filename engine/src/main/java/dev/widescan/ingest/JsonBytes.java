package dev.widescan.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.widescan.format.EventBlock;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that writes {@link EventJson}'s JSON straight from a block's UTF-16 columns
 * (for {@link EventJsonEncoder}): the bytes of an event are exactly those of {@link EventJson#writeObject}
 * on the record read back as Strings, with the same escapes (Jackson's standard ASCII escapes, uppercase hex, and a lowercase
 * backslash-u escape for every surrogate unit; every other unit as 1-3 UTF-8 bytes).
 *
 * <p>Why not Jackson: a scan of the whole SigmaHQ catalog writes ~300,000 detections per million events,
 * each with its event (~750 units over 27 fields). Reading a record back as 27 Strings, writing them
 * through Jackson's escaping char writer, then transcoding that text again into the line's UTF-8 generator
 * took ~20% of a one-thread catalog scan. Here a value is copied once from the mapping into a reused char
 * array and encoded in one pass into this buffer; nothing is allocated per record once the buffers have
 * grown to the largest record. {@code DetectionLinesTest} compares the bytes with the Jackson path on random
 * records (every unit class, surrogates and controls included), {@code JsonBytesEscapeTest} per unit class
 * and position, over 64 KiB values and through a reused buffer.
 */
public final class JsonBytes {
    private static final int[] ASCII_ESCAPES = CharacterEscapes.standardAsciiEscapesForJSON();
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per field: {@code ,"Name":"} (the object's first field drops the comma for a brace). */
    private static final byte[][] FIELD_PREFIX = new byte[Field.count()][];
    private static final Field[] FIELDS = Field.values();

    static {
        for (Field f : FIELDS) {
            FIELD_PREFIX[f.ordinal()] = (",\"" + f.name() + "\":\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private byte[] buf;
    private int size;

    public JsonBytes(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The buffer (valid up to {@link #size()}; replaced when it grows). */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    public void append(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    public void append(JsonBytes other) {
        append(other.buf, 0, other.size);
    }

    public void appendByte(char asciiChar) {
        ensure(1);
        buf[size++] = (byte) asciiChar;
    }

    /** {@code v} in decimal, as Jackson's {@code writeNumber(long)}. */
    public void appendLong(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                append("-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            }
            buf[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; p <= v && digits < 19; p *= 10) {
            digits++;
        }
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        size = end;
    }

    static void checkRecord(EventBlock block, int record) {
        if (record < 0 || record >= block.recordCount()) {
            throw new IndexOutOfBoundsException("record " + record + " of " + block.recordCount() + " in block " + block.index());
        }
    }

    /** {@code ,"Name":"value"} of a present value ({@code {"Name":"value"} for the object's first field). */
    void appendField(boolean first, Field f, RecordColumn column, int record) {
        int length = column.checkedLength(record);
        byte[] prefix = FIELD_PREFIX[f.ordinal()];
        if (first) {
            ensure(prefix.length);
            buf[size++] = '{';
            System.arraycopy(prefix, 1, buf, size, prefix.length - 1);
            size += prefix.length - 1;
        } else {
            append(prefix);
        }
        appendEscaped(column.units(), column.start(record), length);
        appendByte('"');
    }

    /** Bytes {@code from .. from+length} of {@code field} as written by {@link #appendField} with first == false. */
    void appendFieldBytes(boolean first, byte[] field, int from, int length) {
        if (first) {
            ensure(length);
            buf[size++] = '{';
            System.arraycopy(field, from + 1, buf, size, length - 1);
            size += length - 1;
        } else {
            append(field, from, length);
        }
    }

    /** Closes the object ({@code {}} when no field was present). */
    void appendEnd(boolean noField) {
        if (noField) {
            appendByte('{');
        }
        appendByte('}');
    }

    /** The {@code length} UTF-16 units at unit {@code start} of {@code units}, JSON-escaped, without quotes. */
    private void appendEscaped(MemorySegment units, int start, int length) {
        ensure((int) Math.min(Integer.MAX_VALUE, 6L * length)); // at most 6 bytes a unit (a backslash-u escape)
        // The value's bytes first, in one bulk copy to a reused array: reading the segment unit by unit
        // runs its VarHandle chain (alignment and session checks) per read until C2 has compiled this
        // loop, and a scan with few detections never gets there (bench/RESULTS.md §20).
        if (valueBytes.length < 2 * length) {
            valueBytes = new byte[Math.max(2 * length, 2 * valueBytes.length)];
        }
        byte[] in = valueBytes;
        MemorySegment.copy(units, java.lang.foreign.ValueLayout.JAVA_BYTE, 2L * start, in, 0, 2 * length);
        byte[] out = buf;
        int o = size;
        int at = 0;
        int end = 2 * length;
        while (at < end) {
            // four units at a time while all four are written as they are (the common case), one LE
            // long read and one int store; anything else goes through the per-unit escapes below
            while (at + 8 <= end) {
                long x = (long) LONG_LE_ARRAY.get(in, at);
                if (!allPlain(x)) {
                    break;
                }
                INT_LE.set(out, o, (int) ((x & 0xFFL) | ((x >>> 8) & 0xFF00L) | ((x >>> 16) & 0xFF0000L) | ((x >>> 24) & 0xFF000000L)));
                o += 4;
                at += 8;
            }
            if (at >= end) {
                break;
            }
            char c = (char) ((in[at] & 0xFF) | (in[at + 1] << 8));
            at += 2;
            if (c < 0x80) {
                int esc = ASCII_ESCAPES[c];
                if (esc == 0) {
                    out[o++] = (byte) c;
                } else if (esc > 0) {
                    out[o++] = '\\';
                    out[o++] = (byte) esc;
                } else {
                    out[o++] = '\\';
                    out[o++] = 'u';
                    out[o++] = '0';
                    out[o++] = '0';
                    out[o++] = HEX_UPPER[c >> 4];
                    out[o++] = HEX_UPPER[c & 0xF];
                }
            } else {
                o = appendNonAscii(out, o, c);
            }
        }
        size = o;
    }

    /**
     * Writes unit {@code c} (U+0080 and above) at {@code o} of {@code out}: UTF-8, or a backslash-u escape for
     * a surrogate (see {@link #appendEscaped}); returns the new end. Out of line: inside the loop, each kind
     * of unit the loop's profile had not seen when C2 compiled it (two-byte, three-byte, surrogate) was a trap
     * that threw the compiled loop away, and a cold demo scan recompiled {@code appendEscaped} five times
     * (bench/RESULTS.md §24); a call this size at a rarely taken site is not inlined, so its branches are its own.
     */
    private static int appendNonAscii(byte[] out, int o, char c) {
        if (c < 0x800) {
            out[o++] = (byte) (0xC0 | (c >> 6));
            out[o++] = (byte) (0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c < 0xE000) {
            out[o++] = '\\';
            out[o++] = 'u';
            out[o++] = HEX_LOWER[c >> 12];
            out[o++] = HEX_LOWER[(c >> 8) & 0xF];
            out[o++] = HEX_LOWER[(c >> 4) & 0xF];
            out[o++] = HEX_LOWER[c & 0xF];
        } else {
            out[o++] = (byte) (0xE0 | (c >> 12));
            out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[o++] = (byte) (0x80 | (c & 0x3F));
        }
        return o;
    }

    private static final java.lang.invoke.VarHandle LONG_LE_ARRAY =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** {@link #appendEscaped}'s copy of the value being written; grown, never shrunk. */
    private byte[] valueBytes = new byte[256];
    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LANES_7F = 0xFF80FF80FF80FF80L;
    private static final long LANES_01 = 0x0001000100010001L;
    private static final long LANES_80 = 0x0080008000800080L;
    private static final long LANES_8000 = 0x8000800080008000L;

    /**
     * Whether the four UTF-16 units in {@code x} (little-endian lanes) are all printable ASCII other than
     * quote and backslash, i.e. written as one byte each: every lane below 0x80, at least 0x20 (adding 0x60
     * carries into bit 7), and none equal to 0x22 or 0x5C (no zero lane after XOR, the classic SWAR test).
     */
    static boolean allPlain(long x) {
        if ((x & LANES_7F) != 0 || ((x + 0x0060006000600060L) & LANES_80) != LANES_80) {
            return false;
        }
        long q = x ^ 0x0022002200220022L;
        long b = x ^ 0x005C005C005C005CL;
        return (((q - LANES_01) & ~q) & LANES_8000) == 0 && (((b - LANES_01) & ~b) & LANES_8000) == 0;
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long want = Math.max((long) size + more, 2L * buf.length);
            if (want > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("JSON buffer over 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /**
     * {@code s} as a JSON string value (quoted, escaped) exactly as {@link EventJson#factory()}'s generators
     * write it; {@code null} as {@code null}. For the fixed parts of output lines, built once per scan.
     */
    public static byte[] jsonString(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s == null ? 8 : s.length() + 8);
        try (JsonGenerator g = EventJson.factory().createGenerator(bytes, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
