package dev.widescan.corpus;

import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.Condition;
import dev.widescan.sigma.Detection;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.Selection;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of literals at least one of which occurs in every event a rule matches, or "unknown".
 *
 * <p>Why: gating the reference evaluator on any literal of a rule would also wake it for the literals
 * of its filters (the seed's {@code Image|endswith: \MpCmdRun.exe} fires on every Defender event),
 * although a filter can only veto. The analysis walks the condition: a selection's set is its literals
 * when the compiler says it cannot match without one of them (compiled alone, it is not "always
 * evaluated"); {@code a and b} needs the smaller known set of the two; {@code a or b} the union, known
 * only if both are; {@code not a} is unknown. Sound by construction: it only narrows where a match is
 * impossible without the literal.
 */
final class NecessaryLiterals {
    record FieldLiteral(Field field, Literal literal) {
    }

    private final SigmaRule rule;
    private final Map<String, Set<FieldLiteral>> bySelection = new HashMap<>();

    private NecessaryLiterals(SigmaRule rule) {
        this.rule = rule;
    }

    /** The necessary literals of {@code rule} in a stable order, or null when none is known. */
    static List<FieldLiteral> of(SigmaRule rule) {
        NecessaryLiterals n = new NecessaryLiterals(rule);
        Set<FieldLiteral> need = n.need(rule.detection().condition());
        return need == null ? null : List.copyOf(need);
    }

    private Set<FieldLiteral> need(Condition c) {
        return switch (c) {
            case Condition.Ref r -> selection(r.selection());
            case Condition.Not n -> null;
            case Condition.And a -> smallest(a.operands().stream().map(this::need).toList());
            case Condition.Or o -> union(o.operands().stream().map(this::need).toList());
            case Condition.Of of -> of.all()
                    ? smallest(of.selections().stream().map(this::selection).toList())
                    : union(of.selections().stream().map(this::selection).toList());
        };
    }

    private static Set<FieldLiteral> smallest(List<Set<FieldLiteral>> sets) {
        Set<FieldLiteral> best = null;
        for (Set<FieldLiteral> s : sets) {
            if (s != null && (best == null || s.size() < best.size())) {
                best = s;
            }
        }
        return best;
    }

    private static Set<FieldLiteral> union(List<Set<FieldLiteral>> sets) {
        Set<FieldLiteral> all = new LinkedHashSet<>();
        for (Set<FieldLiteral> s : sets) {
            if (s == null) {
                return null;
            }
            all.addAll(s);
        }
        return all;
    }

    private Set<FieldLiteral> selection(String name) {
        if (bySelection.containsKey(name)) {
            return bySelection.get(name);
        }
        Selection s = rule.detection().selections().get(name);
        Detection alone = new Detection(Map.of(name, s), new Condition.Ref(name), List.of(name));
        SigmaRule single = new SigmaRule(rule.id(), rule.title(), rule.level(), rule.status(), rule.tags(),
                rule.logsource(), rule.sourcePath(), alone, rule.author(), rule.license());
        CompiledRuleSet compiled = SigmaCompiler.compile(List.of(single));
        Set<FieldLiteral> literals = null;
        if (compiled.alwaysEvaluatedRuleCount() == 0) {
            literals = new LinkedHashSet<>();
            for (FieldLiterals fl : compiled.fieldLiterals()) {
                for (Literal l : fl.literals().literals()) {
                    literals.add(new FieldLiteral(fl.field(), l));
                }
            }
        }
        bySelection.put(name, literals);
        return literals;
    }

    /** All literals of the whole rule, and whether it can match without any (then it has no gate). */
    static List<FieldLiteral> allOf(SigmaRule rule, boolean[] always) {
        CompiledRuleSet compiled = SigmaCompiler.compile(List.of(rule));
        always[0] = compiled.alwaysEvaluatedRuleCount() > 0;
        List<FieldLiteral> all = new ArrayList<>();
        for (FieldLiterals fl : compiled.fieldLiterals()) {
            for (Literal l : fl.literals().literals()) {
                all.add(new FieldLiteral(fl.field(), l));
            }
        }
        return all;
    }
}
