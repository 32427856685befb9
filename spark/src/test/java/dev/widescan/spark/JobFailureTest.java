package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.sigma.SigmaRuleException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A rule the job cannot load reads as in the CLI: exit 2, the file and line, and the --skip-unsupported hint where it helps. */
class JobFailureTest {
    @Test
    void anUnsupportedRuleSaysHowToSkipIt() {
        SigmaRuleException rule = new SigmaRuleException(Path.of("rules/r.yml"), 7, "unsupported modifier 'cidr'",
                "selection 'sel', field 'DestinationIp': unsupported modifier 'cidr'");
        JobFailure f = JobFailure.of(new IllegalStateException("job aborted", rule)); // as Spark wraps it
        assertEquals(JobFailure.USAGE, f.exitCode());
        assertTrue(f.message().startsWith("rules/r.yml:7: ") && f.message().endsWith("(use --skip-unsupported to skip such rules)"),
                f.message());
    }

    @Test
    void aMissingRulePathGetsNoHintThatWouldNotHelp() {
        JobFailure f = JobFailure.of(new SigmaRuleException(Path.of("nope.yml"), 0, "missing path", "no such rule file or folder"));
        assertEquals(JobFailure.USAGE, f.exitCode());
        assertFalse(f.message().contains("--skip-unsupported"), f.message());
    }
}
