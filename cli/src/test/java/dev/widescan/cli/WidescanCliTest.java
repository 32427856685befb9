package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link WidescanCli#commandLineFor}: the command built with only the subcommand the first argument names
 * behaves as the whole one for that subcommand, and everything else gets the whole command.
 */
class WidescanCliTest {
    @Test
    void everySubcommandIsListedUnderItsOwnName() {
        for (String key : WidescanCli.SUBCOMMANDS) {
            Object command = WidescanCli.newSubcommand(key);
            // scan is declared in code (a CommandSpec), the others with annotations
            String name = command instanceof CommandLine.Model.CommandSpec spec ? spec.name()
                    : command.getClass().getAnnotation(CommandLine.Command.class).name();
            assertEquals(key, name);
        }
        assertEquals(List.copyOf(WidescanCli.SUBCOMMANDS), List.copyOf(WidescanCli.commandLine().getSubcommands().keySet()));
    }

    @Test
    void aNamedSubcommandGetsOnlyItselfWithTheSameHelpAndOptions() {
        CommandLine whole = WidescanCli.commandLine();
        for (String name : WidescanCli.SUBCOMMANDS) {
            CommandLine alone = WidescanCli.commandLineFor(name, "--some-option");
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            CommandLine mine = alone.getSubcommands().get(name);
            CommandLine theirs = whole.getSubcommands().get(name);
            assertEquals(theirs.getUsageMessage(), mine.getUsageMessage(), name + " --help");
            assertEquals(theirs.getCommandSpec().optionsMap().keySet(), mine.getCommandSpec().optionsMap().keySet(), name);
        }
    }

    @Test
    void anythingElseGetsEverySubcommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"--version"},
                new String[] {"sacn", "x.wsev"}, new String[] {"-h", "scan"}, new String[] {"help", "scan"})) {
            assertEquals(WidescanCli.SUBCOMMANDS, WidescanCli.commandLineFor(args).getSubcommands().keySet(),
                    String.join(" ", args));
        }
    }

    @Test
    void aMistypedSubcommandStillGetsSuggestionsAndTheUsageExitCode() {
        CliRun run = CliRun.run("sacn", "x.wsev");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        org.junit.jupiter.api.Assertions.assertTrue(run.err().contains("scan"), run.err());
    }
}
