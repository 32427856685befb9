package dev.widescan.ingest.evtx;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Text of one BinXML value ([MS-EVEN6] 2.2.18 value types), as the reference converter (python-evtx,
 * which rendered the test data in ../shared/evtx/reference) writes it, so an event read from an .evtx
 * file and the same event converted to JSON by that tool give the same record: strings without their
 * trailing NULs, integers in decimal, HexInt32/64 as {@code 0x} and 8/16 zero-padded lowercase digits,
 * GUIDs as {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}}, SIDs as {@code S-1-5-18}, booleans as
 * {@code True}/{@code False}, binary as base64, FILETIME/SYSTEMTIME as {@code YYYY-MM-DD HH:MM:SS[.ffffff]}
 * (see {@link EvtxTimes}). Arrays (type | 0x80) are their elements' texts joined by {@code ", "}.
 * Handles, EvtXml and BinXml inside a field render as "" (BinXml at element level is read as XML by
 * {@link RecordReader}).
 *
 * <p>Only called for the values of kept fields, so speed matters less than exactness here.
 */
final class EvtxValues {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int BINXML = 0x21;
    static final int ARRAY = 0x80;

    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Byte order of a GUID's text: the first three groups are little-endian; -1 is a dash. */
    private static final int[] GUID_ORDER = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};

    private EvtxValues() {
    }

    /** The text of the value of {@code type} stored in {@code b[off, off + size)}. */
    static String render(byte[] b, int off, int size, int type) throws EvtxDamage {
        int end = off + size;
        Le.need(off, size, b.length);
        if ((type & ARRAY) != 0) {
            return renderArray(b, off, end, type & 0x7F);
        }
        return switch (type) {
            case NULL -> "";
            case STRING -> utf16(b, off, size);
            case ANSI_STRING -> ansi(b, off, size);
            case 0x03 -> Integer.toString(b[fixed(off, 1, end)]);
            case 0x04 -> Integer.toString(b[fixed(off, 1, end)] & 0xFF);
            case 0x05 -> Integer.toString((short) Le.u16(b, fixed(off, 2, end)));
            case 0x06 -> Integer.toString(Le.u16(b, fixed(off, 2, end)));
            case 0x07 -> Integer.toString(Le.i32(b, fixed(off, 4, end)));
            case 0x08 -> Integer.toUnsignedString(Le.i32(b, fixed(off, 4, end)));
            case 0x09 -> Long.toString(Le.i64(b, fixed(off, 8, end)));
            case 0x0A -> Long.toUnsignedString(Le.i64(b, fixed(off, 8, end)));
            case 0x0B -> pythonFloat(Float.intBitsToFloat(Le.i32(b, fixed(off, 4, end))));
            case 0x0C -> pythonFloat(Double.longBitsToDouble(Le.i64(b, fixed(off, 8, end))));
            case 0x0D -> Le.i32(b, fixed(off, 4, end)) > 0 ? "True" : "False";
            case 0x0E -> Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off, end));
            case 0x0F -> guid(b, fixed(off, 16, end));
            case 0x10 -> size == 4 ? Integer.toUnsignedString(Le.i32(b, off)) : Long.toUnsignedString(Le.i64(b, fixed(off, 8, end)));
            case 0x11 -> EvtxTimes.filetime(Le.i64(b, fixed(off, 8, end)));
            case 0x12 -> EvtxTimes.systemtime(b, fixed(off, 16, end));
            case 0x13 -> sid(b, off, end);
            case 0x14 -> hex(Le.i32(b, fixed(off, 4, end)) & 0xFFFFFFFFL, 8);
            case 0x15 -> hex(Le.i64(b, fixed(off, 8, end)), 16);
            case 0x20, BINXML, 0x23 -> "";
            default -> throw new EvtxDamage("unknown value type 0x" + Integer.toHexString(type));
        };
    }

    /** Checks that a fixed-size value of {@code n} bytes fits; returns {@code off}. */
    private static int fixed(int off, int n, int end) throws EvtxDamage {
        if (end - off < n) {
            throw new EvtxDamage("value of " + (end - off) + " bytes where " + n + " are needed");
        }
        return off;
    }

    /**
     * UTF-16LE text without trailing NULs (an odd last byte is ignored). Decoded by hand: the JDK's
     * UTF-16 charset decoder was the largest cost of a Sysmon record (JFR), while most Windows values
     * are Latin-1, which becomes a String with one byte copy.
     */
    static String utf16(byte[] b, int off, int size) {
        int end = off + (size & ~1);
        while (end > off && b[end - 1] == 0 && b[end - 2] == 0) {
            end -= 2;
        }
        int n = (end - off) >> 1;
        byte[] latin1 = new byte[n];
        for (int i = 0, p = off; i < n; i++, p += 2) {
            if (b[p + 1] != 0) {
                return utf16Wide(b, off, n);
            }
            latin1[i] = b[p];
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }

    private static String utf16Wide(byte[] b, int off, int n) {
        char[] c = new char[n];
        for (int i = 0, p = off; i < n; i++, p += 2) {
            c[i] = (char) ((b[p] & 0xFF) | (b[p + 1] << 8));
        }
        return new String(c);
    }

    private static String ansi(byte[] b, int off, int size) {
        int end = off + size;
        while (end > off && b[end - 1] == 0) {
            end--;
        }
        return new String(b, off, end - off, ANSI);
    }

    private static int elementSize(int type) {
        return switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0B, 0x0D, 0x14 -> 4;
            case 0x09, 0x0A, 0x0C, 0x10, 0x11, 0x15 -> 8;
            case 0x0F, 0x12 -> 16;
            default -> 0;
        };
    }

    private static String renderArray(byte[] b, int off, int end, int type) throws EvtxDamage {
        StringBuilder sb = new StringBuilder();
        if (type == STRING) {
            int start = off;
            for (int p = off; p + 1 < end; p += 2) {
                if (b[p] == 0 && b[p + 1] == 0) {
                    separate(sb).append(utf16(b, start, p - start));
                    start = p + 2;
                }
            }
            if (start + 1 < end) {
                separate(sb).append(utf16(b, start, end - start));
            }
        } else if (type == ANSI_STRING) {
            int start = off;
            for (int p = off; p < end; p++) {
                if (b[p] == 0) {
                    separate(sb).append(ansi(b, start, p - start));
                    start = p + 1;
                }
            }
            if (start < end) {
                separate(sb).append(ansi(b, start, end - start));
            }
        } else if (type == 0x13) {
            int p = off;
            while (p < end) {
                int n = Le.u8(b, p + 1, end);
                int len = 8 + 4 * n;
                separate(sb).append(sid(b, p, Math.min(end, p + len)));
                p += len;
            }
        } else {
            int size = elementSize(type);
            if (size == 0) {
                throw new EvtxDamage("array of value type 0x" + Integer.toHexString(type) + " is not supported");
            }
            if ((end - off) % size != 0) {
                throw new EvtxDamage("array of " + (end - off) + " bytes is not a multiple of its element size " + size);
            }
            for (int p = off; p < end; p += size) {
                separate(sb).append(render(b, p, size, type));
            }
        }
        return sb.toString();
    }

    private static StringBuilder separate(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(", ");
    }

    static String guid(byte[] b, int o) {
        char[] c = new char[38];
        int k = 0;
        c[k++] = '{';
        for (int i : GUID_ORDER) {
            if (i < 0) {
                c[k++] = '-';
            } else {
                c[k++] = HEX[(b[o + i] >> 4) & 0xF];
                c[k++] = HEX[b[o + i] & 0xF];
            }
        }
        c[k] = '}';
        return new String(c);
    }

    private static String sid(byte[] b, int off, int end) throws EvtxDamage {
        int revision = Le.u8(b, off, end);
        int count = Le.u8(b, off + 1, end);
        Le.need(off, 8 + 4 * count, end);
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[off + i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder(16 + 11 * count).append("S-").append(revision).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            sb.append('-').append(Integer.toUnsignedString(Le.i32(b, off + 8 + 4 * i)));
        }
        return sb.toString();
    }

    private static String hex(long v, int digits) {
        char[] c = new char[2 + digits];
        c[0] = '0';
        c[1] = 'x';
        for (int i = digits - 1; i >= 0; i--) {
            c[2 + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(c);
    }

    /** Python's {@code str(float)}: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = v.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
}
