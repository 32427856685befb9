package dev.widescan.bench;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.LiteralSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * A seeded column of command-line-like values with real-like lengths: log-normal with median 55 and mean
 * 131 code units (p99 ≈ 1,200-1,500), capped at 32,767. {@code hitRate} of the values get one literal of
 * the set spliced in; profile {@code unicode} makes ~20% of the filler units non-ASCII (Cyrillic, CJK,
 * accented Latin). A simple stand-in until the corpus generator's columns are wired in.
 */
public final class BenchColumns {
    public static final String ASCII = "ascii";
    public static final String UNICODE = "unicode";

    private static final double MU = Math.log(55);
    private static final double SIGMA = Math.sqrt(2 * Math.log(131.0 / 55.0));
    private static final String[] WORDS = {"C:\\Windows\\System32\\", "C:\\Program Files\\", "\\AppData\\Local\\Temp\\",
            "cmd.exe", "/c", "start", "-NoProfile", "-File", "conhost.exe", "0xffffffff", "-ForceV1", "svchost.exe",
            "-k", "netsvcs", "-p", "--type=renderer", "--field-trial-handle=", "/update", "msedge.exe", "chrome.exe",
            "\"", "=", ".json", "--lang=en-US", "--disable-gpu", "taskhostw.exe", "dllhost.exe", "/Processid:",
            "{3EB3C877-1F16-487C-9050-104DBCD66683}", "explorer.exe", "SearchIndexer.exe", "/Embedding", "wuauclt",
            "backgroundTaskHost.exe", "-ServerName:", "App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca"};
    private static final char[] NON_ASCII = "привет мир документы 文件夹 系统 données éèàç ßüöä ΑΒΓδεζ".toCharArray();

    private BenchColumns() {
    }

    public static Utf16Column build(long totalUnits, String profile, double hitRate, LiteralSet literals, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean unicode = switch (profile) {
            case ASCII -> false;
            case UNICODE -> true;
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "'; valid: ascii, unicode");
        };
        java.util.List<String> values = new java.util.ArrayList<>();
        long units = 0;
        StringBuilder sb = new StringBuilder();
        while (units < totalUnits) {
            int length = (int) Math.min(32_767, Math.max(1, Math.round(Math.exp(MU + SIGMA * random.nextGaussian()))));
            sb.setLength(0);
            while (sb.length() < length) {
                if (unicode && random.nextInt(5) == 0) {
                    int run = 1 + random.nextInt(8);
                    for (int i = 0; i < run; i++) {
                        sb.append(NON_ASCII[random.nextInt(NON_ASCII.length)]);
                    }
                } else if (random.nextInt(3) == 0) {
                    for (int i = 0, n = 2 + random.nextInt(10); i < n; i++) {
                        sb.append((char) ('a' + random.nextInt(26)));
                    }
                } else {
                    sb.append(WORDS[random.nextInt(WORDS.length)]);
                }
                sb.append(' ');
            }
            sb.setLength(length);
            if (random.nextDouble() < hitRate) {
                String lit = literals.get(random.nextInt(literals.size())).text();
                sb.insert(random.nextInt(sb.length() + 1), lit);
            }
            values.add(sb.toString());
            units += sb.length();
        }
        return offHeap(Utf16Column.of(values.toArray(new String[0])));
    }

    /**
     * The same column copied into 64-byte aligned native memory, as a mapped file would be. It matters:
     * on JDK 25 the Vector API intrinsifies loads from heap segments only when the backing array's element
     * type is the vector's (a {@code long[]}-backed column read as bytes or shorts falls back to boxed
     * Java code, ~30x slower), while native segments always take the intrinsic.
     */
    public static Utf16Column offHeap(Utf16Column heap) {
        Arena arena = Arena.ofAuto();
        MemorySegment units = arena.allocate(heap.units().byteSize(), Utf16Column.ALIGNMENT).copyFrom(heap.units());
        MemorySegment offsets = arena.allocate(heap.offsets().byteSize(), Utf16Column.ALIGNMENT).copyFrom(heap.offsets());
        MemorySegment absent = heap.absentBits() == null ? null
                : arena.allocate(heap.absentBits().byteSize(), 8).copyFrom(heap.absentBits());
        return new Utf16Column().wrap(units, offsets, absent, heap.count());
    }

    public static long bytes(Utf16Column column) {
        return 2L * column.totalUnits();
    }
}
