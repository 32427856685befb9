package dev.widescan.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Field;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.Searcher;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.Scanner;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code widescan tune}'s engine: the sample is spread over the archive, every strategy is timed and
 * checked, the profile gives exactly auto's detections (so does every other choice per field), a profile
 * for other rules is refused, a planted wrong matcher is caught with field, block and value named, and the
 * time budget holds.
 */
class TuneTest {
    @TempDir
    static Path dir;
    static CompiledRuleSet rules;
    static Path fileA;
    static Path fileB;

    @BeforeAll
    static void data() throws IOException {
        rules = compile(TuneTestData.rules(dir, "rules", TuneTestData.RULES));
        fileA = TuneTestData.events(dir.resolve("a.wsev"), 12 * 1024, 1024, 11);
        fileB = TuneTestData.events(dir.resolve("b.wsev"), 8 * 1024, 1024, 12);
    }

    static CompiledRuleSet compile(Path folder) {
        return SigmaCompiler.compile(RuleLoader.load(List.of(folder), false).rules());
    }

    @Test
    void theSampleIsSpreadOverEveryFileNotTheFirstBlocks() {
        try (Archive archive = Archive.open(List.of(fileA, fileB))) {
            assertEquals(20, archive.totalBlocks());
            Sample sample = Sample.read(archive, List.of(Field.CommandLine, Field.Image), 4, 1);
            Set<String> got = new HashSet<>();
            for (Sample.Piece p : sample.pieces(Field.CommandLine)) {
                got.add(Path.of(p.file()).getFileName() + "#" + p.block());
            }
            // global blocks floor((2i+1)*20/8) = 2, 7, 12, 17: file a has blocks 0-11, file b 12-19
            assertEquals(Set.of("a.wsev#2", "a.wsev#7", "b.wsev#0", "b.wsev#5"), got);
            assertTrue(sample.pieces(Field.Image).stream().allMatch(Sample.Piece::dictionary),
                    "Image has 6 distinct values: every block dictionary-encoded, timed over its entries");
            assertTrue(sample.pieces(Field.CommandLine).stream().noneMatch(Sample.Piece::dictionary));
        }
    }

    /** A huge --sample-blocks is cut when reading the sample passes its time: still spread (shuffled order). */
    @Test
    void readingTheSampleStopsAtItsDeadline() {
        try (Archive archive = Archive.open(List.of(fileA, fileB))) {
            java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
            Sample sample = Sample.read(archive, List.of(Field.CommandLine), 20, 1, ticks::getAndIncrement, 1);
            Set<String> blocks = new HashSet<>();
            for (Sample.Piece p : sample.pieces(Field.CommandLine)) {
                blocks.add(p.file() + "#" + p.block());
            }
            assertEquals(3, sample.blocks(), "clock 0 and 1 are within the deadline, 2 is past it");
            assertEquals(3, blocks.size(), blocks.toString());
            assertEquals(20, Sample.read(archive, List.of(Field.CommandLine), 20, 1).blocks());
        }
    }

