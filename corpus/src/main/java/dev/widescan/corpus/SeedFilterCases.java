package dev.widescan.corpus;

/**
 * Events the seed rule's filters exclude although its selection matches: what a rule engine must NOT
 * report. {@code filter_optional_mpcmdrun}: Defender's MpCmdRun.exe with {@code GetLoadLibraryWAddress32}
 * (which contains the selection literal {@code LoadLibrary}); {@code filter_optional_compatTelRunner}: a
 * child of CompatTelRunner.exe (its telemetry PowerShell) mentioning one of FreeHGlobal, PtrToString,
 * kernel32, CloseHandle. Both are spliced as arguments in random case.
 */
final class SeedFilterCases {
    static final String SEED_RULE_ID = "ba3f5c1b-6272-4119-9dbd-0bc8d21c2702";
    static final String MPCMDRUN_LITERAL = "GetLoadLibraryWAddress32";
    static final String[] COMPATTELRUNNER_LITERALS = {"FreeHGlobal", "PtrToString", "kernel32", "CloseHandle"};

    private SeedFilterCases() {
    }

    static void mpCmdRun(Draw d, Scene s) {
        s.runs(Binaries.MPCMDRUN, Account.SYSTEM).from(d.chance(0.5) ? Parent.MSMPENG : Parent.SCHEDULE);
        Tokens.quotedProgram(s);
        s.append(d.pick(MPCMDRUN_ARGS));
        Splicer.spliceArgument(d, s.cmd, MPCMDRUN_LITERAL, true);
    }

    private static final String[] MPCMDRUN_ARGS = {" -IdleTask -TaskName WdCacheMaintenance", " -wdenable",
        " SignatureUpdate -ScheduleJob -RestrictPrivileges", " -ScheduleJob -RestrictPrivileges -DailyTask", ""};

    static void compatTelRunnerChild(Draw d, Scene s) {
        s.runs(Binaries.POWERSHELL, Account.SYSTEM).from(Parent.COMPATTELRUNNER);
        s.append("powershell.exe -ExecutionPolicy Restricted -Command ");
        s.append(d.pick(TELEMETRY_SCRIPTS));
        Splicer.spliceArgument(d, s.cmd, d.pick(COMPATTELRUNNER_LITERALS), true);
    }

    private static final String[] TELEMETRY_SCRIPTS = {
        "Write-Host 'Final result:'; Get-CimInstance -ClassName Win32_Tpm -Namespace root\\cimv2\\Security\\MicrosoftTpm",
        "$res = [System.Runtime.InteropServices.Marshal]::SizeOf([type][IntPtr]); Write-Host $res",
        "Add-Type -TypeDefinition $src; [Telemetry.Native]::Query()",
        "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name UBR",
    };
}
