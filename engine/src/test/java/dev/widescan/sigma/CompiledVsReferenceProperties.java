package dev.widescan.sigma;

import dev.widescan.testkit.SeededProperty;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The compiled program (RuleEvaluator over Utf16Columns, driven by the test matcher) detects exactly
 * what the reference evaluator detects, on random rules and random events. Rules and events use a tiny
 * alphabet with wildcards, escapes, dashes and case variants, so literal hits, partial matches and
 * edge cases (absent, empty, escaped wildcards) are frequent.
 */
class CompiledVsReferenceProperties {
    private static final Field[] FIELDS = {Field.CommandLine, Field.Image, Field.User};
    private static final String EVENT_UNITS = "abAB-/\\*?x\u2013";
    private static final String[] VALUE_TOKENS = {"a", "b", "A", "B", "-", "/", "x", "*", "?", "\\*", "\\?", "\\\\", "\\", "\\\\*"};
    private static final String[] REGEXES = {"a+b", "^a", "b$", "[ab]-", "A.B", "^$", "(a|B)x"};

    @Test
    void compiledEqualsReference() {
        SeededProperty.forAll(200, r -> compiledEqualsReferenceCase(new Random(r.nextLong())));
        // The generator must reach the interesting cases, or the property proves little.
        assertTrue(casesWithDetections >= 20, casesWithDetections + " of 200 cases had a detection");
        assertTrue(casesWithoutDetections >= 20, casesWithoutDetections + " of 200 cases had no detection");
        // short literals no rule is gated by are asked on demand (LiteralCheck): the property covers them
        assertTrue(casesWithOnDemandLiterals >= 20, casesWithOnDemandLiterals + " of 200 cases had a literal asked on demand");
    }

    private int casesWithOnDemandLiterals;

    private int casesWithDetections;
    private int casesWithoutDetections;

    private void compiledEqualsReferenceCase(Random random) {
        List<String> texts = new ArrayList<>();
        List<SigmaRule> rules = new ArrayList<>();
        int ruleCount = 1 + random.nextInt(4);
        for (int i = 0; i < ruleCount; i++) {
            String text = ruleText(random, i);
            texts.add(text);
            rules.add(RuleLoader.parse(text, Path.of("random-" + i + ".yml")));
        }
        List<EventRecord> events = new ArrayList<>();
        int eventCount = 1 + random.nextInt(30);
        for (int i = 0; i < eventCount; i++) {
            events.add(event(random));
        }
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        if (java.util.Arrays.stream(set.checkPrototypes).anyMatch(c -> c instanceof LiteralCheck)) {
            casesWithOnDemandLiterals++;
        }
        int block = 1 + random.nextInt(eventCount + 2);
        List<Detections.Hit> expected = Detections.reference(rules, events);
        List<Detections.Hit> actual = Detections.compiled(set, events, block);
        if (expected.isEmpty()) {
            casesWithoutDetections++;
        } else {
            casesWithDetections++;
        }
        assertEquals(expected, actual, () -> "rules:\n" + String.join("\n---\n", texts) + "\nevents:\n" + events + "\nblock " + block);
        // blocks with few hits are evaluated over their hit records only: both evaluations, forced, on every case
        for (boolean hitRecordsOnly : new boolean[] {true, false}) {
            RuleEvaluator forced = set.newEvaluator();
            forced.hitRecordsOnly = hitRecordsOnly;
            assertEquals(expected, Detections.compiled(set, forced, events, block), () -> "hit records only: " + hitRecordsOnly
                    + "\nrules:\n" + String.join("\n---\n", texts) + "\nevents:\n" + events + "\nblock " + block);
        }
        // any hit rates choose exact gates (each a necessary literal set): arbitrary ones, and those the
        // evaluator itself picks after its first block, give the same detections
        double[] rates = new double[set.literalCount()];
        for (int g = 0; g < rates.length; g++) {
            rates[g] = random.nextInt(3) == 0 ? 0 : random.nextDouble();
        }
        RuleEvaluator regated = set.newEvaluator();
        regated.useGates(rates);
        assertEquals(expected, Detections.compiled(set, regated, events, block), () -> "gates from rates " + java.util.Arrays.toString(rates)
                + "\nrules:\n" + String.join("\n---\n", texts) + "\nevents:\n" + events);
    }

