package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import org.junit.jupiter.api.Test;

/** Each profile keeps its promise; all of them keep strings well-formed and Image consistent. */
class ProfileTest {
    private static boolean nonAscii(String s) {
        return s != null && s.chars().anyMatch(c -> c >= 0x80);
    }

    private static boolean hasSurrogatePair(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)), "unpaired high surrogate");
                i++;
            } else {
                assertTrue(!Character.isLowSurrogate(c), "unpaired low surrogate");
            }
        }
    }

    @Test
    void unicodeProfileGivesTwentyPercentNonAsciiWithSurrogatePairs() {
        EventModel model = new EventModel(3, Profile.UNICODE);
        EventRecord r = new EventRecord();
        int n = 50_000;
        int cmd = 0;
        int user = 0;
        int dir = 0;
        int pairs = 0;
        int cyrillicOrCjk = 0;
        for (int i = 0; i < n; i++) {
            model.next(r);
            String c = r.get(Field.CommandLine);
            assertWellFormed(c);
            cmd += nonAscii(c) ? 1 : 0;
            user += nonAscii(r.get(Field.User)) ? 1 : 0;
            dir += nonAscii(r.get(Field.CurrentDirectory)) ? 1 : 0;
            pairs += hasSurrogatePair(c) ? 1 : 0;
            cyrillicOrCjk += c.chars().anyMatch(ch -> (ch >= 0x400 && ch <= 0x4FF) || (ch >= 0x4E00 && ch <= 0x9FFF)) ? 1 : 0;
        }
        assertTrue(cmd > 0.18 * n && cmd < 0.22 * n, "CommandLine non-ASCII: " + cmd);
        assertTrue(user > 0.18 * n && user < 0.22 * n, "User non-ASCII: " + user);
        assertTrue(dir > 0.05 * n, "CurrentDirectory non-ASCII: " + dir);
        assertTrue(pairs > 0.01 * n, "emoji surrogate pairs: " + pairs);
        assertTrue(cyrillicOrCjk > 0.05 * n, "Cyrillic/CJK: " + cyrillicOrCjk);
    }

    @Test
    void realisticProfileIsMostlyAscii() {
        EventModel model = new EventModel(4, Profile.REALISTIC);
        EventRecord r = new EventRecord();
        int n = 50_000;
        int cmd = 0;
        for (int i = 0; i < n; i++) {
            model.next(r);
            cmd += nonAscii(r.get(Field.CommandLine)) ? 1 : 0;
        }
        assertTrue(cmd > 0 && cmd < 0.03 * n, "non-ASCII command lines: " + cmd);
    }

    @Test
    void longProfileStaysNearTheWindowsLimit() {
        EventModel model = new EventModel(5, Profile.LONG);
        EventRecord r = new EventRecord();
        for (int i = 0; i < 300; i++) {
            model.next(r);
            int len = r.get(Field.CommandLine).length();
            assertTrue(len >= LengthModel.NEAR_LIMIT_MIN - 1 && len <= LengthModel.MAX_LENGTH, "length " + len);
        }
    }

    /** Image is the binary the command line starts: compare the program token's base name. */
    @Test
    void imageMatchesTheCommandLinesProgram() {
        EventModel model = new EventModel(6, Profile.REALISTIC);
        EventRecord r = new EventRecord();
        for (int i = 0; i < 50_000; i++) {
            model.next(r);
            String image = r.get(Field.Image);
            String cmd = r.get(Field.CommandLine);
            assertEquals(baseName(image), baseName(programToken(cmd)), () -> cmd + " vs Image " + image);
            String event = r.get(Field.EventID);
            assertTrue(event.equals("1") || event.equals("4688"));
            if (event.equals("1")) {
                assertTrue(r.get(Field.Hashes).startsWith("SHA1="), "Sysmon hashes");
                assertTrue(r.has(Field.ParentCommandLine) && r.has(Field.OriginalFileName));
            } else {
                assertTrue(!r.has(Field.Hashes) && !r.has(Field.ParentCommandLine), "4688 has no hashes or parent command line");
                assertTrue(r.get(Field.ProcessId).startsWith("0x"));
            }
            String level = r.get(Field.IntegrityLevel);
            boolean system = r.get(Field.User).startsWith("NT AUTHORITY\\");
            assertEquals(system, level.equals("System"), () -> "User " + r.get(Field.User) + " at " + level);
        }
    }

    private static String programToken(String cmd) {
        String s = cmd.startsWith("\\??\\") ? cmd.substring(4) : cmd;
        if (s.startsWith("\"")) {
            return s.substring(1, s.indexOf('"', 1));
        }
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('\\') + 1).toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && (name.endsWith(".exe") || name.endsWith(".com")) ? name.substring(0, dot) : name;
    }
}
