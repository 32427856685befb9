package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spark 4.2.0 needs Java 25.0.3+: older JVMs get a message naming both versions. */
class JavaVersionCheckTest {
    @Test
    void olderThan25_0_3IsRefusedWithTheVersionsNamed() {
        for (String v : new String[] {"17.0.12", "21.0.5+11", "25+36", "25.0.1", "25.0.2+10-LTS"}) {
            String problem = JavaVersionCheck.problem(Runtime.Version.parse(v));
            assertNotNull(problem, v);
            assertTrue(problem.contains("25.0.3") && problem.contains(Runtime.Version.parse(v).toString()), v + ": " + problem);
        }
        for (String v : new String[] {"25.0.3", "25.0.3+9-LTS", "25.0.4", "26", "27.0.1"}) {
            assertNull(JavaVersionCheck.problem(Runtime.Version.parse(v)), v);
        }
    }

    @Test
    void thisBuildsJvmPasses() {
        JavaVersionCheck.require();
    }
}
