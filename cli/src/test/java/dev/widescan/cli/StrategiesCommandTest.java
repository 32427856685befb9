package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.match.MatcherFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StrategiesCommandTest {

    @Test
    void printsOneStrategyPerLineNameFirst() {
        CommandLine cl = WidescanCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(ExitCodes.OK, cl.execute("strategies"));
        String[] lines = out.toString().split("\\R");
        assertEquals(MatcherFactory.strategies().size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            String name = MatcherFactory.strategies().get(i).name();
            assertTrue(lines[i].startsWith(name + " "), lines[i]);
            assertTrue(lines[i].substring(name.length()).trim().length() > 10, lines[i]);
        }
        assertTrue(lines[0].startsWith("naive "));
    }
}
