package dev.widescan.corpus;

import dev.widescan.match.Literal;

/**
 * Puts a rule literal into a command line the way attackers' and tools' text lands in real ones: at a
 * random position (never between the two halves of a surrogate pair), in random letter case unless the
 * literal is {@code |cased}; starts-with literals go first, ends-with last, equals replace the line.
 * The result never exceeds the Windows limit: the background is cut to make room.
 */
final class Splicer {
    private Splicer() {
    }

    static void splice(Draw d, StringBuilder cmd, Literal literal) {
        String text = literal.text();
        int room = LengthModel.MAX_LENGTH - text.length();
        switch (literal.kind()) {
            case EQUALS -> cmd.setLength(0);
            case STARTS_WITH, CONTAINS, ENDS_WITH -> TailShapes.cut(cmd, Math.max(0, room));
        }
        int at = switch (literal.kind()) {
            case STARTS_WITH, EQUALS -> 0;
            case ENDS_WITH -> cmd.length();
            case CONTAINS -> safePosition(cmd, d.below(cmd.length() + 1));
        };
        int start = at;
        cmd.insert(at, text);
        if (!literal.caseSensitive()) {
            randomCase(d, cmd, start, start + text.length());
        }
    }

    /** Inserts {@code text} at a random boundary between space-separated arguments (after the program). */
    static void spliceArgument(Draw d, StringBuilder cmd, String text, boolean randomCase) {
        int spaces = 0;
        for (int i = 0; i < cmd.length(); i++) {
            if (cmd.charAt(i) == ' ') {
                spaces++;
            }
        }
        int at = cmd.length();
        if (spaces > 0) {
            int pick = d.below(spaces + 1);
            for (int i = 0, seen = 0; i < cmd.length(); i++) {
                if (cmd.charAt(i) == ' ' && seen++ == pick) {
                    at = i;
                    break;
                }
            }
        }
        cmd.insert(at, ' ').insert(at + 1, text);
        if (randomCase) {
            randomCase(d, cmd, at + 1, at + 1 + text.length());
        }
    }

    private static int safePosition(StringBuilder cmd, int at) {
        if (at > 0 && at < cmd.length() && Character.isHighSurrogate(cmd.charAt(at - 1)) && Character.isLowSurrogate(cmd.charAt(at))) {
            return at - 1;
        }
        return at;
    }

    static void randomCase(Draw d, StringBuilder s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                continue;
            }
            s.setCharAt(i, d.chance(0.5) ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
    }
}
