package dev.widescan.sigma;

import dev.widescan.format.Field;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled rule set: the per-field literal sets the scanner runs, the fields it must read, and the
 * rule programs {@link RuleEvaluator}s execute. Immutable and shared by all scan threads.
 */
public final class CompiledRuleSet {
    private final List<SigmaRule> rules;
    private final List<FieldLiterals> fieldLiterals;
    private final Set<Field> fieldsNeeded;
    final int literalCount;
    final int[] slotBase;
    final ColumnCheck[] checkPrototypes;
    final byte[] kind;
    final int[] a;
    final int[] b;
    final int[] children;
    final int[] maskWord;
    final long[] maskBits;
    final int[] ruleRoot;
    /**
     * Per program node, the field slots whose literals it tests, one bit per slot (slots 63 and above
     * share bit 63): which slots' hits {@link RuleEvaluator} must have loaded for a record before the node
     * reads the literal bitset.
     */
    final long[] nodeSlots;
    /** For literal g, the rules gated by it: {@code literalRules[literalRuleStart[g] .. literalRuleStart[g+1])}. */
    final int[] literalRuleStart;
    final int[] literalRules;
    /** Rules that can match a record on which none of their literals hit: evaluated on every record. */
    final long[] alwaysRules;
    final int alwaysRuleCount;
    private final java.util.Map<Integer, String> alwaysReasons;
    /**
     * Per global literal: whether its hit rate can change a rule's gate ({@link ProgramArrays#gateCandidates}).
     * A filter's literals (under a negation) never can: {@link RuleEvaluator} counts their hits for nothing.
     */
    final boolean[] rateChoosesGates;

    CompiledRuleSet(List<SigmaRule> rules, List<FieldLiterals> fieldLiterals, Set<Field> fieldsNeeded, int literalCount,
                    ColumnCheck[] checkPrototypes, ProgramArrays program, int[] ruleRoot) {
        this.rules = List.copyOf(rules);
        this.fieldLiterals = List.copyOf(fieldLiterals);
        this.fieldsNeeded = Collections.unmodifiableSet(fieldsNeeded.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fieldsNeeded));
        this.literalCount = literalCount;
        this.slotBase = new int[fieldLiterals.size()];
        for (int s = 1; s < slotBase.length; s++) {
            slotBase[s] = slotBase[s - 1] + fieldLiterals.get(s - 1).literals().size();
        }
        this.checkPrototypes = checkPrototypes;
        this.kind = java.util.Arrays.copyOf(program.kind, program.size);
        this.a = java.util.Arrays.copyOf(program.a, program.size);
        this.b = java.util.Arrays.copyOf(program.b, program.size);
        this.children = java.util.Arrays.copyOf(program.children, program.childCount);
        this.maskWord = java.util.Arrays.copyOf(program.maskWord, program.maskCount);
        this.maskBits = java.util.Arrays.copyOf(program.maskBits, program.maskCount);
        this.ruleRoot = ruleRoot;
        this.nodeSlots = nodeSlots(program, slotBase);

