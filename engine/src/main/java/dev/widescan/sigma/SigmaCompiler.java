package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralSet;
import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles loaded rules into (a) one deduplicated literal set per field for the matcher layer and (b) one
 * small boolean program per rule over literal hits and column checks; see {@link RuleEvaluator} for why
 * the program has this shape.
 *
 * <p>Value predicates become:
 * <ul>
 *   <li>a pattern whose stars are only at the ends: one literal, its kind from the stars
 *       ({@code abc} equals, {@code abc*} starts-with, {@code *abc} ends-with, {@code *abc*} contains);</li>
 *   <li>a pattern with wildcards inside ({@code *a*b*}, {@code C:\?\x}): its longest plain run as a
 *       prefilter literal (anchored when the run touches an anchored end), confirmed by a {@link GlobCheck};
 *       without any plain run, the glob check alone;</li>
 *   <li>{@code ''}: {@link EmptyValueCheck}; only stars: present ({@link PresenceCheck});
 *       {@code null}/{@code exists}: {@link PresenceCheck}; {@code re}: {@link RegexCheck}, gated by the
 *       regex's required factors ({@link RegexFactors}) when it has some;
 *       {@code fieldref}: {@link FieldRefCheck}; {@code lt}/{@code lte}/{@code gt}/{@code gte}: {@link NumberCheck};
 *       {@code minute}/{@code hour}/{@code day}/{@code month}/{@code year}: {@link TimePartCheck};
 *       keywords: the same, OR-ed over every schema field.</li>
 * </ul>
 */
public final class SigmaCompiler {
    private record LiteralKey(Field field, Literal literal) {
    }

    private final Map<LiteralKey, Integer> literalIds = new HashMap<>();
    private final List<LiteralKey> literals = new ArrayList<>();
    private final List<ColumnCheck> checks = new ArrayList<>();
    private final Set<Field> fieldsNeeded = EnumSet.noneOf(Field.class);

    private SigmaCompiler() {
    }

    public static CompiledRuleSet compile(List<SigmaRule> rules) {
        SigmaCompiler c = new SigmaCompiler();
        List<ProgramNode> programs = new ArrayList<>(rules.size());
        for (SigmaRule r : rules) {
            programs.add(c.rule(r));
        }
        return c.finish(rules, programs);
    }

    private ProgramNode rule(SigmaRule rule) {
        Map<String, ProgramNode> selections = new HashMap<>();
        for (Selection s : rule.detection().selections().values()) {
            selections.put(s.name(), selection(s));
        }
        return condition(rule.detection().condition(), selections);
    }

    private ProgramNode condition(Condition c, Map<String, ProgramNode> selections) {
        return switch (c) {
            case Condition.Ref r -> selections.get(r.selection());
            case Condition.Not n -> not(condition(n.operand(), selections));
            case Condition.And a -> and(a.operands().stream().map(o -> condition(o, selections)).toList());
            case Condition.Or o -> or(o.operands().stream().map(x -> condition(x, selections)).toList());
            case Condition.Of of -> {
                List<ProgramNode> ops = of.selections().stream().map(selections::get).toList();
                yield of.all() ? and(ops) : or(ops);
            }
        };
    }

    private ProgramNode selection(Selection s) {
        List<ProgramNode> alts = new ArrayList<>();
        for (List<FieldMatch> alt : s.alternatives()) {
            alts.add(and(alt.stream().map(this::fieldMatch).toList()));
        }
        return or(alts);
    }

    private ProgramNode fieldMatch(FieldMatch fm) {
        if (fm.isOutsideSchema()) {
            return fm.onAbsentValue() ? TRUE : FALSE; // folded away by and/or/not (FieldMatch)
        }
        List<ProgramNode> groups = new ArrayList<>();
        for (ValueGroup g : fm.values()) {
            List<ProgramNode> alts = new ArrayList<>();
            for (ValuePredicate p : g.anyOf()) {
                if (fm.isKeyword()) {
                    for (Field f : Field.values()) {
                        alts.add(predicate(f, p));
                    }
                } else {
                    alts.add(predicate(fm.field(), p));
                }
            }
            groups.add(or(alts));
        }
        ProgramNode matched = fm.matchAll() ? and(groups) : or(groups);
        return fm.negated() ? not(matched) : matched;
    }