    private static EventRecord event(Random r) {
        EventRecord e = new EventRecord();
        for (Field f : FIELDS) {
            int k = r.nextInt(10);
            if (k == 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            int len = k == 1 ? 0 : r.nextInt(7);
            for (int i = 0; i < len; i++) {
                sb.append(EVENT_UNITS.charAt(r.nextInt(EVENT_UNITS.length())));
            }
            e.set(f, sb.toString());
        }
        return e;
    }

    private static String ruleText(Random r, int index) {
        StringBuilder sb = new StringBuilder("title: random ").append(index)
                .append("\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n");
        int selections = 1 + r.nextInt(4);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < selections; s++) {
            String name = switch (r.nextInt(4)) {
                case 0 -> "filter_" + s;
                case 1 -> "_hidden_" + s;
                default -> "sel_" + s;
            };
            names.add(name);
            sb.append("  ").append(name).append(":\n");
            int shape = r.nextInt(6);
            if (shape == 0) {
                sb.append("    - ").append(quote(value(r, 3))).append('\n');
                if (r.nextBoolean()) {
                    sb.append("    - ").append(quote(value(r, 3))).append('\n');
                }
            } else if (shape == 1) {
                for (int alt = 0; alt < 2; alt++) {
                    sb.append("    - ").append(entry(r).replace("\n", "\n      ")).append('\n');
                }
            } else {
                int entries = 1 + r.nextInt(2);
                List<Field> used = new ArrayList<>();
                for (int e = 0; e < entries; e++) {
                    String entry = entry(r);
                    Field f = Field.byName(entry.split("[|:]", 2)[0]);
                    if (used.contains(f)) {
                        continue;
                    }
                    used.add(f);
                    sb.append("    ").append(entry.replace("\n", "\n    ")).append('\n');
                }
            }
        }
        sb.append("  condition: ").append(condition(r, names, 0)).append('\n');
        return sb.toString();
    }

    /** One {@code Field|mods: value(s)} entry, possibly over several lines. */
    private static String entry(Random r) {
        Field f = FIELDS[r.nextInt(FIELDS.length)];
        int kind = r.nextInt(12);
        switch (kind) {
            case 0:
                return f + "|re" + (r.nextBoolean() ? "|i" : "") + ": " + quote(REGEXES[r.nextInt(REGEXES.length)]);
            case 1:
                return f + "|exists: " + r.nextBoolean();
            case 2:
                return f + ": null";
            case 3: {
                Field other = FIELDS[r.nextInt(FIELDS.length)];
                String pos = new String[] {"", "|contains", "|startswith", "|endswith"}[r.nextInt(4)];
                return f + "|fieldref" + pos + (r.nextBoolean() ? "|cased" : "") + ": " + other;
            }
            default:
                break;
        }
        StringBuilder key = new StringBuilder(f.name());
        String pos = new String[] {"", "", "|contains", "|startswith", "|endswith"}[r.nextInt(5)];
        key.append(pos);
        if (r.nextInt(5) == 0) {
            key.append("|windash");
        }
        if (r.nextInt(5) == 0) {
            key.append("|cased");
        }
        int values = 1 + r.nextInt(3);
        if (values > 1 && r.nextBoolean()) {
            key.append("|all");
        }
        if (r.nextInt(6) == 0) {
            key.append("|neq");
        }
        if (values == 1) {
            return key + ": " + quote(value(r, 4));
        }
        StringBuilder sb = new StringBuilder(key).append(":");
        for (int i = 0; i < values; i++) {
            sb.append("\n  - ").append(quote(value(r, 4)));
        }
        return sb.toString();
    }

    private static String value(Random r, int maxTokens) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxTokens + 1);
        for (int i = 0; i < n; i++) {
            sb.append(VALUE_TOKENS[r.nextInt(VALUE_TOKENS.length)]);
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String condition(Random r, List<String> names, int depth) {
        int k = depth > 2 ? r.nextInt(2) : r.nextInt(8);
        return switch (k) {
            case 0 -> names.get(r.nextInt(names.size()));
            case 1 -> ofExpression(r, names);
            case 2, 3 -> condition(r, names, depth + 1) + " and " + condition(r, names, depth + 1);
            case 4, 5 -> condition(r, names, depth + 1) + " or " + condition(r, names, depth + 1);
            case 6 -> "not " + condition(r, names, depth + 1);
            default -> "(" + condition(r, names, depth + 1) + ")";
        };
    }

    private static String ofExpression(Random r, List<String> names) {
        String quantifier = r.nextBoolean() ? "1 of " : "all of ";
        boolean anyVisible = names.stream().anyMatch(n -> !n.startsWith("_"));
        if (anyVisible && r.nextBoolean()) {
            return quantifier + "them";
        }
        String prefix = names.get(r.nextInt(names.size())).replaceAll("_\\d+$", "_*");
        return quantifier + prefix;
    }
}
