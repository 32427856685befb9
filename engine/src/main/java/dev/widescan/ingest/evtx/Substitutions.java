package dev.widescan.ingest.evtx;

/**
 * The substitution array of one template instance ([MS-EVEN6] 2.2.17): a count, then (size u16,
 * type u8, reserved u8) per value, then the values back to back. Only offsets, sizes and types are kept;
 * values are rendered when a plan asks for them. Reused per nesting level; the arrays grow to the
 * largest count seen, which the record's own length bounds (4 bytes of descriptor per value).
 */
final class Substitutions {
    int count;
    int[] offset = new int[64];
    int[] size = new int[64];
    int[] type = new int[64];

    /** Reads the array at {@code b[pos, end)}; returns the position after its last value. */
    int read(byte[] b, int pos, int end) throws EvtxDamage {
        int n = Le.i32(b, pos, end);
        int p = pos + 4;
        if (n < 0 || n > (end - p) / 4) {
            throw new EvtxDamage("substitution count " + Integer.toUnsignedString(n) + " does not fit in its record at offset " + pos);
        }
        if (n > offset.length) {
            int cap = Math.max(n, 2 * offset.length);
            offset = new int[cap];
            size = new int[cap];
            type = new int[cap];
        }
        int value = p + 4 * n;
        for (int i = 0; i < n; i++) {
            int s = Le.u16(b, p);
            size[i] = s;
            type[i] = b[p + 2] & 0xFF;
            offset[i] = value;
            value += s;
            p += 4;
        }
        if (value > end) {
            throw new EvtxDamage("substitution values run " + (value - end) + " bytes past their record at offset " + pos);
        }
        count = n;
        return value;
    }
}
