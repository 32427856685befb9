package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.format.Field.User;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition grammar: precedence, x of, them, lists, and errors. */
class ConditionTest {
    /** Three selections a, b, c that test CommandLine, Image, User for the letters. */
    private static final String SELECTIONS = "a:\n  CommandLine: a\nb:\n  Image: b\nc:\n  User: c\n";

    private static EventRecord abc(boolean a, boolean b, boolean c) {
        return event(CommandLine, a ? "a" : "x", Image, b ? "b" : "x", User, c ? "c" : "x");
    }

    private static void truthTable(String condition, Expected expected) {
        SigmaRule r = rule(yaml(SELECTIONS + "condition: " + condition));
        for (int bits = 0; bits < 8; bits++) {
            boolean a = (bits & 1) != 0;
            boolean b = (bits & 2) != 0;
            boolean c = (bits & 4) != 0;
            assertEquals(expected.eval(a, b, c), Detections.matches(r, abc(a, b, c)), condition + " with a=" + a + " b=" + b + " c=" + c);
        }
    }

    @FunctionalInterface
    interface Expected {
        boolean eval(boolean a, boolean b, boolean c);
    }

    @Test
    void precedenceOrAndNot() {
        truthTable("a or b and c", (a, b, c) -> a || (b && c));
        truthTable("a and b or c", (a, b, c) -> (a && b) || c);
        truthTable("not a and b", (a, b, c) -> !a && b);
        truthTable("not a or b", (a, b, c) -> !a || b);
        truthTable("not (a or b)", (a, b, c) -> !(a || b));
        truthTable("a and (b or c)", (a, b, c) -> a && (b || c));
        truthTable("not not a", (a, b, c) -> a);
        truthTable("a and not b and not c", (a, b, c) -> a && !b && !c);
        truthTable("a AND NOT b", (a, b, c) -> a && !b);
    }

    @Test
    void ofPatternsAndThem() {
        String d = "sel_a:\n  CommandLine: a\nsel_b:\n  Image: b\n_c:\n  User: c\n";
        SigmaRule oneOfThem = rule(yaml(d + "condition: 1 of them"));
        assertTrue(Detections.matches(oneOfThem, abc(true, false, false)));
        assertFalse(Detections.matches(oneOfThem, abc(false, false, true)), "them skips _c");
        SigmaRule allOfThem = rule(yaml(d + "condition: all of them"));
        assertTrue(Detections.matches(allOfThem, abc(true, true, false)), "all of them ignores _c");
        assertFalse(Detections.matches(allOfThem, abc(true, false, true)));
        SigmaRule allSel = rule(yaml(d + "condition: all of sel_*"));
        assertTrue(Detections.matches(allSel, abc(true, true, false)));
        SigmaRule underscore = rule(yaml(d + "condition: 1 of _*"));
        assertTrue(Detections.matches(underscore, abc(false, false, true)), "an explicit pattern may name _ selections");
        SigmaRule notOneOf = rule(yaml(d + "condition: not 1 of sel_* and _c"));
        assertTrue(Detections.matches(notOneOf, abc(false, false, true)));
        assertFalse(Detections.matches(notOneOf, abc(true, false, true)));
        SigmaRule middle = rule(yaml(d + "condition: 1 of s*_b"));
        assertTrue(Detections.matches(middle, abc(false, true, false)));
        assertFalse(Detections.matches(middle, abc(true, false, false)));
    }

    @Test
    void patternsSkipUnderscoreNamesAsThemDoes() {
        // Spec, Condition: "1/all of search-identifier-pattern: Same as 1/all of them, but restricted to
        // matching search identifiers"; pySigma keeps '_' names for patterns that start with '_' only.
        String d = "sel_a:\n  CommandLine: a\n_sel_b:\n  Image: b\n";
        assertFalse(Detections.matches(rule(yaml(d + "condition: 1 of *sel*")), abc(false, true, false)), "_sel_b is not in *sel*");
        assertFalse(Detections.matches(rule(yaml(d + "condition: 1 of *")), abc(false, true, false)));
        assertTrue(Detections.matches(rule(yaml(d + "condition: all of *sel*")), abc(true, false, false)), "all of *sel* is sel_a alone");
        assertTrue(Detections.matches(rule(yaml(d + "condition: 1 of _sel*")), abc(false, true, false)));
        SigmaRuleException e = assertThrows(SigmaRuleException.class, () -> rule(yaml(d + "condition: 1 of *_b")));
        assertTrue(e.getMessage().contains("names no selection"), e.getMessage());
    }

    @Test
    void conditionListIsOr() {
        SigmaRule r = rule(yaml(SELECTIONS + "condition:\n  - a and b\n  - c"));
        assertTrue(Detections.matches(r, abc(false, false, true)));
        assertTrue(Detections.matches(r, abc(true, true, false)));
        assertFalse(Detections.matches(r, abc(true, false, false)));
    }

    @Test
    void listOfMapsIsOrOfAnds() {
        SigmaRule r = rule(yaml("sel:\n  - CommandLine: a\n    Image: b\n  - User: c\ncondition: sel"));
        assertTrue(Detections.matches(r, abc(true, true, false)));
        assertTrue(Detections.matches(r, abc(false, false, true)));
        assertFalse(Detections.matches(r, abc(true, false, false)));
    }

    @Test
    void errors() {
        List<String> bad = List.of("a and", "(a or b", "a b", "1 of x*", "2 of them", "nope", "a*", "a | count() > 5", "", "not");
        for (String condition : bad) {
            SigmaRuleException e = assertThrows(SigmaRuleException.class,
                    () -> rule(yaml(SELECTIONS + "condition: '" + condition + "'")), condition);
            assertTrue(e.getMessage().startsWith("test-rule.yml:"), e.getMessage());
            assertTrue(e.getMessage().contains("condition"), e.getMessage());
        }
        SigmaRuleException them = assertThrows(SigmaRuleException.class, () -> rule(yaml("_a:\n  Image: x\ncondition: 1 of them")));
        assertTrue(them.getMessage().contains("covers no selection"), them.getMessage());
    }
}
