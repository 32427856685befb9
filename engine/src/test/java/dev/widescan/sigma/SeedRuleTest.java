package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.format.Field.ParentImage;
import static dev.widescan.sigma.Detections.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed rule ba3f5c1b "Potential WinAPI Calls Via CommandLine" (SigmaHQ, DRL 1.1), read from
 * the project's copy in corpus/rules/seed, against hand-written events. Every check runs on the compiled program and
 * on the reference evaluator, which must agree.
 */
class SeedRuleTest {
    /** The 45 active literals of the rule's selection (msvcrt and user32 are commented out in the rule). */
    static final List<String> SELECTION = List.of(
            "AddSecurityPackage", "AdjustTokenPrivileges", "Advapi32", "CloseHandle", "CreateProcessWithToken",
            "CreatePseudoConsole", "CreateRemoteThread", "CreateThread", "CreateUserThread", "DangerousGetHandle",
            "DuplicateTokenEx", "EnumerateSecurityPackages", "FreeHGlobal", "FreeLibrary",
            "GetDelegateForFunctionPointer", "GetLogonSessionData", "GetModuleHandle", "GetProcAddress",
            "GetProcessHandle", "GetTokenInformation", "ImpersonateLoggedOnUser", "kernel32", "LoadLibrary",
            "memcpy", "MiniDumpWriteDump", "ntdll", "OpenDesktop", "OpenProcess", "OpenProcessToken",
            "OpenThreadToken", "OpenWindowStation", "PtrToString", "QueueUserApc", "ReadProcessMemory",
            "RevertToSelf", "RtlCreateUserThread", "secur32", "SetThreadToken", "VirtualAlloc", "VirtualFree",
            "VirtualProtect", "WaitForSingleObject", "WriteInt32", "WriteProcessMemory", "ZeroFreeGlobalAllocUnicode");
    static final String MPCMDRUN = "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2205.7-0\\MpCmdRun.exe";
    static final String COMPAT = "C:\\Windows\\System32\\CompatTelRunner.exe";

    static SigmaRule seed;

    @BeforeAll
    static void load() {
        RuleLoadResult r = RuleLoader.load(List.of(SharedData.seedRule()), false);
        assertEquals(1, r.rules().size());
        seed = r.rules().get(0);
    }

    private static boolean detects(EventRecord e) {
        return Detections.matches(seed, e);
    }

    @Test
    void metadataAndLiterals() {
        assertEquals("ba3f5c1b-6272-4119-9dbd-0bc8d21c2702", seed.id());
        assertEquals("high", seed.level());
        assertEquals(List.of("attack.execution", "attack.t1106"), seed.tags());
        CompiledRuleSet set = SigmaCompiler.compile(List.of(seed));
        List<Field> fields = set.fieldLiterals().stream().map(FieldLiterals::field).toList();
        assertEquals(List.of(CommandLine, Image, ParentImage), fields);
        List<Literal> cmd = set.fieldLiterals().get(0).literals().literals();
        // 45 selection literals + GetLoadLibraryWAddress32; the CompatTelRunner literals are shared, not repeated.
        assertEquals(46, cmd.size());
        for (String s : SELECTION) {
            assertTrue(cmd.contains(new Literal(s.toLowerCase(Locale.ROOT), LiteralKind.CONTAINS, false)), s);
        }
        assertEquals(List.of(new Literal("\\mpcmdrun.exe", LiteralKind.ENDS_WITH, false)),
                set.fieldLiterals().get(1).literals().literals());
        assertEquals(List.of(new Literal("\\compattelrunner.exe", LiteralKind.ENDS_WITH, false)),
                set.fieldLiterals().get(2).literals().literals());
        assertEquals(0, set.alwaysEvaluatedRuleCount());
    }

