package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RuleEvaluator mechanics: gating, order, repeated hits, block reuse, and no allocation in steady state. */
class RuleEvaluatorTest {
    private static final List<SigmaRule> RULES = List.of(
            rule(yaml("sel:\n  CommandLine|contains: 'evil'\nf:\n  Image|endswith: '\\ok.exe'\ncondition: sel and not f")),
            rule(yaml("sel:\n  CommandLine|contains:\n    - 'evil'\n    - 'bad'\ncondition: sel")),
            rule(yaml("sel:\n  CommandLine|re: 'e.i'\ncondition: sel")),
            rule(yaml("sel:\n  Image: null\ncondition: sel")),
            rule(yaml("sel:\n  CommandLine: '*v*l*'\ncondition: sel")),
            rule(yaml("sel:\n  Image|fieldref|contains: CommandLine\ncondition: sel")));

    private static List<EventRecord> events() {
        return List.of(
                event(CommandLine, "evil bad", Image, "C:\\x.exe"),
                event(CommandLine, "evil", Image, "C:\\ok.exe"),
                event(CommandLine, "nothing", Image, "C:\\nothing\\y.exe"),
                event(CommandLine, "EVIL"),
                event(Image, "a"),
                event(CommandLine, "v-l", Image, "x"));
    }

    @Test
    void gatingAndOrder() {
        CompiledRuleSet set = SigmaCompiler.compile(RULES);
        // regex-only, null-only and fieldref-only rules can match without a literal hit.
        assertEquals(3, set.alwaysEvaluatedRuleCount());
        assertTrue(set.fieldsNeeded().containsAll(List.of(CommandLine, Image)));
        List<Detections.Hit> hits = Detections.compiled(set, events(), 4);
        assertEquals(Detections.reference(RULES, events()), hits);
        for (int i = 1; i < hits.size(); i++) {
            Detections.Hit a = hits.get(i - 1);
            Detections.Hit b = hits.get(i);
            assertTrue(a.record() < b.record() || (a.record() == b.record() && a.rule() < b.rule()), "record then rule order");
        }
    }

    @Test
    void repeatedAndOutOfOrderSlotHitsCountOnce() {
        // literals longer than SigmaCompiler.DEMOTE_MAX_UNITS, so that both stay in their field's matcher
        SigmaRule r = rule(yaml("sel:\n  CommandLine|contains: 'aaa'\n  Image|contains: 'bbb'\ncondition: sel"));
        CompiledRuleSet set = SigmaCompiler.compile(List.of(r, r));
        RuleEvaluator ev = set.newEvaluator();
        RecordColumn[] cols = Detections.columns(List.of(event(CommandLine, "aaa", Image, "bbb"), event(CommandLine, "aaa")));
        ev.beginBlock(cols, 2);
        int cmd = set.fieldLiterals().get(0).field() == CommandLine ? 0 : 1;
        ev.sink(1 - cmd).hit(0, 0);
        ev.sink(cmd).hit(0, 0);
        ev.sink(cmd).hit(0, 0);
        ev.sink(cmd).hit(1, 0);
        List<Detections.Hit> out = new ArrayList<>();
        ev.evaluateBlock((rule, rec) -> out.add(new Detections.Hit(rule, rec)));
        assertEquals(List.of(new Detections.Hit(0, 0), new Detections.Hit(1, 0)), out);
        ev.beginBlock(cols, 2);
        out.clear();
        ev.evaluateBlock((rule, rec) -> out.add(new Detections.Hit(rule, rec)));
        assertEquals(List.of(), out, "hits do not leak into the next block");
    }

