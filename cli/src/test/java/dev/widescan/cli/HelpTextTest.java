package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What {@code widescan COMMAND --help} tells a user: every long option its text names is one the command
 * takes (the scan help named a {@code --unsorted} that does not exist), and the description reads as
 * wrapped paragraphs, not as lines of ~100 characters that the 80-column help cut in two (a long line,
 * then one of a few words, then a long one again).
 */
class HelpTextTest {
    private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--(?:\\[no-])?[a-z][a-z0-9-]*");

    @ParameterizedTest
    @ValueSource(strings = {"scan", "ingest", "dump", "inspect", "gen", "tune", "rules", "strategies"})
    void everyOptionTheHelpNamesExistsAndTheDescriptionIsNotRagged(String command) {
        CliRun run = CliRun.run(command, "--help");
        assertEquals(0, run.code(), run.err());
        String help = new String(run.stdout(), StandardCharsets.UTF_8);
        Set<String> options = WidescanCli.commandLine().getSubcommands().get(command).getCommandSpec().optionsMap().keySet();
        String ownText = help.substring(0, help.indexOf("Exit codes:")); // the shared footer names other commands' options
        Matcher m = LONG_OPTION.matcher(ownText);
        while (m.find()) {
            if (ownText.substring(0, m.start()).matches("(?s).*widescan [a-z]+ $")) {
                continue; // another command's option, named with its command ('widescan scan --profile')
            }
            String name = m.group().replace("[no-]", "");
            boolean known = options.contains(name)
                    || (name.startsWith("--no-") && options.contains("--" + name.substring(5)))
                    || options.contains("--no-" + name.substring(2));
            assertTrue(known, command + " --help names " + m.group() + ", which '" + command + "' does not take:\n" + help);
        }
        List<String> description = descriptionLines(help);
        for (int i = 1; i + 1 < description.size(); i++) {
            String line = description.get(i);
            boolean shortBetweenLong = !line.isBlank() && line.length() < 30 && !line.endsWith(".") // a paragraph's end
                    && description.get(i - 1).length() > 60 && description.get(i + 1).length() > 60;
            assertTrue(!shortBetweenLong, command + " --help: description line " + (i + 1) + " '" + line
                    + "' is the cut-off tail of the line before it:\n" + help);
        }
    }

    /** The lines between the usage synopsis and the first option or section line. */
    private static List<String> descriptionLines(String help) {
        List<String> out = new ArrayList<>();
        boolean inSynopsis = true;
        for (String line : help.split("\\R")) {
            if (inSynopsis) {
                inSynopsis = line.startsWith("Usage:") || line.startsWith(" ");
                if (inSynopsis) {
                    continue;
                }
            }
            if (line.startsWith("  ") || line.endsWith(":")) {
                break;
            }
            out.add(line);
        }
        return out;
    }
}
