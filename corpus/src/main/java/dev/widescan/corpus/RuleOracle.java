package dev.widescan.corpus;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.sigma.ReferenceEvaluator;
import dev.widescan.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which of the given rules an event matches, as the generator's ground truth.
 *
 * <p>Why it is exact and still cheap: the answer always comes from {@link ReferenceEvaluator} (the
 * spec-literal evaluator that shares no code with the fast path), but only for candidate rules. A rule
 * is a candidate for an event when one of its necessary literals ({@link NecessaryLiterals}) occurs in
 * the event ({@link LiteralProbe}, exact); without a known necessary set, any of its literals, or, when
 * the compiler reports that it can match without a literal hit, every event. Rules are compiled on their
 * own to learn this, so the gate is sound per rule: a non-candidate cannot match. For the seed rule a
 * background event is settled by one probe pass over its command line.
 */
final class RuleOracle {
    private final List<SigmaRule> rules;
    private final Field[] fields;
    private final LiteralProbe[] probes;
    /** Per probed field, per literal id: the rules that literal belongs to. */
    private final int[][][] literalRules;
    private final int[] alwaysRules;
    private final List<List<Literal>> commandLineLiterals = new ArrayList<>();
    private final long[] candidates;
    private final int[] touched;
    private int touchedCount;
    private int[][] currentOwners;
    private final LiteralProbe.Hits onLiteral = this::literalHit;

    RuleOracle(List<SigmaRule> rules) {
        this.rules = List.copyOf(rules);
        Map<Field, Map<Literal, List<Integer>>> byField = new EnumMap<>(Field.class);
        List<Integer> always = new ArrayList<>();
        boolean[] canMatchWithoutLiterals = new boolean[1];
        for (int r = 0; r < rules.size(); r++) {
            SigmaRule rule = rules.get(r);
            List<NecessaryLiterals.FieldLiteral> all = NecessaryLiterals.allOf(rule, canMatchWithoutLiterals);
            List<NecessaryLiterals.FieldLiteral> gate = NecessaryLiterals.of(rule);
            if (gate == null && canMatchWithoutLiterals[0]) {
                always.add(r);
            } else {
                for (NecessaryLiterals.FieldLiteral fl : gate != null ? gate : all) {
                    List<Integer> owners = byField.computeIfAbsent(fl.field(), f -> new LinkedHashMap<>())
                            .computeIfAbsent(fl.literal(), x -> new ArrayList<>(1));
                    if (owners.isEmpty() || owners.get(owners.size() - 1) != r) {
                        owners.add(r);
                    }
                }
            }
            commandLineLiterals.add(spliceable(gate, all));
        }
        fields = byField.keySet().toArray(new Field[0]);
        probes = new LiteralProbe[fields.length];
        literalRules = new int[fields.length][][];
        for (int f = 0; f < fields.length; f++) {
            Map<Literal, List<Integer>> m = byField.get(fields[f]);
            List<Literal> lits = new ArrayList<>(m.keySet());
            probes[f] = new LiteralProbe(lits);
            literalRules[f] = new int[lits.size()][];
            for (int i = 0; i < lits.size(); i++) {
                literalRules[f][i] = m.get(lits.get(i)).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        alwaysRules = always.stream().mapToInt(Integer::intValue).toArray();
        candidates = new long[(rules.size() + 63) >>> 6];
        touched = new int[rules.size()];
    }

    /** The gate's CommandLine literals when there is a gate with some, else all CommandLine literals. */
    private static List<Literal> spliceable(List<NecessaryLiterals.FieldLiteral> gate, List<NecessaryLiterals.FieldLiteral> all) {
        List<Literal> fromGate = new ArrayList<>();
        if (gate != null) {
            for (NecessaryLiterals.FieldLiteral fl : gate) {
                if (fl.field() == Field.CommandLine) {
                    fromGate.add(fl.literal());
                }
            }
        }
        if (!fromGate.isEmpty()) {
            return List.copyOf(fromGate);
        }
        List<Literal> any = new ArrayList<>();
        for (NecessaryLiterals.FieldLiteral fl : all) {
            if (fl.field() == Field.CommandLine) {
                any.add(fl.literal());
            }
        }
        return List.copyOf(any);
    }

    int ruleCount() {
        return rules.size();
    }

    SigmaRule rule(int index) {
        return rules.get(index);
    }

    /** The CommandLine literals the compiler extracted from rule {@code index}: what hits are spliced from. */
    List<Literal> commandLineLiterals(int index) {
        return commandLineLiterals.get(index);
    }

    /** Rules evaluated on every event because they can match without a literal hit. */
    int alwaysEvaluatedCount() {
        return alwaysRules.length;
    }

    /**
     * Writes the indices of the rules {@code event} matches into {@code out} in ascending order and
     * returns how many; {@code out} must hold {@link #ruleCount()} entries.
     */
    int evaluate(EventRecord event, int[] out) {
        collectCandidates(event);
        int found = 0;
        for (int w = 0; w < candidates.length; w++) {
            long bits = candidates[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (ReferenceEvaluator.matches(rules.get(r), event)) {
                    out[found++] = r;
                }
            }
        }
        clearCandidates();
        return found;
    }

    /** Whether {@code event} matches any rule (stops at the first). */
    boolean matchesAny(EventRecord event) {
        collectCandidates(event);
        boolean any = false;
        for (int t = 0; t < touchedCount && !any; t++) {
            any = ReferenceEvaluator.matches(rules.get(touched[t]), event);
        }
        clearCandidates();
        return any;
    }

    private void collectCandidates(EventRecord event) {
        for (int r : alwaysRules) {
            mark(r);
        }
        for (int f = 0; f < fields.length; f++) {
            String value = event.get(fields[f]);
            if (value != null) {
                currentOwners = literalRules[f];
                probes[f].probe(value, onLiteral);
            }
        }
    }

    private void literalHit(int literalId) {
        for (int r : currentOwners[literalId]) {
            mark(r);
        }
    }

    private void mark(int r) {
        long bit = 1L << r;
        if ((candidates[r >>> 6] & bit) == 0) {
            candidates[r >>> 6] |= bit;
            touched[touchedCount++] = r;
        }
    }

    private void clearCandidates() {
        for (int t = 0; t < touchedCount; t++) {
            candidates[touched[t] >>> 6] = 0;
        }
        touchedCount = 0;
    }
}
