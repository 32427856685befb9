package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A {@code |re} value nested thousands of groups deep is a rule error naming file, line, selection and field:
 * RE2/J simplifies and walks a regex recursively, so {@code ((((...a...))))} 3,000 deep used to end every command
 * that loads rules with exit 1 and a StackOverflowError trace naming no file.
 */
class RegexNestingTest {
    private static String regexRule(String regex) {
        return yaml("sel:\n  CommandLine|re: '" + regex + "'\ncondition: sel");
    }

    @Test
    void groupsNestedPastTheLimitAreARuleErrorNotAStackOverflow() {
        for (String deep : new String[] {"(".repeat(3_000) + "a" + ")".repeat(3_000),
            "(?:".repeat(20_000) + "a" + ")".repeat(20_000), "(".repeat(1_500) + "a" + ")*".repeat(1_500),
            "(".repeat(ModifierChain.MAX_REGEX_NESTING + 1) + "a" + ")".repeat(ModifierChain.MAX_REGEX_NESTING + 1)}) {
            SigmaRuleException e = assertThrows(SigmaRuleException.class, () -> rule(regexRule(deep)));
            assertTrue(e.getMessage().startsWith("test-rule.yml:8: selection 'sel', field 'CommandLine', modifier 're': "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("nested deeper than " + ModifierChain.MAX_REGEX_NESTING), e.getMessage());
            assertEquals("regex nested too deeply", e.category());
        }
    }

    @Test
    void theLimitItselfLoadsAndEscapedOrBracketedParenthesesDoNotCount() {
        int ok = ModifierChain.MAX_REGEX_NESTING;
        rule(regexRule("(".repeat(ok) + "a" + ")*".repeat(ok)));
        rule(regexRule("\\(".repeat(5_000) + "a"));
        rule(regexRule("[(]".repeat(5_000) + "a"));
        rule(regexRule("\\Q" + "(".repeat(5_000) + "\\E" + "a"));
    }
}
