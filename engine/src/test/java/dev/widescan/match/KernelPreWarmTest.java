package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel warm-up is only worth its thread if its calls take every path the scan's calls take (see
 * KernelPreWarm's class comment): these tests hold its literal sets and column to that, and check that the
 * warm-up runs at every width and once per process.
 */
class KernelPreWarmTest {
    @Test
    void theSetsHaveFingerprintsOfFourThreeTwoAndOneUnits() {
        List<Integer> fingerprints = KernelPreWarm.literalSets().stream()
                .map(set -> new TeddyPlan(new FoldedLiterals(set), null, false).fingerprint).toList();
        assertEquals(List.of(4, 3, 2, 1), fingerprints);
    }

    @Test
    void theSetsHoldEveryKindBothCasesAndANonAsciiLiteral() {
        Set<LiteralKind> kinds = EnumSet.noneOf(LiteralKind.class);
        Set<Boolean> cases = new HashSet<>();
        boolean nonAscii = false;
        for (LiteralSet set : KernelPreWarm.literalSets()) {
            for (Literal l : set.literals()) {
                kinds.add(l.kind());
                cases.add(l.caseSensitive());
                nonAscii |= l.text().chars().anyMatch(c -> c > 0x7F);
            }
        }
        assertEquals(EnumSet.allOf(LiteralKind.class), kinds);
        assertEquals(Set.of(true, false), cases);
        assertTrue(nonAscii);
    }

    @Test
    void theMappedColumnHoldsTheValuesAndEndsInsideAVectorAtEveryWidth() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            Utf16Column column = KernelPreWarm.mappedColumn(KernelPreWarm.VALUES, arena);
            assertEquals(KernelPreWarm.VALUES.length, column.count());
            for (int i = 0; i < column.count(); i++) {
                assertEquals(KernelPreWarm.VALUES[i], column.valueAsString(i), "value " + i);
            }
            int units = column.offset(column.count());
            assertEquals(2L * units, column.units().byteSize(), "the segment ends where the last value does");
            for (int lanes : new int[] {16, 32, 64}) {
                assertTrue(units > 2 * lanes && units % lanes != 0, units + " units, " + lanes + " lanes: a masked tail");
            }
            assertTrue(column.units().isMapped() && column.offsets().isMapped(), "mapped, as the scan's columns are");
        }
    }

    /**
     * The warm-up's file has no name by the time anything is written to it (DELETE_ON_CLOSE unlinks it as
     * it opens): a JVM exiting during the warm-up (a usage error, --help, Ctrl-C, kill -9; the thread is a
     * daemon) leaves nothing in the temporary folder. Seen through the folder's change events: the file's
     * deletion comes before any write to it, and the folder is empty afterwards while the column is in use.
     */
    @Test
    void theTemporaryFileIsGoneBeforeItIsWritten(@TempDir Path dir) throws IOException, InterruptedException {
        try (WatchService watcher = dir.getFileSystem().newWatchService(); Arena arena = Arena.ofShared()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            Utf16Column column = KernelPreWarm.mappedColumn(KernelPreWarm.VALUES, arena, dir);
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), "nothing left in the folder");
            }
            assertEquals(KernelPreWarm.VALUES[0], column.valueAsString(0), "the column reads after the file is gone");
            List<String> events = new ArrayList<>();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!events.contains("ENTRY_DELETE") && System.nanoTime() < until) {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents().forEach(e -> events.add(e.kind().name()));
                    key.reset();
                }
            }
            assertEquals("ENTRY_CREATE", events.get(0), events.toString());
            assertEquals(1, events.indexOf("ENTRY_DELETE"), "deleted before it is written: " + events);
        }
    }

    /**
     * Each set, on the warm-up column, has hits (the verified path), candidates verification rejects
     * (near misses and wrong places), and equals naive: the column is laid out right and the profile
     * it leaves is the one of a real scan's calls.
     */
    @Test
    void everySetHitsAndMissesOnTheColumnAndTeddyEqualsNaive() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            Utf16Column column = KernelPreWarm.mappedColumn(KernelPreWarm.VALUES, arena);
            for (LiteralSet set : KernelPreWarm.literalSets()) {
                Set<Long> naive = hits(new NaiveMatcher(set), column);
                assertFalse(naive.isEmpty(), "no hit for " + set);
                for (int bits : new int[] {128, 256, 512}) {
                    assertEquals(naive, hits(new TeddyMatcher(set, bits), column), bits + "-bit nibble, " + set);
                }
                assertEquals(naive, hits(new TeddyMatcher(set, 512, true), column), "512-bit 7-bit table, " + set);
                Set<Integer> valuesHit = new TreeSet<>();
                naive.forEach(h -> valuesHit.add((int) (h >>> 32)));
                assertTrue(valuesHit.size() < column.count(), "values without a hit of " + set);
            }
            Set<Integer> missedByAll = new TreeSet<>();
            for (int v = 0; v < column.count(); v++) {
                missedByAll.add(v);
            }
            for (LiteralSet set : KernelPreWarm.literalSets()) {
                hits(new NaiveMatcher(set), column).forEach(h -> missedByAll.remove((int) (h >>> 32)));
            }
            assertFalse(missedByAll.isEmpty(), "a value without any hit (the long run without candidates)");
        }
    }

    @Test
    void warmsEveryWidthWithoutFailing() throws IOException {
        KernelPreWarm.warm(128, false);
        KernelPreWarm.warm(256, false);
        KernelPreWarm.warm(512, false);
        KernelPreWarm.warm(512, true);
    }

    @Test
    void startsOncePerProcessAndFinishes() throws InterruptedException {
        Thread first = KernelPreWarm.startInBackground();
        Thread second = KernelPreWarm.startInBackground();
        assertSame(first, second);
        assertTrue(first.isDaemon(), "never keeps the JVM alive");
        KernelPreWarm.await(first);
        assertFalse(first.isAlive(), "done within the wait's bound");
        KernelPreWarm.await(null); // nothing to wait for: returns at once
    }

    private static Set<Long> hits(Matcher matcher, Utf16Column column) {
        Set<Long> hits = new TreeSet<>(); // a matcher may report a pair more than once: hits are a set
        matcher.newSearcher().scan(column, 0, column.count(), (v, id) -> hits.add(((long) v << 32) | id));
        return hits;
    }
}