    @Test
    void everyStrategyIsTimedAndTheProfileGivesAutosDetections() throws IOException {
        TuneReport report;
        try (Archive archive = Archive.open(List.of(fileA, fileB))) {
            report = new Tuner().run(rules, archive, new Tuner.Settings(6, 6, 1), TuneProgress.NONE);
        }
        assertEquals(rules.fieldLiterals().size(), report.fields().size());
        for (FieldTuning f : report.fields()) {
            List<String> expected = new ArrayList<>();
            for (Candidate c : Candidate.forLiterals(f.literals(), report.machine().vectorBits())) {
                expected.add(c.label());
            }
            List<String> timed = f.timings().stream().map(StrategyTiming::label).toList();
            assertEquals(expected, timed, f.field() + ": every candidate, auto's first");
            assertEquals(MatcherFactory.pick(f.literals()), f.auto().label(), f.field().name());
            assertEquals(1.0, f.ratioToAuto(f.auto()), 1e-12);
            for (StrategyTiming t : f.timings()) {
                assertTrue(t.rounds() >= 1 && t.warmupRounds() >= 1, f.field() + " " + t.label() + " rounds " + t.rounds());
                assertTrue(t.medianGbps() > 0 && t.minGbps() <= t.medianGbps() && t.medianGbps() <= t.maxGbps(), t.toString());
                assertTrue(t.checkedBytes() >= 1 && t.piecesPerRound() >= 1, t.toString());
            }
        }
        assertTrue(report.fields().stream().anyMatch(f -> f.field() == Field.CommandLine
                && f.timings().stream().anyMatch(t -> t.label().equals("aho-corasick+anchored"))), "split candidates for a mixed set");

        Path saved = dir.resolve("profile.json");
        report.toProfile(saved).write(saved);
        StrategyProfile profile = StrategyProfile.read(saved);
        assertEquals(report.machine().asMap(), profile.machine());
        String auto = scan(rules, null);
        assertTrue(auto.lines().count() > 100, "the rules should detect often: " + auto.lines().count());
        assertEquals(auto, scan(rules, profile), "scan --profile must give exactly auto's detections");
    }

    /** Every strategy a profile may name, slot by slot, gives auto's detections (the profile changes speed only). */
    @Test
    void everyChoiceAProfileCanMakeGivesAutosDetections() throws IOException {
        String auto = scan(rules, null);
        List<FieldLiterals> slots = rules.fieldLiterals();
        int scans = 0;
        for (int slot = 0; slot < slots.size(); slot++) {
            for (Candidate c : Candidate.forLiterals(slots.get(slot).literals(), 512)) {
                List<StrategyProfile.Entry> entries = new ArrayList<>();
                for (int s = 0; s < slots.size(); s++) {
                    FieldLiterals fl = slots.get(s);
                    Candidate chosen = s == slot ? c : new Candidate(MatcherFactory.pick(fl.literals()), Map.of());
                    entries.add(new StrategyProfile.Entry(fl.field(), fl.literals().size(), StrategyProfile.fingerprint(fl.literals()),
                            chosen.strategy(), chosen.parameters()));
                }
                assertEquals(auto, scan(rules, new StrategyProfile(dir.resolve("p"), entries, Map.of())),
                        "slot " + slot + " " + slots.get(slot).field() + " with " + c.label());
                scans++;
            }
        }
        assertTrue(scans >= 3 * slots.size(), "every slot tried with at least naive, aho-corasick and teddy: " + scans + " scans");
    }

