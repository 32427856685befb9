package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tuning profile's strategy and parameters, as a hand-edited or foreign profile gives them: the error
 * says what is wrong. It used to answer an unknown name with "strategy 'warp' takes no parameters
 * [vectorBits]", and teddy with an extra parameter with "strategy 'teddy' takes no parameters [foo,
 * vectorBits] (only teddy takes vectorBits)".
 */
class MatcherFactoryParametersTest {
    private static final LiteralSet LITERALS = LiteralSet.of(Literal.contains("kernel32"), Literal.contains("ssl"));

    private static String error(String strategy, Map<String, String> parameters) {
        return assertThrows(IllegalArgumentException.class, () -> MatcherFactory.create(strategy, parameters, LITERALS)).getMessage();
    }

    @Test
    void errorsNameTheRealProblem() {
        assertEquals("unknown matcher strategy 'warp'; valid: auto, " + String.join(", ", MatcherFactory.names()),
                error("warp", Map.of("vectorBits", "256")));
        assertEquals("teddy takes only the parameter vectorBits, not [foo]", error("teddy", Map.of("vectorBits", "256", "foo", "bar")));
        assertEquals("teddy takes only the parameter vectorBits, not [foo]", error("teddy", Map.of("foo", "bar")));
        assertEquals("strategy 'naive' takes no parameters [vectorBits] (only teddy takes vectorBits)", error("naive", Map.of("vectorBits", "256")));
        assertEquals("teddy", MatcherFactory.create("teddy", Map.of("vectorBits", "256"), LITERALS).strategyName().substring(0, 5));
    }
}
