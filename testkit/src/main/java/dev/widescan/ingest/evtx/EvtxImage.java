package dev.widescan.ingest.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A small EVTX writer for tests: file header, 64 KiB chunks with their CRC32s, records whose BinXML is a
 * template instance (the definition inline the first time a chunk uses a template, referenced by
 * offset afterwards; names inline the first time, referenced afterwards) with a substitution array.
 * Enough of [MS-EVEN6] to exercise every path of the reader without ../shared; nothing here is
 * used by the product.
 */
final class EvtxImage {
    private EvtxImage() {
    }

    /** A BinXML node of a template: element, text, or substitution. */
    sealed interface Node permits El, Text, Sub, CharRef, Entity {
    }

    record El(String name, List<Attr> attrs, List<Node> content) implements Node {
    }

    record Attr(String name, List<Node> value) {
    }

    record Text(String text) implements Node {
    }

    /** A substitution of value {@code index}, declared {@code type}; optional = token 0x0e. */
    record Sub(int index, int type, boolean optional) implements Node {
    }

    record CharRef(char c) implements Node {
    }

    record Entity(String name) implements Node {
    }

    static El el(String name, List<Attr> attrs, Node... content) {
        return new El(name, attrs, List.of(content));
    }

    static El el(String name, Node... content) {
        return new El(name, List.of(), List.of(content));
    }

    static Attr attr(String name, Node... value) {
        return new Attr(name, List.of(value));
    }

    static Text text(String s) {
        return new Text(s);
    }

    static Sub sub(int index, int type) {
        return new Sub(index, type, false);
    }

    /** A template: its root element(s) and an id the chunk writer uses to reuse its definition. */
    record Template(int id, List<? extends Node> roots) {
    }

    /**
     * A substitution value: type and raw bytes, or (type 0x21) a BinXml fragment written in place: a
     * template instance ({@code nested}, {@code nestedValues}) or raw elements ({@code rawRoots}).
     */
    record Value(int type, byte[] bytes, Template nested, Value[] nestedValues, List<El> rawRoots) {
        Value(int type, byte[] bytes) {
            this(type, bytes, null, null, null);
        }
    }

    // ---- values ----

    static Value str(String s) {
        return new Value(0x01, (s + "\0").getBytes(StandardCharsets.UTF_16LE));
    }

    static Value u8(int v) {
        return new Value(0x04, new byte[] {(byte) v});
    }

    static Value u16(int v) {
        return new Value(0x06, le(2, v));
    }

    static Value u32(long v) {
        return new Value(0x08, le(4, v));
    }

    static Value u64(long v) {
        return new Value(0x0A, le(8, v));
    }

    static Value hex64(long v) {
        return new Value(0x15, le(8, v));
    }

    static Value filetime(long ticks) {
        return new Value(0x11, le(8, ticks));
    }

    static Value nul() {
        return new Value(0x00, new byte[0]);
    }

    static Value raw(int type, byte[] bytes) {
        return new Value(type, bytes);
    }

    /** A BinXml value (type 0x21) holding a fragment with one template instance; uses the chunk's caches. */
    static Value binxml(Template t, Value... values) {
        return new Value(0x21, null, t, values, null);
    }

    /** A BinXml value holding elements written directly (no template, no dependency ids). */
    static Value binxmlRaw(El... roots) {
        return new Value(0x21, null, null, null, List.of(roots));
    }

    static byte[] le(int n, long v) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** SID bytes: revision 1, authority, sub-authorities. */
    static byte[] sid(long authority, long... subs) {
        ByteBuffer bb = ByteBuffer.allocate(8 + 4 * subs.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 1).put((byte) subs.length);
        for (int i = 5; i >= 0; i--) {
            bb.put((byte) (authority >>> (8 * i)));
        }
        for (long s : subs) {
            bb.putInt((int) s);
        }
        return bb.array();
    }

    // ---- chunk ----

