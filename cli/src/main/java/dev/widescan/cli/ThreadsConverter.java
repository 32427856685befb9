package dev.widescan.cli;

import picocli.CommandLine;

/** {@code --threads}: an integer from 1 to {@link #MAX}; anything else is a usage error saying the range. */
public final class ThreadsConverter implements CommandLine.ITypeConverter<Integer> {
    /** Far above any core count, far below what would exhaust native threads or memory for scratch. */
    public static final int MAX = 1024;

    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number (1.." + MAX + ")");
        }
        if (n < 1 || n > MAX) {
            throw new CommandLine.TypeConversionException(n + " is out of range: use 1.." + MAX);
        }
        return n;
    }
}
