package dev.widescan.match;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds hostile columns and literal sets from a seed: literals planted at value and vector boundaries,
 * nested and overlapping literals, case pairs that fold across scripts (K / KELVIN SIGN, s / LONG S,
 * i / dotted and dotless I, Cyrillic), surrogate pairs and lone surrogates, NUL, empty and absent values.
 */
public final class AdversarialCases {
    /** Units the generator draws from: ASCII of both cases plus every cross-script fold hazard. */
    private static final char[] ALPHABET = (
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \\/-.:_\"'%"
            + "\u212A\u017F\u0130\u0131\u00E9\u00C9\u00FF\u0178\u0414\u0434\u0401\u0451\u03A3\u03C3\u03C2"
            + "\uD83D\uDE00\uDE01\uD800\uDFFF\u0000\u007F\u0080\u00B5\u039C\u03BC\u4E2D\uFFFF").toCharArray();
    /** A narrow alphabet so that random literals actually occur (and overlap) in random values. */
    private static final char[] NARROW = "abAB\u212AkKsS\u017F\u0414\u0434\uD83D\uDE00\u0000".toCharArray();
    public static final int[] BOUNDARIES = {0, 1, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128};

    private final SplittableRandom random;
    private final char[] alphabet;

    AdversarialCases(long seed) {
        random = new SplittableRandom(seed);
        alphabet = random.nextInt(3) == 0 ? NARROW : ALPHABET;
    }

    String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    /** A literal with a random kind and case flag; sometimes with flipped case of an existing one. */
    Literal randomLiteral(List<String> sources) {
        String text;
        if (!sources.isEmpty() && random.nextInt(3) == 0) {
            String src = sources.get(random.nextInt(sources.size()));
            if (src.isEmpty()) {
                text = randomText(1 + random.nextInt(4));
            } else {
                int a = random.nextInt(src.length());
                int b = Math.min(src.length(), a + 1 + random.nextInt(12));
                text = src.substring(a, b);
            }
        } else {
            text = randomText(1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 6));
        }
        if (random.nextBoolean()) {
            text = flipCase(text);
        }
        LiteralKind kind = LiteralKind.values()[random.nextInt(4)];
        return new Literal(text, kind, random.nextInt(4) == 0);
    }

    private String flipCase(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (random.nextBoolean()) {
                c[i] = Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
            }
        }
        return new String(c);
    }

    LiteralSet literalSet(int count, List<String> sources) {
        List<Literal> literals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            literals.add(randomLiteral(sources));
        }
        if (count > 1 && random.nextBoolean()) {
            literals.set(count - 1, literals.get(0)); // duplicates are allowed and reported per id
        }
        return new LiteralSet(literals);
    }

    /** Values with literals planted at boundary offsets; null = absent. */
    String[] values(int count, LiteralSet plant, int maxLength) {
        String[] values = new String[count];
        for (int v = 0; v < count; v++) {
            int shape = random.nextInt(12);
            if (shape == 0) {
                values[v] = null;
                continue;
            }
            if (shape == 1) {
                values[v] = "";
                continue;
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(maxLength + 1) : random.nextInt(Math.min(maxLength, 140) + 1);
            StringBuilder sb = new StringBuilder(randomText(length));
            if (plant.size() > 0 && random.nextInt(3) != 0) {
                Literal lit = plant.get(random.nextInt(plant.size()));
                String text = random.nextBoolean() ? flipCase(lit.text()) : lit.text();
                int at = random.nextInt(3) == 0 ? sb.length() : Math.min(sb.length(), BOUNDARIES[random.nextInt(BOUNDARIES.length)]);
                if (random.nextBoolean() && at >= text.length()) {
                    at -= text.length(); // ending at a boundary instead of starting there
                }
                sb.insert(at, text);
                if (lit.kind() == LiteralKind.EQUALS && random.nextBoolean()) {
                    sb.setLength(0);
                    sb.append(text);
                }
            }
            values[v] = sb.toString();
        }
        return values;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