    /** Builds one chunk: records appended in order, then {@link #build} fixes the header and checksums. */
    static final class Chunk {
        private final byte[] b = new byte[ChunkReader.CHUNK_SIZE];
        private int pos = ChunkReader.HEADER_SIZE;
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<Integer, Integer> templates = new HashMap<>();
        private final long firstRecordId;
        private long nextRecordId;
        private int lastRecordOffset;

        Chunk(long firstRecordId) {
            this.firstRecordId = firstRecordId;
            this.nextRecordId = firstRecordId;
        }

        /** Bytes one more record of this template would need (approximately; for filling chunks). */
        int free() {
            return b.length - pos;
        }

        /** Appends a record; returns false (and writes nothing) when it does not fit. */
        boolean add(Template t, Value... values) {
            int start = pos;
            Map<String, Integer> namesBefore = new HashMap<>(names);
            Map<Integer, Integer> templatesBefore = new HashMap<>(templates);
            try {
                put32(0x00002A2A);
                int sizeAt = pos;
                put32(0);
                put64(nextRecordId);
                put64(132_000_000_000_000_000L + nextRecordId);
                instance(t, values);
                put8(0x00);
                int size = pos + 4 - start;
                put32(size);
                set32(sizeAt, size);
                lastRecordOffset = start;
                nextRecordId++;
                return true;
            } catch (IndexOutOfBoundsException full) {
                java.util.Arrays.fill(b, start, b.length, (byte) 0);
                pos = start;
                names.clear();
                names.putAll(namesBefore);
                templates.clear();
                templates.putAll(templatesBefore);
                return false;
            }
        }

        private void fragmentHeader() {
            put8(0x0F);
            put8(1);
            put8(1);
            put8(0);
        }

        private void instance(Template t, Value[] values) {
            fragmentHeader();
            put8(0x0C);
            put8(1);
            put32(t.id());
            Integer def = templates.get(t.id());
            if (def == null) {
                def = pos + 4;
                put32(def);
                templates.put(t.id(), def);
                put32(0); // next template in the hash chain
                for (int i = 0; i < 16; i++) {
                    put8(i == 0 ? t.id() : i);
                }
                int sizeAt = pos;
                put32(0);
                int dataStart = pos;
                fragmentHeader();
                for (Node root : t.roots()) {
                    node(root, true);
                }
                put8(0x00);
                set32(sizeAt, pos - dataStart);
            } else {
                put32(def);
            }
            put32(values.length);
            int descriptors = pos;
            for (Value v : values) {
                put16(0);
                put8(v.type());
                put8(0);
            }
            for (int i = 0; i < values.length; i++) {
                Value v = values[i];
                int start = pos;
                if (v.nested() != null) {
                    instance(v.nested(), v.nestedValues());
                    put8(0x00);
                } else if (v.rawRoots() != null) {
                    fragmentHeader();
                    for (El e : v.rawRoots()) {
                        element(e, false);
                    }
                    put8(0x00);
                } else {
                    for (byte x : v.bytes()) {
                        put8(x);
                    }
                }
                int size = pos - start;
                b[descriptors + 4 * i] = (byte) size;
                b[descriptors + 4 * i + 1] = (byte) (size >>> 8);
            }
        }

        private void element(El e, boolean template) {
            put8(e.attrs().isEmpty() ? 0x01 : 0x41);
            if (template) {
                put16(0xFFFF);
            }
            int sizeAt = pos;
            put32(0);
            name(e.name());
            int attrSizeAt = -1;
            if (!e.attrs().isEmpty()) {
                attrSizeAt = pos;
                put32(0);
            }
            int attrStart = pos;
            for (int i = 0; i < e.attrs().size(); i++) {
                Attr a = e.attrs().get(i);
                put8(i + 1 < e.attrs().size() ? 0x46 : 0x06);
                name(a.name());
                for (Node n : a.value()) {
                    node(n, template);
                }
            }
            if (attrSizeAt >= 0) {
                set32(attrSizeAt, pos - attrStart);
            }
            if (e.content().isEmpty()) {
                put8(0x03);
            } else {
                put8(0x02);
                for (Node n : e.content()) {
                    node(n, template);
                }
                put8(0x04);
            }
            set32(sizeAt, pos - sizeAt - 4);
        }