    private ProgramNode predicate(Field field, ValuePredicate p) {
        fieldsNeeded.add(field);
        return switch (p) {
            case ValuePredicate.Pattern pat -> pattern(field, pat.pattern(), pat.caseSensitive());
            case ValuePredicate.IsNull n -> check(new PresenceCheck(field, false));
            case ValuePredicate.Exists e -> check(new PresenceCheck(field, e.present()));
            case ValuePredicate.Regex r -> regex(field, r);
            case ValuePredicate.FieldRef f -> {
                fieldsNeeded.add(f.other());
                yield check(new FieldRefCheck(field, f.other(), f.position(), f.caseSensitive()));
            }
            case ValuePredicate.Compare c -> check(new NumberCheck(field, c));
            case ValuePredicate.TimePart t -> check(new TimePartCheck(field, t));
        };
    }

    /**
     * {@code |re}: gated by its required factors ({@link RegexFactors}) when it has some: "one factor hit
     * AND the regex matches", which equals the regex alone because every match contains a factor, and
     * lets the rule be indexed under the factors instead of being evaluated on every record.
     */
    private ProgramNode regex(Field field, ValuePredicate.Regex r) {
        String re2 = r.re2Pattern();
        List<String> factors = RegexFactors.of(re2);
        int check = addCheck(new RegexCheck(field, re2, r.re2Flags(), !factors.isEmpty()));
        if (factors.isEmpty()) {
            return new ProgramNode.Check(check);
        }
        List<ProgramNode> anyFactor = new ArrayList<>(factors.size());
        for (String f : factors) {
            anyFactor.add(new ProgramNode.Lit(literal(field, f, LiteralKind.CONTAINS, false)));
        }
        return new ProgramNode.And(List.of(or(anyFactor), new ProgramNode.Check(check)));
    }

