package dev.widescan.spark;

import dev.widescan.format.FormatException;

/** The engine's messages name the path it opened; rows and messages name the file as the user gave it. */
final class Renamed {
    private Renamed() {
    }

    static FormatException format(FormatException e, String opened, String name) {
        if (opened.equals(name) || e.getMessage() == null || !e.getMessage().contains(opened)) {
            return e;
        }
        return new FormatException(e.getMessage().replace(opened, name), e);
    }
}