        private void node(Node n, boolean template) {
            switch (n) {
                case El e -> element(e, template);
                case Text t -> {
                    put8(0x05);
                    put8(0x01);
                    put16(t.text().length());
                    for (char c : t.text().toCharArray()) {
                        put16(c);
                    }
                }
                case Sub s -> {
                    put8(s.optional() ? 0x0E : 0x0D);
                    put16(s.index());
                    put8(s.type());
                }
                case CharRef c -> {
                    put8(0x08);
                    put16(c.c());
                }
                case Entity en -> {
                    put8(0x09);
                    name(en.name());
                }
            }
        }

        /** A name reference: inline (offset = the next position) the first time in this chunk. */
        private void name(String s) {
            Integer at = names.get(s);
            if (at != null) {
                put32(at);
                return;
            }
            int here = pos + 4;
            put32(here);
            names.put(s, here);
            put32(0);
            put16(s.hashCode() & 0xFFFF);
            put16(s.length());
            for (char c : s.toCharArray()) {
                put16(c);
            }
            put16(0);
        }

        byte[] build() {
            byte[] out = b.clone();
            ByteBuffer h = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            h.putLong(8, firstRecordId);
            h.putLong(16, nextRecordId - 1);
            h.putLong(24, firstRecordId);
            h.putLong(32, nextRecordId - 1);
            h.putInt(40, 128);
            h.putInt(44, lastRecordOffset);
            h.putInt(48, pos);
            h.putInt(52, crc(out, 512, pos));
            h.putInt(120, 1);
            fixHeaderCrc(out, 0);
            return out;
        }

        private void put8(int v) {
            b[pos++] = (byte) v;
        }

        private void put16(int v) {
            put8(v);
            put8(v >>> 8);
        }

        private void put32(int v) {
            put16(v);
            put16(v >>> 16);
        }

        private void put64(long v) {
            put32((int) v);
            put32((int) (v >>> 32));
        }

        private void set32(int at, int v) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        }
    }

    static int crc(byte[] b, int from, int to) {
        CRC32 c = new CRC32();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    /** Recomputes the header CRC of the chunk starting at {@code off} (after a test changed its header). */
    static void fixHeaderCrc(byte[] b, int off) {
        CRC32 c = new CRC32();
        c.update(b, off, 120);
        c.update(b, off + 128, 384);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(off + 124, (int) c.getValue());
    }

    /** Recomputes both CRCs of the chunk at {@code off} (after a test changed its records on purpose). */
    static void fixChunkCrcs(byte[] b, int off) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int free = bb.getInt(off + 48);
        if (free >= 512 && free <= ChunkReader.CHUNK_SIZE) {
            bb.putInt(off + 52, crc(b, off + 512, off + free));
        }
        fixHeaderCrc(b, off);
    }

    /** A whole file: header declaring {@code declared} chunks, then the chunks, then {@code spare} zero chunks. */
    static byte[] file(List<byte[]> chunks, int declared, int spare) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[EvtxFileHeader.SIZE];
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, EvtxFileHeader.SIGNATURE);
        h.putLong(8, 0);
        h.putLong(16, Math.max(0, declared - 1));
        h.putLong(24, 1);
        h.putInt(32, 128);
        h.putShort(36, (short) 1);
        h.putShort(38, (short) 3);
        h.putShort(40, (short) 4096);
        h.putShort(42, (short) declared);
        h.putInt(120, 0);
        h.putInt(124, crc(header, 0, 120));
        out.writeBytes(header);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        for (int i = 0; i < spare; i++) {
            out.writeBytes(new byte[ChunkReader.CHUNK_SIZE]);
        }
        return out.toByteArray();
    }
}