    @Test
    void steadyStateAllocatesNothing() {
        List<SigmaRule> withoutRegex = new ArrayList<>(RULES);
        withoutRegex.remove(2);
        assertEquals(0, allocatedBytes(withoutRegex, 100), "literal, glob, null and fieldref evaluation");
        // RE2/J's find() wraps its input in one small object per call (MachineInput); ours adds nothing.
        long regexCalls = 100L * 300;
        long withRegex = allocatedBytes(RULES, 100);
        assertTrue(withRegex <= regexCalls * 48, "allocated " + withRegex + " bytes for " + regexCalls + " regex calls");
    }

    /**
     * A block with few hits is evaluated over its hit records only (hits sorted by record, not counted over
     * every record): the same detections, and nothing allocated either.
     */
    @Test
    void fewHitsEvaluatedOverTheirRecordsAllocateNothing() {
        List<SigmaRule> gatedOnly = List.of(RULES.get(0), RULES.get(1));
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(i % 97 == 5 ? event(CommandLine, "evil bad", Image, "C:\\x.exe") : event(CommandLine, "quiet", Image, "C:\\y.exe"));
        }
        CompiledRuleSet set = SigmaCompiler.compile(gatedOnly);
        assertEquals(0, set.alwaysEvaluatedRuleCount());
        assertEquals(Detections.reference(gatedOnly, events), Detections.compiled(set, events, 600));
        for (Boolean hitRecordsOnly : new Boolean[] {null, true}) {
            assertEquals(0, allocatedBytes(gatedOnly, events, 100, hitRecordsOnly), "hit records only: " + hitRecordsOnly);
        }
    }

    @Test
    void sortRunsSortsAnyInputThroughItsScratch() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261130L);
        for (int n = 0; n < 400; n++) {
            long[] a = new long[n];
            int runs = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(4) == 0 ? random.nextLong(50) : (long) (i * runs / Math.max(n, 1)) * -7 + i % (n / runs + 1);
            }
            long[] expected = a.clone();
            java.util.Arrays.sort(expected);
            long[] actual = java.util.Arrays.copyOf(a, n + 3);
            RuleEvaluator.sortRuns(actual, n, new long[n]);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(java.util.Arrays.copyOf(actual, n)), "n " + n);
        }
    }

    /** Bytes this thread allocates for {@code blocks} blocks of 300 events after warm-up (hits replayed), least of five windows. */
    private static long allocatedBytes(List<SigmaRule> rules, int blocks) {
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.addAll(events());
        }
        return allocatedBytes(rules, events, blocks, null);
    }

    private static long allocatedBytes(List<SigmaRule> rules, List<EventRecord> events, int blocks, Boolean hitRecordsOnly) {
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        RuleEvaluator ev = set.newEvaluator();
        ev.hitRecordsOnly = hitRecordsOnly;
        RecordColumn[] cols = Detections.columns(events);
        List<int[]> recorded = new ArrayList<>();
        for (int s = 0; s < set.fieldLiterals().size(); s++) {
            int slot = s;
            Field f = set.fieldLiterals().get(s).field();
            new dev.widescan.match.NaiveMatcher(set.fieldLiterals().get(s).literals())
                    .newSearcher().scan(cols[f.ordinal()].plain(), 0, events.size(), (v, id) -> recorded.add(new int[] {slot, v, id}));
        }
        int[][] hits = recorded.toArray(int[][]::new);
        long[] count = new long[1];
        RuleMatchSink sink = (rule, rec) -> count[0]++;
        Runnable block = () -> {
            ev.beginBlock(cols, events.size());
            for (int[] h : hits) {
                ev.sink(h[0]).hit(h[1], h[2]);
            }
            ev.evaluateBlock(sink);
        };
        for (int i = 0; i < 300; i++) {
            block.run();
        }
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        // The least of five windows: a JIT compilation or deoptimization landing inside one window may
        // allocate a few bytes once (seen on a loaded CI machine), and so does the evaluator choosing its
        // gates again after block 512 (RuleEvaluator.regate); allocation per block shows in every window.
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 5; window++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < blocks; i++) {
                block.run();
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(count[0] > 0);
        return least;
    }
}
