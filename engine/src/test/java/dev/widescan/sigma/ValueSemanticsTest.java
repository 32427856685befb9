package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.format.Field.ParentImage;
import static dev.widescan.format.Field.ProcessId;
import static dev.widescan.format.Field.User;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sigma value semantics and every supported modifier, on spec examples. Each check runs the compiled
 * program and the reference evaluator ({@link Detections#matches} fails if they disagree).
 */
class ValueSemanticsTest {

    private static boolean m(String detection, EventRecord e) {
        return Detections.matches(rule(yaml(detection)), e);
    }

    private static boolean cmd(String detection, String commandLine) {
        return m(detection, event(CommandLine, commandLine));
    }

    @Test
    void plainValueIsWholeValueCaseInsensitive() {
        String d = "sel:\n  CommandLine: 'Whoami /All'\ncondition: sel";
        assertTrue(cmd(d, "whoami /all"));
        assertTrue(cmd(d, "WHOAMI /ALL"));
        assertFalse(cmd(d, "whoami /all "));
        assertFalse(cmd(d, "x whoami /all"));
        assertFalse(cmd(d, ""));
        assertFalse(m(d, new EventRecord()));
    }

    @Test
    void caseFoldingIsPerCodeUnitBeyondAscii() {
        String d = "sel:\n  CommandLine|contains: 'ÄRGER'\ncondition: sel";
        assertTrue(cmd(d, "x ärger y"));
        String sharp = "sel:\n  CommandLine: 'straße'\ncondition: sel";
        assertFalse(cmd(sharp, "STRASSE"), "no multi-unit folding: ß is not SS");
        assertTrue(cmd(sharp, "STRAßE"));
        String kelvin = "sel:\n  CommandLine: 'k'\ncondition: sel";
        assertTrue(cmd(kelvin, "\u212A"), "KELVIN SIGN folds to k, as regionMatches(true) says");
    }

    @Test
    void wildcardsStarAndQuestion() {
        // A backslash before a wildcard must itself be escaped (\\*), else \* is a plain star.
        String d = "sel:\n  Image: 'C:\\Windows\\\\*\\cmd?.exe'\ncondition: sel";
        assertTrue(m("sel:\n  Image: 'C:\\Windows\\*\\cmd'\ncondition: sel", event(Image, "C:\\Windows*\\cmd")));
        assertTrue(m(d, event(Image, "C:\\Windows\\System32\\cmd1.exe")));
        assertTrue(m(d, event(Image, "c:\\windows\\a\\b\\CMDx.EXE")));
        assertFalse(m(d, event(Image, "C:\\Windows\\System32\\cmd.exe")), "? needs exactly one character");
        assertFalse(m(d, event(Image, "C:\\Windows\\System32\\cmd12.exe")));
        assertFalse(m(d, event(Image, "D:\\Windows\\x\\cmd1.exe")));
        String middle = "sel:\n  CommandLine: '*a*b*'\ncondition: sel";
        assertTrue(cmd(middle, "xxAyyBzz"));
        assertTrue(cmd(middle, "ab"));
        assertFalse(cmd(middle, "ba"));
        String onlyQ = "sel:\n  CommandLine: '??'\ncondition: sel";
        assertTrue(cmd(onlyQ, "ab"));
        assertFalse(cmd(onlyQ, "abc"));
        String star = "sel:\n  CommandLine: '*'\ncondition: sel";
        assertTrue(cmd(star, ""), "* matches any present value, even empty");
        assertFalse(m(star, new EventRecord()), "but not an absent field");
    }

    @Test
    void questionMarkIsOneCharacterEvenBeyondTheBmp() {
        // Sigma: '?' is one character. An emoji is one character stored as two UTF-16 units (a
        // surrogate pair); '?' must take both, and '*' must never stop between them.
        String emoji = "\uD83D\uDE00";
        String exact = "sel:\n  CommandLine: 'a?c'\ncondition: sel";
        assertTrue(cmd(exact, "a" + emoji + "c"));
        assertTrue(cmd(exact, "abc"));
        assertFalse(cmd(exact, "a" + emoji + emoji + "c"));
        String contains = "sel:\n  CommandLine|contains: 'a?c'\ncondition: sel";
        assertTrue(cmd(contains, "xa" + emoji + "cx"));
        String two = "sel:\n  CommandLine: '??'\ncondition: sel";
        assertFalse(cmd(two, emoji), "one character, not two");
        assertTrue(cmd(two, emoji + emoji.substring(0, 1)), "a lone surrogate is a character of its own");
        String starThenTwo = "sel:\n  CommandLine: '*??'\ncondition: sel";
        assertFalse(cmd(starThenTwo, emoji), "'*' does not split the pair to make room for two '?'");
        assertTrue(cmd(starThenTwo, "x" + emoji));
        String glued = "sel:\n  CommandLine: '*?" + emoji + "x'\ncondition: sel";
        assertTrue(cmd(glued, emoji + emoji + "x"));
        assertFalse(cmd(glued, emoji + "x"));
    }

    @Test
    void escapingPerSpec() {
        // \* plain star
        String plainStar = "sel:\n  CommandLine: 'a\\*b'\ncondition: sel";
        assertTrue(cmd(plainStar, "a*b"));
        assertFalse(cmd(plainStar, "axxb"));
        // \\* backslash then wildcard
        String bsWild = "sel:\n  CommandLine: 'a\\\\*'\ncondition: sel";
        assertTrue(cmd(bsWild, "a\\anything"));
        assertTrue(cmd(bsWild, "a\\"));
        assertFalse(cmd(bsWild, "a*"));
        // \\\* backslash then plain star
        String bsStar = "sel:\n  CommandLine: 'a\\\\\\*'\ncondition: sel";
        assertTrue(cmd(bsStar, "a\\*"));
        assertFalse(cmd(bsStar, "a\\x"));
        // \\\\ two backslashes; \\ alone one backslash; \ before other characters is literal
        assertTrue(cmd("sel:\n  CommandLine: '\\\\\\\\srv'\ncondition: sel", "\\\\srv"));
        assertTrue(cmd("sel:\n  CommandLine: 'C:\\\\Windows'\ncondition: sel", "C:\\Windows"));
        assertTrue(cmd("sel:\n  CommandLine: 'C:\\Windows'\ncondition: sel", "C:\\Windows"));
        assertTrue(m("sel:\n  Image|endswith: '\\MpCmdRun.exe'\ncondition: sel", event(Image, "C:\\x\\MpCmdRun.exe")));
        assertFalse(m("sel:\n  Image|endswith: '\\MpCmdRun.exe'\ncondition: sel", event(Image, "C:\\xMpCmdRun.exe")));
        // \? plain question mark; a trailing backslash is literal
        assertTrue(cmd("sel:\n  CommandLine: 'a\\?'\ncondition: sel", "a?"));
        assertFalse(cmd("sel:\n  CommandLine: 'a\\?'\ncondition: sel", "ab"));
        assertTrue(cmd("sel:\n  CommandLine|endswith: 'dir\\'\ncondition: sel", "C:\\dir\\"));
    }

    @Test
    void nullIsAbsentAndEmptyIsEmpty() {
        String isNull = "sel:\n  User: null\ncondition: sel";
        assertTrue(m(isNull, event(Image, "x")));
        assertFalse(m(isNull, event(User, "")), "null means absent, not empty");
        assertFalse(m(isNull, event(User, "bob")));
        String empty = "sel:\n  User: ''\ncondition: sel";
        assertTrue(m(empty, event(User, "")));
        assertFalse(m(empty, new EventRecord()));
        assertFalse(m(empty, event(User, " ")));
        String notNull = "sel:\n  Image: x\nfilter:\n  User: null\ncondition: sel and not filter";
        assertTrue(m(notNull, event(Image, "x", User, "")));
        assertFalse(m(notNull, event(Image, "x")));
        assertTrue(m("sel:\n  User|contains: ''\ncondition: sel", event(User, "")));
    }

    @Test
    void numbersAreComparedAsText() {
        assertTrue(m("sel:\n  ProcessId: 4\ncondition: sel", event(ProcessId, "4")));
        assertFalse(m("sel:\n  ProcessId: 4\ncondition: sel", event(ProcessId, "04")));
        assertTrue(m("sel:\n  ProcessId: 0x10\ncondition: sel", event(ProcessId, "0x10")));
        assertTrue(m("sel:\n  ProcessId:\n    - 1\n    - 22\ncondition: sel", event(ProcessId, "22")));
    }

    @Test
    void unquotedDecimalIntegersAreTheirNumber() {
        // Spec: rule files are YAML 1.2, and a map value is "a string or integer value": unquoted 01 and +4
        // are the integers 1 and 4, which events print as "1" and "4"; quoted, they stay text.
        assertTrue(m("sel:\n  EventID: 01\ncondition: sel", event(Field.EventID, "1")));
        assertFalse(m("sel:\n  EventID: 01\ncondition: sel", event(Field.EventID, "01")));
        assertTrue(m("sel:\n  ProcessId:\n    - +4\n    - 0022\ncondition: sel", event(ProcessId, "22")));
        assertTrue(m("sel:\n  ProcessId: -0\ncondition: sel", event(ProcessId, "0")));
        assertTrue(m("sel:\n  EventID: '01'\ncondition: sel", event(Field.EventID, "01")), "a quoted value is text");
        assertFalse(m("sel:\n  EventID: '01'\ncondition: sel", event(Field.EventID, "1")));
        assertTrue(m("kw:\n  - 04688\ncondition: kw", event(Field.EventID, "4688")));
    }

    @Test
    void positionModifiersAndAll() {
        assertTrue(cmd("sel:\n  CommandLine|contains: 'abc'\ncondition: sel", "xxABCxx"));
        assertTrue(cmd("sel:\n  CommandLine|startswith: 'abc'\ncondition: sel", "ABCxx"));
        assertFalse(cmd("sel:\n  CommandLine|startswith: 'abc'\ncondition: sel", "xABC"));
        assertTrue(cmd("sel:\n  CommandLine|endswith: 'abc'\ncondition: sel", "xxabc"));
        assertFalse(cmd("sel:\n  CommandLine|endswith: 'abc'\ncondition: sel", "abcx"));
        String all = "sel:\n  CommandLine|contains|all:\n    - ' -a '\n    - ' -b '\ncondition: sel";
        assertTrue(cmd(all, "x -b  -a y"));
        assertFalse(cmd(all, "x -a y"));
        String any = "sel:\n  CommandLine|contains:\n    - ' -a '\n    - ' -b '\ncondition: sel";
        assertTrue(cmd(any, "x -a y"));
        String keywordAll = "kw:\n  '|all':\n    - 'OabVirtualDirectory'\n    - ' -ExternalUrl '\ncondition: kw";
        assertTrue(m(keywordAll, event(CommandLine, "Set-OabVirtualDirectory -ExternalUrl x")));
        assertTrue(m(keywordAll, event(CommandLine, "Set-OabVirtualDirectory", ParentImage, "a -ExternalUrl b")),
                "keywords search every field; |all needs each keyword somewhere");
        assertFalse(m(keywordAll, event(CommandLine, "Set-OabVirtualDirectory")));
    }

    @Test
    void keywordsSearchEveryField() {
        String d = "kw:\n  - '\\perfc.dat'\ncondition: kw";
        assertTrue(m(d, event(CommandLine, "rundll32 C:\\Windows\\perfc.dat,#1")));
        assertTrue(m(d, event(Field.CurrentDirectory, "C:\\PERFC.DAT")));
        assertFalse(m(d, event(CommandLine, "perfc.dat")));
    }

    @Test
    void casedMakesLiteralsCaseSensitive() {
        String d = "sel:\n  CommandLine|contains|cased: 'AbC'\ncondition: sel";
        assertTrue(cmd(d, "xAbCx"));
        assertFalse(cmd(d, "xabcx"));
        assertTrue(cmd("sel:\n  CommandLine|cased: 'A*c'\ncondition: sel", "Axxc"));
        assertFalse(cmd("sel:\n  CommandLine|cased: 'A*c'\ncondition: sel", "axxc"));
    }

    @Test
    void windashEveryPermutationOfFiveDashes() {
        String d = "sel:\n  CommandLine|contains|windash: ' -f '\ncondition: sel";
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertTrue(cmd(d, "x " + dash + "f y"), dash);
        }
        assertFalse(cmd(d, "x +f y"));
        assertEquals(5, rule(yaml(d)).detection().selections().get("sel").alternatives().get(0).get(0).values().get(0).anyOf().size());
        String two = "sel:\n  CommandLine|windash|contains: '-a /b'\ncondition: sel";
        assertTrue(cmd(two, "\u2014a \u2013b"));
        assertTrue(cmd(two, "/a -b"));
        assertEquals(25, rule(yaml(two)).detection().selections().get("sel").alternatives().get(0).get(0).values().get(0).anyOf().size());
    }

    @Test
    void regexWithFlags() {
        String d = "sel:\n  CommandLine|re: '\\s-e(nc)? [A-Za-z0-9+/]{8,}'\ncondition: sel";
        assertTrue(cmd(d, "powershell -enc SQBFAFgA"));
        assertTrue(cmd(d, "powershell -e SQBFAFgA"));
        assertFalse(cmd(d, "powershell -ENC SQBFAFgA"), "regex is case-sensitive by default");
        assertTrue(cmd("sel:\n  CommandLine|re|i: '-ENC'\ncondition: sel", "x -enc"));
        assertTrue(cmd("sel:\n  CommandLine|re|m: '^b$'\ncondition: sel", "a\nb\nc"));
        assertFalse(cmd("sel:\n  CommandLine|re: '^b$'\ncondition: sel", "a\nb\nc"));
        assertTrue(cmd("sel:\n  CommandLine|re|s: 'a.c'\ncondition: sel", "a\nc"));
        assertFalse(cmd("sel:\n  CommandLine|re: 'a.c'\ncondition: sel", "a\nc"));
        assertFalse(m(d, new EventRecord()));
        // pySigma's long names of the three flags (the spec is silent on other names)
        assertTrue(cmd("sel:\n  CommandLine|re|ignorecase: '-ENC'\ncondition: sel", "x -enc"));
        assertTrue(cmd("sel:\n  CommandLine|re|multiline: '^b$'\ncondition: sel", "a\nb\nc"));
        assertTrue(cmd("sel:\n  CommandLine|re|dotall: 'a.c'\ncondition: sel", "a\nc"));
        String all = "sel:\n  CommandLine|re|all:\n    - 'a+'\n    - 'b+'\ncondition: sel";
        assertTrue(cmd(all, "xaxbx"));
        assertFalse(cmd(all, "xax"));
    }

    @Test
    void regexDollarIsPcreDollar() {
        // Modifiers appendix: the |re flavour is PCRE, whose $ (without m) also matches before a newline that
        // ends the value; RE2's $ alone matched only at the very end.
        String d = "sel:\n  CommandLine|re: 'cmd\\.exe$'\ncondition: sel";
        assertTrue(cmd(d, "x cmd.exe"));
        assertTrue(cmd(d, "x cmd.exe\n"), "before a final newline");
        assertFalse(cmd(d, "x cmd.exe\n\n"), "one final newline only");
        assertFalse(cmd(d, "x cmd.exe\ny"));
        assertFalse(cmd(d, "x cmd.exe\r\n"), "PCRE's newline is LF");
        assertTrue(cmd("sel:\n  CommandLine|re|m: '^a$'\ncondition: sel", "x\na\nb"));
        assertFalse(cmd("sel:\n  CommandLine|re|m: '^a$'\ncondition: sel", "x\nab"));
        assertTrue(cmd("sel:\n  CommandLine|re|i: '(?:A|b)$'\ncondition: sel", "xa\n"));
        assertTrue(cmd("sel:\n  CommandLine|re: 'a[$]'\ncondition: sel", "a$"), "a class's $ is a character");
        assertFalse(cmd("sel:\n  CommandLine|re: 'a[$]'\ncondition: sel", "a\n"));
        assertTrue(cmd("sel:\n  CommandLine|re: 'a\\$'\ncondition: sel", "xa$y"), "an escaped $ is a character");
        assertTrue(cmd("sel:\n  CommandLine|re: '\\Qa$\\E'\ncondition: sel", "xa$y"));
        assertEquals("a(?:\\n?$)|[$[:alpha:]$]\\$\\Q$\\E(?:\\n?$)", PcreDollar.toRe2("a$|[$[:alpha:]$]\\$\\Q$\\E$", 0));
    }

    @Test
    void numericModifiersCompareNumbers() {
        // Modifiers appendix, "Numeric Modifiers": lt, lte, gt, gte, applied to numeric values.
        String gt = "sel:\n  ProcessId|gt: 1000\ncondition: sel";
        assertTrue(m(gt, event(ProcessId, "1001")));
        assertFalse(m(gt, event(ProcessId, "1000")));
        assertFalse(m(gt, event(ProcessId, "999")));
        assertTrue(m(gt, event(ProcessId, "10000")), "as numbers, not as text");
        assertTrue(m(gt, event(ProcessId, "01001")));
        for (String notANumber : List.of("abc", "", "0x3e9", " 1001", "1e4", "1001.", "-")) {
            assertFalse(m(gt, event(ProcessId, notANumber)), notANumber);
        }
        assertFalse(m(gt, new EventRecord()));
        assertTrue(m("sel:\n  ProcessId|lte: 4\ncondition: sel", event(ProcessId, "4")));
        assertTrue(m("sel:\n  ProcessId|lte: 4\ncondition: sel", event(ProcessId, "-7")));
        assertFalse(m("sel:\n  ProcessId|lt: 4\ncondition: sel", event(ProcessId, "4.000")));
        assertTrue(m("sel:\n  ProcessId|lt: 4.5\ncondition: sel", event(ProcessId, "4.25")));
        assertFalse(m("sel:\n  ProcessId|gte: 4.5\ncondition: sel", event(ProcessId, "4.49")));
        assertTrue(m("sel:\n  ProcessId|gte: 0x10\ncondition: sel", event(ProcessId, "16")));
        assertTrue(m("sel:\n  ProcessId|gt: -1\ncondition: sel", event(ProcessId, "-0")));
        assertTrue(m("sel:\n  ProcessId|lt: -1.5\ncondition: sel", event(ProcessId, "-2")));
        String all = "sel:\n  ProcessId|gt|all:\n    - 1\n    - 5\ncondition: sel";
        assertTrue(m(all, event(ProcessId, "6")));
        assertFalse(m(all, event(ProcessId, "3")));
        assertTrue(m("sel:\n  ProcessId|lt:\n    - 1\n    - 5\ncondition: sel", event(ProcessId, "3")));
        assertTrue(m("sel:\n  EventID: 1\n  TerminalSessionId|gte: 1\ncondition: sel",
                event(Field.EventID, "1", Field.TerminalSessionId, "2")));
        for (String refused : List.of("ProcessId|gt: '5'", "ProcessId|gt: abc", "ProcessId|gt: .inf", "ProcessId|gt|contains: 5",
                "ProcessId|gt|lt: 5", "ProcessId|gt: null")) {
            org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class,
                    () -> rule(yaml("sel:\n  " + refused + "\ncondition: sel")), refused);
        }
        org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class, () -> rule(yaml("kw:\n  '|gt': 5\ncondition: kw")));
    }

    @Test
    void numbersWithHugeExponentsAreRefusedNotExpanded() {
        // Review (session 14): `|lt: 1e999999999` loaded, then compiling it wrote the number's billion plain
        // digits (OutOfMemoryError, exit 1); `1e2147483648` escaped as an ArithmeticException.
        for (String huge : List.of("1e999999999", "-1e-999999999", "1e1000", "1e-1001", "1e2147483648", "1e-2147483649")) {
            for (String entry : List.of("ProcessId|lt: ", "UtcTime|year: ")) {
                SigmaRuleException e = org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class,
                        () -> rule(yaml("sel:\n  " + entry + huge + "\ncondition: sel")), entry + huge);
                assertTrue(e.getMessage().contains("needs a number"), e.getMessage());
            }
        }
        // up to 1,000 digits on either side of the point: compared exactly
        assertTrue(m("sel:\n  ProcessId|lt: 1e999\ncondition: sel", event(ProcessId, "9".repeat(999))));
        assertFalse(m("sel:\n  ProcessId|gt: 1e-1000\ncondition: sel", event(ProcessId, "0.000")));
        assertTrue(m("sel:\n  ProcessId|gt: 1e-1000\ncondition: sel", event(ProcessId, "0." + "0".repeat(998) + "1")));
    }

    @Test
    void timeModifiersReadAPartOfTheDate() {
        // Modifiers appendix, "Time Modifiers": "it extracts a numeric value from a date", no time-zone or
        // format conversion; Sysmon writes UtcTime "yyyy-MM-dd HH:mm:ss.fff", EVTX and JSON sources ISO 8601.
        EventRecord sysmon = event(Field.UtcTime, "2024-05-02 08:15:01.101");
        EventRecord iso = event(Field.UtcTime, "2025-12-06T21:11:02.649150Z");
        assertTrue(m("sel:\n  UtcTime|hour: 8\ncondition: sel", sysmon));
        assertFalse(m("sel:\n  UtcTime|hour: 9\ncondition: sel", sysmon));
        assertTrue(m("sel:\n  UtcTime|minute: 15\ncondition: sel", sysmon));
        assertTrue(m("sel:\n  UtcTime|day: 2\ncondition: sel", sysmon));
        assertTrue(m("sel:\n  UtcTime|month: 5\ncondition: sel", sysmon));
        assertTrue(m("sel:\n  UtcTime|year: 2024\ncondition: sel", sysmon));
        assertTrue(m("sel:\n  UtcTime|hour: 21\ncondition: sel", iso));
        assertTrue(m("sel:\n  UtcTime|month:\n    - 1\n    - 12\ncondition: sel", iso), "a list is OR");
        assertTrue(m("sel:\n  UtcTime|hour|neq:\n    - 9\n    - 10\ncondition: sel", sysmon));
        for (String notADate : List.of("yesterday", "", "2024-05-02", "2024-05-02_08:15", "2024/05/02 08:15:01")) {
            assertFalse(m("sel:\n  UtcTime|year: 2024\ncondition: sel", event(Field.UtcTime, notADate)), notADate);
        }
        assertFalse(m("sel:\n  UtcTime|year: 2024\ncondition: sel", new EventRecord()));
        for (String refused : List.of("UtcTime|hour: '8'", "UtcTime|hour: 8.5", "UtcTime|week: 3", "Image|hour: 8",
                "UtcTime|hour|contains: 8", "UtcTime|hour|gt: 8", "UtcTime|hour|day: 8")) {
            org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class,
                    () -> rule(yaml("sel:\n  " + refused + "\ncondition: sel")), refused);
        }
    }

    @Test
    void timePartsStayInTheirRanges() {
        // Modifiers appendix, "Time Modifiers": minute 0-59, hour 0-23, day 1-31, month 1-12. Review (session
        // 14): 'hour: 25' loaded and could never match; '2026-13-40 25:61' was read as a date ('month: 13' hit it).
        for (String refused : List.of("minute: 60", "hour: 24", "day: 0", "day: 32", "month: 0", "month: 13", "hour: -1", "year: 10000")) {
            SigmaRuleException e = org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class,
                    () -> rule(yaml("sel:\n  UtcTime|" + refused + "\ncondition: sel")), refused);
            assertTrue(e.getMessage().contains("needs a whole number from"), e.getMessage());
        }
        for (String edge : List.of("minute: 59", "hour: 0", "hour: 23", "day: 31", "month: 12", "year: 0")) {
            rule(yaml("sel:\n  UtcTime|" + edge + "\ncondition: sel"));
        }
        for (String notADate : List.of("2026-13-10 05:15", "2026-00-10 05:15", "2026-12-32 05:15", "2026-12-00 05:15",
                "2026-12-10 24:15", "2026-12-10 05:60")) {
            EventRecord e = event(Field.UtcTime, notADate);
            assertFalse(m("sel:\n  UtcTime|year: 2026\ncondition: sel", e), notADate);
            assertTrue(m("sel:\n  UtcTime|year|neq: 2026\ncondition: sel", e), "no date: different from every year, " + notADate);
        }
        assertTrue(m("sel:\n  UtcTime|day: 31\ncondition: sel", event(Field.UtcTime, "2026-02-31 23:59")), "the calendar is not checked");
    }

    @Test
    void neqNegatesTheEntry() {
        // Modifiers appendix (v2.1), generic modifiers: "neq: The field is different from the specified values";
        // pySigma negates the detection item, so an absent field is different from every value.
        String d = "sel:\n  Image|neq:\n    - a\n    - b\ncondition: sel";
        assertTrue(m(d, event(Image, "c")));
        assertFalse(m(d, event(Image, "A")), "case-insensitive, as the values are");
        assertFalse(m(d, event(Image, "b")));
        assertTrue(m(d, event(CommandLine, "x")), "absent: different from every value");
        String contains = "sel:\n  Image: i\n  CommandLine|contains|neq: x\ncondition: sel";
        assertTrue(m(contains, event(Image, "i", CommandLine, "abc")));
        assertFalse(m(contains, event(Image, "i", CommandLine, "aXb")));
        assertFalse(m(contains, event(Image, "j", CommandLine, "abc")), "the map's other entry still holds");
        String all = "sel:\n  CommandLine|contains|all|neq:\n    - a\n    - b\ncondition: sel";
        assertTrue(m(all, event(CommandLine, "a")));
        assertFalse(m(all, event(CommandLine, "ab")));
        String ref = "sel:\n  User|fieldref|neq: ParentUser\ncondition: sel";
        assertTrue(m(ref, event(User, "a", Field.ParentUser, "b")));
        assertFalse(m(ref, event(User, "a", Field.ParentUser, "A")));
        assertTrue(m("sel:\n  CommandLine|re|neq: '^a'\ncondition: sel", event(CommandLine, "ba")));
        assertTrue(m("sel:\n  Image: i\n  GrandParentImage|neq: x\ncondition: sel", event(Image, "i")),
                "a field outside the schema is absent, so different");
        for (String refused : List.of("kw:\n  '|neq': x\ncondition: kw", "sel:\n  Image|neq|neq: x\ncondition: sel",
                "sel:\n  Image|neq: null\ncondition: sel", "sel:\n  Image|neq|exists: true\ncondition: sel")) {
            org.junit.jupiter.api.Assertions.assertThrows(SigmaRuleException.class, () -> rule(yaml(refused)), refused);
        }
    }

    @Test
    void existsTestsPresence() {
        assertTrue(m("sel:\n  User|exists: true\ncondition: sel", event(User, "")));
        assertFalse(m("sel:\n  User|exists: true\ncondition: sel", event(Image, "x")));
        assertTrue(m("sel:\n  User|exists: false\ncondition: sel", event(Image, "x")));
        assertFalse(m("sel:\n  User|exists: false\ncondition: sel", event(User, "bob")));
    }

    @Test
    void base64AndBase64Offset() {
        String plain = Base64.getEncoder().encodeToString("foobar".getBytes(StandardCharsets.UTF_8));
        assertEquals("Zm9vYmFy", plain);
        assertTrue(cmd("sel:\n  CommandLine|base64: 'foobar'\ncondition: sel", "Zm9vYmFy"));
        assertTrue(cmd("sel:\n  CommandLine|base64|contains: 'foobar'\ncondition: sel", "echo Zm9vYmFy | b64"));
        // The three shifts of "foobar" as they appear inside longer base64 text.
        assertEquals(List.of("Zm9vYmFy", "Zvb2Jhc", "mb29iYX"), SigmaEncodings.base64Offsets("foobar".getBytes(StandardCharsets.UTF_8)));
        String off = "sel:\n  CommandLine|base64offset|contains: 'foobar'\ncondition: sel";
        for (String prefix : List.of("", "x", "xy", "xyz", "wxyz")) {
            String encoded = Base64.getEncoder().encodeToString((prefix + "foobar-tail").getBytes(StandardCharsets.UTF_8));
            assertTrue(cmd(off, "powershell -e " + encoded), prefix);
        }
        assertFalse(cmd(off, "powershell -e " + Base64.getEncoder().encodeToString("fooBar".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void utf16EncodingsBeforeBase64() {
        String wide = "sel:\n  CommandLine|wide|base64offset|contains: 'spinstall0.aspx'\ncondition: sel";
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String payload = Base64.getEncoder().encodeToString((prefix + "C:\\spinstall0.aspx x").getBytes(StandardCharsets.UTF_16LE));
            assertTrue(cmd(wide, "powershell -enc " + payload), prefix);
        }
        assertFalse(cmd(wide, "powershell -enc " + Base64.getEncoder().encodeToString("spinstall0.aspx".getBytes(StandardCharsets.UTF_8))));
        assertTrue(cmd("sel:\n  CommandLine|utf16le|base64: 'cmd'\ncondition: sel", "YwBtAGQA"));
        assertTrue(cmd("sel:\n  CommandLine|utf16be|base64: 'cmd'\ncondition: sel", "AGMAbQBk"));
        assertTrue(cmd("sel:\n  CommandLine|utf16|base64: 'cmd'\ncondition: sel", "//5jAG0AZAA="));
    }

    @Test
    void fieldrefComparesFields() {
        String d = "sel:\n  User|fieldref: ParentUser\ncondition: sel";
        assertTrue(m(d, event(User, "CORP\\bob", Field.ParentUser, "corp\\BOB")));
        assertFalse(m(d, event(User, "CORP\\bob", Field.ParentUser, "CORP\\alice")));
        assertFalse(m(d, event(User, "CORP\\bob")), "absent reference field");
        assertTrue(m("sel:\n  Image|fieldref|endswith: ParentImage\ncondition: sel", event(Image, "C:\\a\\x.exe", ParentImage, "\\X.EXE")));
        assertTrue(m("sel:\n  Image|fieldref|contains: ParentImage\ncondition: sel", event(Image, "C:\\a\\x.exe", ParentImage, "a\\X")));
        assertFalse(m("sel:\n  Image|fieldref|cased: ParentImage\ncondition: sel", event(Image, "a", ParentImage, "A")));
        assertTrue(m("sel:\n  Image|fieldref|startswith: ParentImage\ncondition: sel", event(Image, "C:\\a", ParentImage, "c:")));
    }

    @Test
    void expandWithGivenPlaceholders() {
        String d = yaml("sel:\n  CommandLine|contains|expand: 'echo %admins%'\ncondition: sel");
        SigmaRule r = rule(d, Map.of("admins", List.of("root", "adm*n")));
        assertTrue(Detections.matches(r, event(CommandLine, "x echo root y")));
        assertTrue(Detections.matches(r, event(CommandLine, "x echo admin y")));
        assertFalse(Detections.matches(r, event(CommandLine, "x echo bob y")));
        SigmaRule literal = rule(yaml("sel:\n  CommandLine|contains: '%admins%'\ncondition: sel"));
        assertTrue(Detections.matches(literal, event(CommandLine, "echo %ADMINS%")), "without expand, %name% is plain text");
    }
}