        this.alwaysRules = new long[(rules.size() + 63) >>> 6];
        int always = 0;
        java.util.Map<Integer, String> reasons = new java.util.LinkedHashMap<>();
        for (int r = 0; r < ruleRoot.length; r++) {
            if (program.withoutLiterals(ruleRoot[r]) != ProgramArrays.FALSE) {
                alwaysRules[r >>> 6] |= 1L << r;
                always++;
                reasons.put(r, program.ungatedReason(ruleRoot[r]));
            }
        }
        this.alwaysRuleCount = always;
        this.alwaysReasons = java.util.Collections.unmodifiableMap(reasons);
        this.program = program;
        java.util.BitSet candidates = new java.util.BitSet(literalCount);
        for (int r = 0; r < ruleRoot.length; r++) {
            if ((alwaysRules[r >>> 6] & (1L << r)) == 0) {
                program.gateCandidates(ruleRoot[r], candidates);
            }
        }
        this.rateChoosesGates = new boolean[literalCount];
        for (int g = candidates.nextSetBit(0); g >= 0; g = candidates.nextSetBit(g + 1)) {
            rateChoosesGates[g] = true;
        }
        Gates g = gates(literalHitRates(fieldLiterals, literalCount));
        this.literalRuleStart = g.start();
        this.literalRules = g.rules();
    }

    private static long[] nodeSlots(ProgramArrays program, int[] slotBase) {
        long[] slots = new long[program.size];
        for (int node = 0; node < program.size; node++) {
            switch (program.kind[node]) {
                case ProgramArrays.LIT, ProgramArrays.VERIFY -> slots[node] = slotBit(program.a[node], slotBase);
                case ProgramArrays.ANY_LIT, ProgramArrays.ALL_LIT -> {
                    for (int i = program.a[node], end = i + program.b[node]; i < end; i++) {
                        for (long bits = program.maskBits[i]; bits != 0; bits &= bits - 1) {
                            int g = (program.maskWord[i] << 6) + Long.numberOfTrailingZeros(bits);
                            slots[node] |= slotBit(g, slotBase);
                        }
                    }
                }
                default -> { }
            }
        }
        return slots;
    }

    /** The bit of the slot holding global literal {@code g}: the last slot whose first id is at most g. */
    private static long slotBit(int g, int[] slotBase) {
        int lo = 0;
        int hi = slotBase.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (slotBase[mid] <= g) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return 1L << Math.min(lo, 63);
    }

    /** The program the gates are computed from (read-only after compilation; {@link #gates} reads it). */
    private final ProgramArrays program;

    /** For literal g, the rules it wakes: {@code rules[start[g] .. start[g+1])}. */
    record Gates(int[] start, int[] rules) {
    }

    /**
     * Which rules each literal wakes when literal g is taken to hit a fraction {@code hitRate[g]} of the
     * records: every gated rule under the literals of its cheapest necessary set ({@link ProgramArrays#gate}).
     * Any such set is exact (a rule can only match where one of them hit); the rates only choose the
     * set that wakes the rule least often. Rules evaluated on every record are not listed.
     */
    Gates gates(double[] hitRate) {
        List<List<Integer>> gated = new ArrayList<>(literalCount);
        for (int g = 0; g < literalCount; g++) {
            gated.add(new ArrayList<>(2));
        }
        BitSet lits = new BitSet();
        for (int r = 0; r < ruleRoot.length; r++) {
            if ((alwaysRules[r >>> 6] & (1L << r)) != 0) {
                continue;
            }
            BitSet gate = program.gate(ruleRoot[r], hitRate);
            lits.clear();
            if (gate != null) {
                lits.or(gate);
            } else {
                program.literalsUnder(ruleRoot[r], lits);
            }
            for (int g = lits.nextSetBit(0); g >= 0; g = lits.nextSetBit(g + 1)) {
                gated.get(g).add(r);
            }
        }
        int[] start = new int[literalCount + 1];
        int total = 0;
        for (int g = 0; g < literalCount; g++) {
            start[g] = total;
            total += gated.get(g).size();
        }
        start[literalCount] = total;
        int[] out = new int[total];
        for (int g = 0; g < literalCount; g++) {
            List<Integer> rs = gated.get(g);
            for (int i = 0; i < rs.size(); i++) {
                out[start[g] + i] = rs.get(i);
            }
        }
        return new Gates(start, out);
    }

    /**
     * A rough hit rate per global literal id for choosing each rule's gate: a literal of n units is taken
     * to hit 1/(1+n^2) of the values, so longer literals are preferred ('C:\\Windows\\Fonts\\' over '.exe').
     * It only decides which necessary literals wake a rule, never whether it matches.
     */
    private static double[] literalHitRates(List<FieldLiterals> fieldLiterals, int literalCount) {
        double[] rate = new double[literalCount];
        int g = 0;
        for (FieldLiterals fl : fieldLiterals) {
            for (dev.widescan.match.Literal l : fl.literals().literals()) {
                int n = l.text().length();
                rate[g++] = 1.0 / (1.0 + (double) n * n);
            }
        }
        return rate;
    }

    /** One entry per field slot: the slot index is the position in this list. */
    public List<FieldLiterals> fieldLiterals() {
        return fieldLiterals;
    }

    /** Every field a rule reads: literal fields plus fields read only by checks (regex, fieldref, null, exists). */
    public Set<Field> fieldsNeeded() {
        return fieldsNeeded;
    }

    public int ruleCount() {
        return rules.size();
    }

    public SigmaRule rule(int ruleIndex) {
        return rules.get(ruleIndex);
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    /** Distinct literals over all fields. */
    public int literalCount() {
        return literalCount;
    }

    /**
     * Literals left out of the field matchers and tested in the value when a rule needs them
     * ({@link LiteralCheck}: short ones that wake no rule).
     */
    public int onDemandLiteralCount() {
        int n = 0;
        for (ColumnCheck c : checkPrototypes) {
            n += c instanceof LiteralCheck ? 1 : 0;
        }
        return n;
    }

    /** Rules that must be evaluated on every record (they can match without any literal hit). */
    public int alwaysEvaluatedRuleCount() {
        return alwaysRuleCount;
    }

    /**
     * For each rule evaluated on every record (by rule index, in rule order): why it has no literal gate,
     * e.g. "ungated check: regex '.{1000,}'" or a negated selection.
     */
    public java.util.Map<Integer, String> alwaysEvaluatedReasons() {
        return alwaysReasons;
    }

    /**
     * How the {@code |re} checks confirm: {@code viaDfa} by the lazy DFA, the patterns in {@code viaRe2}
     * (outside the DFA's exact subset) by RE2/J; {@code gated} of all of them wait for a factor hit.
     */
    public record RegexTally(int checks, int viaDfa, int gated, List<String> viaRe2) {
    }

    public RegexTally regexTally() {
        int checks = 0;
        int dfa = 0;
        int gated = 0;
        java.util.Set<String> re2 = new java.util.TreeSet<>();
        for (ColumnCheck c : checkPrototypes) {
            if (c instanceof RegexCheck r) {
                checks++;
                dfa += r.usesDfa() ? 1 : 0;
                gated += r.gatedByFactors() ? 1 : 0;
                if (!r.usesDfa()) {
                    re2.add(r.pattern());
                }
            }
        }
        return new RegexTally(checks, dfa, gated, List.copyOf(re2));
    }

    /** A new per-thread evaluator. */
    public RuleEvaluator newEvaluator() {
        return new RuleEvaluator(this);
    }
}
