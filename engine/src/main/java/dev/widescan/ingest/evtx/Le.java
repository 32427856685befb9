package dev.widescan.ingest.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads from a chunk buffer, each checked against the end of the region it belongs to
 * ({@code limit}), so a damaged length can never read past its record or template: it raises
 * {@link EvtxDamage} instead.
 */
final class Le {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    static void need(int pos, int n, int limit) throws EvtxDamage {
        if (pos < 0 || n < 0 || pos > limit - n) {
            throw new EvtxDamage("needs " + n + " bytes at offset " + pos + ", region ends at " + limit);
        }
    }

    static int u8(byte[] b, int pos, int limit) throws EvtxDamage {
        need(pos, 1, limit);
        return b[pos] & 0xFF;
    }

    static int u16(byte[] b, int pos, int limit) throws EvtxDamage {
        need(pos, 2, limit);
        return (short) I16.get(b, pos) & 0xFFFF;
    }

    static int i32(byte[] b, int pos, int limit) throws EvtxDamage {
        need(pos, 4, limit);
        return (int) I32.get(b, pos);
    }

    static long i64(byte[] b, int pos, int limit) throws EvtxDamage {
        need(pos, 8, limit);
        return (long) I64.get(b, pos);
    }

    /** Unchecked reads for callers that have checked the whole span already. */
    static int u16(byte[] b, int pos) {
        return (short) I16.get(b, pos) & 0xFFFF;
    }

    static int i32(byte[] b, int pos) {
        return (int) I32.get(b, pos);
    }

    static long i64(byte[] b, int pos) {
        return (long) I64.get(b, pos);
    }
}
