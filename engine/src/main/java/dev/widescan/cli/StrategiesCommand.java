package dev.widescan.cli;

import dev.widescan.match.MatcherFactory;
import dev.widescan.match.StrategyInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code widescan strategies}: the matcher strategies {@code --strategy} accepts, one a line. */
@Command(name = "strategies",
        mixinStandardHelpOptions = true,
        description = "List the matcher strategies (name first, then what it does); 'auto' picks one by the literal set's shape.",
        footer = ExitCodes.HELP_FOOTER)
public final class StrategiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = 0;
        for (StrategyInfo info : MatcherFactory.strategies()) {
            width = Math.max(width, info.name().length());
        }
        for (StrategyInfo info : MatcherFactory.strategies()) {
            out.printf("%-" + width + "s  %s%n", info.name(), info.description());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
