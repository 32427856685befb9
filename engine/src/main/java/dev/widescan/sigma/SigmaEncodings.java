package dev.widescan.sigma;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The value-transforming modifiers: {@code windash}, {@code base64}, {@code base64offset} and the UTF-16
 * encodings that may precede them.
 */
final class SigmaEncodings {
    /** The characters {@code windash} makes interchangeable (spec: -, /, en dash, em dash, horizontal bar). */
    static final char[] WINDASH = {'-', '/', '\u2013', '\u2014', '\u2015'};
    /** 5^6 = 15,625 permutations; SigmaHQ values have at most 2 dashes. */
    static final int MAX_WINDASH_POSITIONS = 6;

    private SigmaEncodings() {
    }

    static boolean isWindash(char c) {
        for (char d : WINDASH) {
            if (c == d) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every permutation: each plain dash-like character, wherever it stands, is replaced by each of the
     * five. Returns null when the value has more than {@link #MAX_WINDASH_POSITIONS} of them.
     */
    static List<SigmaPattern> windash(SigmaPattern p) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < p.length(); i++) {
            if (!p.isWildcard(i) && isWindash(p.unit(i))) {
                positions.add(i);
            }
        }
        if (positions.size() > MAX_WINDASH_POSITIONS) {
            return null;
        }
        List<SigmaPattern> out = new ArrayList<>();
        out.add(p);
        for (int pos : positions) {
            List<SigmaPattern> next = new ArrayList<>(out.size() * WINDASH.length);
            for (SigmaPattern q : out) {
                for (char d : WINDASH) {
                    next.add(q.withPlainUnit(pos, d));
                }
            }
            out = next;
        }
        return out;
    }

    /** Byte encodings selectable before base64: UTF-8 by default, or one of the UTF-16 modifiers. */
    enum Bytes {
        UTF8(StandardCharsets.UTF_8, new byte[0]),
        UTF16LE(StandardCharsets.UTF_16LE, new byte[0]),
        UTF16BE(StandardCharsets.UTF_16BE, new byte[0]),
        /** {@code utf16}: a byte order mark (FF FE) then UTF-16LE, as the spec's example shows. */
        UTF16_BOM(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE});

        private final Charset charset;
        private final byte[] prefix;

        Bytes(Charset charset, byte[] prefix) {
            this.charset = charset;
            this.prefix = prefix;
        }

        byte[] encode(String s) {
            byte[] body = s.getBytes(charset);
            byte[] out = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(body, 0, out, prefix.length, body.length);
            return out;
        }
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * The three forms {@code data} takes inside a longer base64 text, for the data starting at byte
     * offset 0, 1 or 2 of a 3-byte group. Characters that also carry bits of the unknown neighbours are
     * cut: with 1 leading byte the first 2 characters, with 2 leading bytes the first 3; at the end, when
     * the data stops 1 byte into a group the last character and padding (3 characters), 2 bytes into a
     * group 2 characters. Duplicates and empty forms are dropped.
     */
    static List<String> base64Offsets(byte[] data) {
        List<String> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + data.length];
            System.arraycopy(data, 0, shifted, shift, data.length);
            String b64 = base64(shifted);
            int start = shift == 0 ? 0 : shift + 1;
            int end = switch ((data.length + shift) % 3) {
                case 0 -> b64.length();
                case 1 -> b64.length() - 3;
                default -> b64.length() - 2;
            };
            if (end > start) {
                String form = b64.substring(start, end);
                if (!out.contains(form)) {
                    out.add(form);
                }
            }
        }
        return out;
    }
}