    @Test
    void aProfileForOtherRulesIsRefused() throws IOException {
        List<StrategyProfile.Entry> entries = new ArrayList<>();
        for (FieldLiterals fl : rules.fieldLiterals()) {
            entries.add(new StrategyProfile.Entry(fl.field(), fl.literals().size(), StrategyProfile.fingerprint(fl.literals()),
                    "aho-corasick", Map.of()));
        }
        StrategyProfile profile = new StrategyProfile(dir.resolve("mine.json"), entries, Map.of());
        profile.checkFits(rules);
        CompiledRuleSet other = compile(TuneTestData.rules(dir, "other", TuneTestData.RULES.replace("'rundll32'", "'regsvr32'")));
        StrategyProfile.ProfileMismatchException e = assertThrows(StrategyProfile.ProfileMismatchException.class,
                () -> new Scanner(other, new ScanOptions("auto", 1, true, true, false, false, profile)));
        assertTrue(e.getMessage().contains("mine.json") && e.getMessage().contains("tuned for other rules")
                && e.getMessage().contains("CommandLine"), e.getMessage());
        CompiledRuleSet fewer = compile(TuneTestData.rules(dir, "fewer", TuneTestData.RULES.split("---\n")[0]));
        e = assertThrows(StrategyProfile.ProfileMismatchException.class, () -> profile.checkFits(fewer));
        assertTrue(e.getMessage().contains("field slot"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScanOptions("teddy", 1, true, true, false, false, profile),
                "--strategy and --profile together");
    }

    @Test
    void aWrongMatcherIsCaughtWithFieldBlockAndValueNamed() {
        try (Archive archive = Archive.open(List.of(fileA))) {
            Sample sample = Sample.read(archive, List.of(Field.CommandLine), 3, 1);
            FieldLiterals commandLine = rules.fieldLiterals().stream().filter(fl -> fl.field() == Field.CommandLine).findFirst().orElseThrow();
            FieldTuner tuner = new FieldTuner(0, commandLine, sample.pieces(Field.CommandLine), System::nanoTime);
            Candidate auto = new Candidate(MatcherFactory.pick(commandLine.literals()), Map.of());
            tuner.measure(auto, 200_000_000L);
            Sample.Piece first = sample.pieces(Field.CommandLine).get(0);
            Matcher right = MatcherFactory.create("naive", commandLine.literals());
            int[] victim = {-1};
            right.newSearcher().scan(first.input(), first.fromValue(), first.toValue(), (v, l) -> victim[0] = victim[0] < 0 ? v : victim[0]);
            assertTrue(victim[0] >= 0, "block 0 of the sample should have a hit");
            Matcher planted = new DroppingMatcher(right, victim[0]);
            SelfTestFailure failure = assertThrows(SelfTestFailure.class,
                    () -> tuner.measure(new Candidate("naive", Map.of()), planted, System.nanoTime(), 200_000_000L));
            String m = failure.getMessage();
            String value = first.input().valueAsString(victim[0]);
            assertTrue(m.startsWith("engine self-test failed: field CommandLine"), m);
            assertTrue(m.contains(first.where()) && m.contains("value " + victim[0] + " of the block") && m.contains(value), m);
            assertTrue(m.contains("naive does not") || m.contains("naive reports"), m);
        }
    }

    @Test
    void theTimeBudgetHolds() {
        try (Archive archive = Archive.open(List.of(fileA, fileB))) {
            long start = System.nanoTime();
            TuneReport report = new Tuner().run(rules, archive, new Tuner.Settings(20, 2, 1), TuneProgress.NONE);
            double took = (System.nanoTime() - start) / 1e9;
            // the minimum work per strategy (a cold round, one block checked, one round) may run over a little
            // on a loaded machine; never by the sample's size (20 blocks of ~10 strategies x 3 fields)
            assertTrue(took < 2.5 * 2 + 2, "2 s budget took " + took + " s");
            assertTrue(report.elapsedSeconds() <= took);
        }
    }

    /** A budget that bounds nothing (--seconds Infinity used to tune for ever) is refused like 0 or NaN. */
    @Test
    void aBudgetMustBeFiniteAndPositive() {
        for (double s : new double[] {Double.POSITIVE_INFINITY, 0, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Tuner.Settings(4, s, 1));
            assertTrue(e.getMessage().startsWith("--seconds must be > 0"), e.getMessage());
        }
        assertEquals(1e6, new Tuner.Settings(4, 1e6, 1).seconds());
    }

    static String scan(CompiledRuleSet rules, StrategyProfile profile) throws IOException {
        Scanner scanner = new Scanner(rules, new ScanOptions("auto", 1, true, true, false, false, profile));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Archive archive = Archive.open(List.of(fileA, fileB))) {
            scanner.scan(archive, out, new PrintStream(new ByteArrayOutputStream()));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A planted engine bug: the wrapped matcher's hits, minus those on one value. */
    private record DroppingMatcher(Matcher inner, int dropped) implements Matcher {
        @Override
        public String strategyName() {
            return inner.strategyName();
        }

        @Override
        public LiteralSet literals() {
            return inner.literals();
        }

        @Override
        public Searcher newSearcher() {
            Searcher searcher = inner.newSearcher();
            return (column, fromValue, toValue, sink) -> searcher.scan(column, fromValue, toValue, (v, l) -> {
                if (v != dropped) {
                    sink.hit(v, l);
                }
            });
        }
    }
}