    private ProgramNode pattern(Field field, SigmaPattern p, boolean cased) {
        int n = p.length();
        int lead = 0;
        while (lead < n && p.isStar(lead)) {
            lead++;
        }
        int trail = 0;
        while (trail < n - lead && p.isStar(n - 1 - trail)) {
            trail++;
        }
        if (lead + trail == n) {
            return n == 0 ? check(new EmptyValueCheck(field)) : check(new PresenceCheck(field, true));
        }
        boolean innerWildcard = false;
        for (int i = lead; i < n - trail; i++) {
            innerWildcard |= p.isWildcard(i);
        }
        if (!innerWildcard) {
            LiteralKind kind = lead > 0 && trail > 0 ? LiteralKind.CONTAINS
                    : lead > 0 ? LiteralKind.ENDS_WITH : trail > 0 ? LiteralKind.STARTS_WITH : LiteralKind.EQUALS;
            return new ProgramNode.Lit(literal(field, runText(p, lead, n - trail), kind, cased));
        }
        int bestFrom = -1;
        int bestTo = -1;
        int i = 0;
        while (i < n) {
            if (p.isWildcard(i)) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && !p.isWildcard(i)) {
                i++;
            }
            boolean anchored = from == 0 || i == n;
            boolean bestAnchored = bestFrom == 0 || bestTo == n;
            if (i - from > bestTo - bestFrom || (i - from == bestTo - bestFrom && anchored && !bestAnchored)) {
                bestFrom = from;
                bestTo = i;
            }
        }
        int glob = addCheck(new GlobCheck(field, p, cased));
        if (bestFrom < 0) {
            return new ProgramNode.Check(glob);
        }
        LiteralKind kind = bestFrom == 0 ? LiteralKind.STARTS_WITH : bestTo == n ? LiteralKind.ENDS_WITH : LiteralKind.CONTAINS;
        return new ProgramNode.Verify(literal(field, runText(p, bestFrom, bestTo), kind, cased), glob);
    }

    private static String runText(SigmaPattern p, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = p.unit(i);
        }
        return new String(out);
    }

    private int literal(Field field, String text, LiteralKind kind, boolean cased) {
        Literal lit = new Literal(cased ? text : CaseFolding.fold(text), kind, cased);
        LiteralKey key = new LiteralKey(field, lit);
        Integer id = literalIds.get(key);
        if (id == null) {
            id = literals.size();
            literals.add(key);
            literalIds.put(key, id);
        }
        return id;
    }

    private ProgramNode check(ColumnCheck c) {
        return new ProgramNode.Check(addCheck(c));
    }

    private int addCheck(ColumnCheck c) {
        checks.add(c);
        return checks.size() - 1;
    }

    /**
     * The constants an entry on a field outside the schema compiles to: an AND and an OR of nothing.
     * {@link #and}, {@link #or} and {@link #not} fold them, so a program holds one only as its whole root
     * (a rule that matches every event, e.g. {@code GrandParentImage: null}: an always-evaluated rule
     * whose program is true; a rule that can never match is refused by the loader, {@link OutsideSchema}).
     */
    private static final ProgramNode TRUE = new ProgramNode.And(List.of());
    private static final ProgramNode FALSE = new ProgramNode.Or(List.of());

    private static ProgramNode and(List<ProgramNode> ops) {
        if (ops.contains(FALSE)) {
            return FALSE;
        }
        List<ProgramNode> rest = ops.contains(TRUE) ? ops.stream().filter(o -> !o.equals(TRUE)).toList() : ops;
        return rest.size() == 1 ? rest.get(0) : new ProgramNode.And(rest);
    }

    private static ProgramNode or(List<ProgramNode> ops) {
        if (ops.contains(TRUE)) {
            return TRUE;
        }
        List<ProgramNode> rest = ops.contains(FALSE) ? ops.stream().filter(o -> !o.equals(FALSE)).toList() : ops;
        return rest.size() == 1 ? rest.get(0) : new ProgramNode.Or(rest);
    }

    private static ProgramNode not(ProgramNode op) {
        return op.equals(TRUE) ? FALSE : op.equals(FALSE) ? TRUE : new ProgramNode.Not(op);
    }

    /**
     * Literals of at most this many units that no rule is gated by are asked on demand
     * ({@link LiteralCheck}) instead of by the field's matcher.
     */
    static final int DEMOTE_MAX_UNITS = Integer.getInteger("widescan.demoteUnits", 2);

    private CompiledRuleSet finish(List<SigmaRule> rules, List<ProgramNode> programs) {
        CompiledRuleSet all = build(rules, programs, new boolean[literals.size()]);
        boolean[] demote = demoted(all, programs);
        int[] lazyCheck = new int[literals.size()];
        boolean any = false;
        for (int i = 0; i < demote.length; i++) {
            if (demote[i]) {
                lazyCheck[i] = addCheck(new LiteralCheck(literals.get(i).field(), literals.get(i).literal()));
                any = true;
            }
        }
        if (!any) {
            return all;
        }
        List<ProgramNode> rewritten = new ArrayList<>(programs.size());
        for (ProgramNode p : programs) {
            rewritten.add(onDemand(p, demote, lazyCheck));
        }
        CompiledRuleSet fewer = build(rules, rewritten, demote);
        // Only literals no gate uses are demoted, so every rule keeps its gate; checked, not assumed.
        return fewer.alwaysEvaluatedRuleCount() == all.alwaysEvaluatedRuleCount() ? fewer : all;
    }

    /**
     * The literals to ask on demand: at most {@link #DEMOTE_MAX_UNITS} units, used only as plain operands
     * (not as a wildcard pattern's prefilter), and waking no rule in {@code all}. Such a literal hits
     * often (short) and is needed rarely (only by rules a rarer literal already woke).
     */
    private boolean[] demoted(CompiledRuleSet all, List<ProgramNode> programs) {
        boolean[] inVerify = new boolean[literals.size()];
        for (ProgramNode p : programs) {
            markVerify(p, inVerify);
        }
        boolean[] out = new boolean[literals.size()];
        for (int i = 0; i < out.length; i++) {
            int g = lastGlobalId[i];
            out[i] = !inVerify[i] && literals.get(i).literal().text().length() <= DEMOTE_MAX_UNITS
                    && all.literalRuleStart[g + 1] == all.literalRuleStart[g];
        }
        return out;
    }

    private static void markVerify(ProgramNode n, boolean[] inVerify) {
        switch (n) {
            case ProgramNode.Verify v -> inVerify[v.literal()] = true;
            case ProgramNode.Not x -> markVerify(x.operand(), inVerify);
            case ProgramNode.And a -> a.operands().forEach(o -> markVerify(o, inVerify));
            case ProgramNode.Or o -> o.operands().forEach(x -> markVerify(x, inVerify));
            case ProgramNode.Lit l -> { }
            case ProgramNode.Check c -> { }
        }
    }

    private static ProgramNode onDemand(ProgramNode n, boolean[] demote, int[] lazyCheck) {
        return switch (n) {
            case ProgramNode.Lit l -> demote[l.literal()] ? new ProgramNode.Check(lazyCheck[l.literal()]) : l;
            case ProgramNode.Not x -> new ProgramNode.Not(onDemand(x.operand(), demote, lazyCheck));
            case ProgramNode.And a -> new ProgramNode.And(a.operands().stream().map(o -> onDemand(o, demote, lazyCheck)).toList());
            case ProgramNode.Or o -> new ProgramNode.Or(o.operands().stream().map(x -> onDemand(x, demote, lazyCheck)).toList());
            case ProgramNode.Verify v -> v;
            case ProgramNode.Check c -> c;
        };
    }

    /** Global literal id per compile-time literal id of the last {@link #build} (-1: not in a matcher). */
    private int[] lastGlobalId;

    private CompiledRuleSet build(List<SigmaRule> rules, List<ProgramNode> programs, boolean[] leftOut) {
        // Field slots in schema order; within a slot, literals in first-use order.
        Map<Field, List<Literal>> byField = new EnumMap<>(Field.class);
        int[] localId = new int[literals.size()];
        for (int i = 0; i < literals.size(); i++) {
            if (leftOut[i]) {
                continue;
            }
            List<Literal> list = byField.computeIfAbsent(literals.get(i).field(), f -> new ArrayList<>());
            localId[i] = list.size();
            list.add(literals.get(i).literal());
        }
        List<FieldLiterals> fieldLiterals = new ArrayList<>();
        Map<Field, Integer> base = new EnumMap<>(Field.class);
        int next = 0;
        for (Map.Entry<Field, List<Literal>> e : byField.entrySet()) {
            fieldLiterals.add(new FieldLiterals(e.getKey(), new LiteralSet(e.getValue())));
            base.put(e.getKey(), next);
            next += e.getValue().size();
        }
        int[] globalId = new int[literals.size()];
        for (int i = 0; i < literals.size(); i++) {
            globalId[i] = leftOut[i] ? -1 : base.get(literals.get(i).field()) + localId[i];
        }
        lastGlobalId = globalId;
        ProgramArrays arrays = new ProgramArrays(globalId, checks);
        int[] roots = new int[programs.size()];
        for (int r = 0; r < programs.size(); r++) {
            roots[r] = arrays.flatten(programs.get(r));
        }
        return new CompiledRuleSet(rules, fieldLiterals, fieldsNeeded, next, checks.toArray(ColumnCheck[]::new),
                arrays, roots);
    }

    /** Cheap operands first, so AND/OR short-circuit before touching regexes and globs. */
    static Comparator<ProgramNode> byCost(List<ColumnCheck> checks) {
        return Comparator.comparingInt(n -> cost(n, checks));
    }

    static int cost(ProgramNode n, List<ColumnCheck> checks) {
        return switch (n) {
            case ProgramNode.Lit l -> 1;
            case ProgramNode.Verify v -> 1 + checks.get(v.check()).cost();
            case ProgramNode.Check c -> checks.get(c.check()).cost();
            case ProgramNode.Not x -> cost(x.operand(), checks);
            case ProgramNode.And a -> a.operands().stream().mapToInt(o -> cost(o, checks)).sum();
            // an OR of literal bits is a few bit tests: always cheaper than any column check
            case ProgramNode.Or o -> o.operands().stream().allMatch(x -> x instanceof ProgramNode.Lit) ? 1
                    : o.operands().stream().mapToInt(x -> cost(x, checks)).sum();
        };
    }
}
