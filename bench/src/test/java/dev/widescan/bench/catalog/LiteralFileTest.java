package dev.widescan.bench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiteralFileTest {
    @Test
    void awkwardLiteralsRoundTripExactly() throws Exception {
        List<Literal> literals = List.of(
                new Literal("C:\\Windows\\Temp\\", LiteralKind.CONTAINS, false),
                new Literal("a\tb\nc\rd", LiteralKind.STARTS_WITH, true),
                new Literal("\u0000\u001f\u007f", LiteralKind.ENDS_WITH, false),
                new Literal("emoji \uD83D\uDE00 and lone \uD800 and \uDC00", LiteralKind.EQUALS, true),
                new Literal("\\u0041 not an escape", LiteralKind.CONTAINS, false),
                new Literal("#not a comment", LiteralKind.CONTAINS, false),
                new Literal("привет 文件", LiteralKind.CONTAINS, false));
        assertEquals(literals, roundTrip(literals));
        assertEquals("endswith\ti\t\\u0000\\u001F\\u007F", LiteralFile.line(literals.get(2)));
        assertEquals("contains\ti\tC:\\\\Windows\\\\Temp\\\\", LiteralFile.line(literals.get(0)));
    }

    @Test
    void randomCodeUnitsRoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Literal> literals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            char[] text = new char[1 + random.nextInt(12)];
            for (int j = 0; j < text.length; j++) {
                text[j] = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x10000));
            }
            literals.add(new Literal(new String(text), LiteralKind.values()[random.nextInt(4)], random.nextBoolean()));
        }
        assertEquals(literals, roundTrip(literals));
    }

    @Test
    void malformedLinesNameTheSourceAndLine() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> LiteralFile.read(new StringReader("# c\nregex\ti\tx\n"), "f.txt"));
        assertTrue(kind.getMessage().startsWith("f.txt:2: unknown kind 'regex'"), kind.getMessage());
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> LiteralFile.read(new StringReader("contains\ti\tab\\u12"), "f.txt"));
        assertTrue(escape.getMessage().contains("f.txt:1: truncated"), escape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LiteralFile.read(new StringReader("contains\tx\tab"), "f"));
        assertThrows(IllegalArgumentException.class, () -> LiteralFile.read(new StringReader("contains ab"), "f"));
    }

    private static List<Literal> roundTrip(List<Literal> literals) throws Exception {
        StringBuilder sb = new StringBuilder("# header\n\n");
        for (Literal l : literals) {
            sb.append(LiteralFile.line(l)).append('\n');
        }
        return LiteralFile.read(new StringReader(sb.toString()), "test");
    }
}