    @Test
    void everyLiteralAnywhereInAnyCase() {
        for (String lit : SELECTION) {
            for (String variant : List.of(lit, lit.toUpperCase(Locale.ROOT), lit.toLowerCase(Locale.ROOT), swapCase(lit))) {
                assertTrue(detects(event(CommandLine, variant)), "whole value " + variant);
                assertTrue(detects(event(CommandLine, variant + " -arg x")), "at start " + variant);
                assertTrue(detects(event(CommandLine, "winapiexec.exe " + variant)), "at end " + variant);
                assertTrue(detects(event(CommandLine, "a.exe \"" + variant + "\" b", Image, "C:\\a.exe")), "inside " + variant);
            }
            for (String cut : List.of(lit.substring(0, lit.length() - 1), lit.substring(1))) {
                // A cut literal may still contain a shorter one (OpenProcessToke contains OpenProcess).
                boolean containsAnother = SELECTION.stream()
                        .anyMatch(l -> cut.toLowerCase(Locale.ROOT).contains(l.toLowerCase(Locale.ROOT)));
                assertEquals(containsAnother, detects(event(CommandLine, cut)), "cut " + cut);
            }
        }
    }

    @Test
    void noLiteralOrAbsentFieldsDoNotDetect() {
        assertFalse(detects(event(CommandLine, "notepad.exe C:\\notes.txt")));
        assertFalse(detects(event(CommandLine, "")));
        assertFalse(detects(event(Image, "C:\\x\\kernel32.exe")));
        assertFalse(detects(new EventRecord()));
        assertFalse(detects(event(CommandLine, "msvcrt user32")), "commented-out literals are not part of the rule");
        assertFalse(detects(event(CommandLine, "kernel 32 Load Library")));
    }

    @Test
    void mpCmdRunFilterNeedsImageAndLiteral() {
        String cli = "MpCmdRun.exe -GetLoadLibraryWAddress32";
        assertFalse(detects(event(CommandLine, cli, Image, MPCMDRUN)), "both conditions: filtered");
        assertFalse(detects(event(CommandLine, cli.toUpperCase(Locale.ROOT), Image, MPCMDRUN.toLowerCase(Locale.ROOT))));
        assertTrue(detects(event(CommandLine, cli, Image, "C:\\Windows\\System32\\rundll32.exe")), "literal without image");
        assertTrue(detects(event(CommandLine, cli)), "image absent");
        assertTrue(detects(event(CommandLine, cli, Image, "MpCmdRun.exe")), "no backslash before the name");
        assertTrue(detects(event(CommandLine, cli, Image, MPCMDRUN + ".bak")), "not at the end");
        assertTrue(detects(event(CommandLine, "MpCmdRun.exe kernel32", Image, MPCMDRUN)), "image without the literal");
    }

    @Test
    void compatTelRunnerFilterNeedsParentAndOneOfFour() {
        for (String lit : List.of("FreeHGlobal", "PtrToString", "kernel32", "CloseHandle")) {
            assertFalse(detects(event(CommandLine, "powershell " + lit, ParentImage, COMPAT)), lit);
            assertFalse(detects(event(CommandLine, lit.toUpperCase(Locale.ROOT), ParentImage, COMPAT.toUpperCase(Locale.ROOT))), lit);
            assertTrue(detects(event(CommandLine, "powershell " + lit, ParentImage, "C:\\Windows\\explorer.exe")), lit);
            assertTrue(detects(event(CommandLine, "powershell " + lit)), lit + " parent absent");
        }
        assertTrue(detects(event(CommandLine, "powershell OpenProcess", ParentImage, COMPAT)), "other literal is not filtered");
        assertTrue(detects(event(CommandLine, "powershell kernel32", ParentImage, COMPAT + "x")));
    }

    @Test
    void batchInBlocksMatchesReference() {
        List<EventRecord> events = new ArrayList<>();
        for (String lit : SELECTION) {
            events.add(event(CommandLine, "x " + lit + " y"));
            events.add(event(CommandLine, "x " + lit, ParentImage, COMPAT));
            events.add(event(CommandLine, lit + " GetLoadLibraryWAddress32", Image, MPCMDRUN));
            events.add(event(Image, lit));
        }
        List<SigmaRule> rules = List.of(seed, seed);
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        for (int block : new int[] {1, 7, 64, 1000}) {
            assertEquals(Detections.reference(rules, events), Detections.compiled(set, events, block), "block " + block);
        }
        long detections = Detections.reference(List.of(seed), events).size();
        // Per literal: the plain event always; the CompatTelRunner one unless it is one of the 4; the
        // MpCmdRun one never (the filter applies); the Image-only one never.
        assertEquals(SELECTION.size() + SELECTION.size() - 4, detections);
    }

    private static String swapCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
