package dev.widescan.cli;

import dev.widescan.match.MatcherFactory;
import dev.widescan.match.StrategyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --strategy}: {@code auto} or a name of {@link MatcherFactory#strategies()}; anything else is a usage error listing them. */
public final class StrategyConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        List<String> valid = new ArrayList<>();
        valid.add(MatcherFactory.AUTO);
        for (StrategyInfo s : MatcherFactory.strategies()) {
            valid.add(s.name());
        }
        if (!valid.contains(name)) {
            throw new CommandLine.TypeConversionException("unknown strategy '" + value + "'; valid: " + String.join(", ", valid));
        }
        return name;
    }
}
