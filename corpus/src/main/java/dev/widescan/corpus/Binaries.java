package dev.widescan.corpus;

/**
 * The executables of the model, with the version-resource fields Sysmon reports for them. Paths use the
 * casing Windows itself reports in Image (System32 components mostly as {@code C:\Windows\System32\}).
 */
final class Binaries {
    private Binaries() {
    }

    static final String SYS32 = "C:\\Windows\\System32\\";
    static final String WOW64 = "C:\\Windows\\SysWOW64\\";

    // Session and service plumbing.
    static final Binary SMSS = Binary.windows(SYS32 + "smss.exe", "smss.exe", "Windows Session Manager");
    static final Binary WININIT = Binary.windows(SYS32 + "wininit.exe", "wininit.exe", "Windows Start-Up Application");
    static final Binary WINLOGON = Binary.windows(SYS32 + "winlogon.exe", "WINLOGON.EXE", "Windows Logon Application");
    static final Binary SERVICES = Binary.windows(SYS32 + "services.exe", "services.exe", "Services and Controller app");
    static final Binary SVCHOST = Binary.windows(SYS32 + "svchost.exe", "svchost.exe", "Host Process for Windows Services");
    static final Binary USERINIT = Binary.windows(SYS32 + "userinit.exe", "USERINIT.EXE", "Userinit Logon Application");
    static final Binary EXPLORER = Binary.windows("C:\\Windows\\explorer.exe", "EXPLORER.EXE", "Windows Explorer");
    static final Binary CONHOST = Binary.windows(SYS32 + "conhost.exe", "CONHOST.EXE", "Console Window Host");
    static final Binary DLLHOST = Binary.windows(SYS32 + "dllhost.exe", "dllhost.exe", "COM Surrogate");
    static final Binary RUNDLL32 = Binary.windows(SYS32 + "rundll32.exe", "RUNDLL32.EXE", "Windows host process (Rundll32)");
    static final Binary TASKHOSTW = Binary.windows(SYS32 + "taskhostw.exe", "taskhostw.exe", "Host Process for Windows Tasks");
    static final Binary RUNTIMEBROKER = Binary.windows(SYS32 + "RuntimeBroker.exe", "RuntimeBroker.exe", "Runtime Broker");
    static final Binary BACKGROUNDTASKHOST = Binary.windows(SYS32 + "backgroundTaskHost.exe", "backgroundTaskHost.exe", "Background Task Host");
    static final Binary WMIPRVSE = Binary.windows(SYS32 + "wbem\\WmiPrvSE.exe", "Wmiprvse.exe", "WMI Provider Host");
    static final Binary SEARCHPROTOCOLHOST = Binary.windows(SYS32 + "SearchProtocolHost.exe", "SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host");
    static final Binary SEARCHFILTERHOST = Binary.windows(SYS32 + "SearchFilterHost.exe", "SearchFilterHost.exe", "Microsoft Windows Search Filter Host");
    static final Binary SEARCHINDEXER = Binary.windows(SYS32 + "SearchIndexer.exe", "SearchIndexer.exe", "Microsoft Windows Search Indexer");
    static final Binary SPPSVC = Binary.windows(SYS32 + "sppsvc.exe", "sppsvc.exe", "Microsoft Software Protection Platform Service");
    static final Binary SPPEXTCOMOBJ = Binary.windows(SYS32 + "SppExtComObj.Exe", "SppExtComObj.exe", "KMS Connection Broker");
    static final Binary WERFAULT = Binary.windows(SYS32 + "WerFault.exe", "WerFault.exe", "Windows Problem Reporting");
    static final Binary WERMGR = Binary.windows(SYS32 + "wermgr.exe", "wermgr.exe", "Windows Problem Reporting");
    static final Binary AUDIODG = Binary.windows(SYS32 + "audiodg.exe", "AUDIODG.EXE", "Windows Audio Device Graph Isolation");
    static final Binary SMARTSCREEN = Binary.windows(SYS32 + "smartscreen.exe", "smartscreen.exe", "Windows Defender SmartScreen");
    static final Binary CTFMON = Binary.windows(SYS32 + "ctfmon.exe", "CTFMON.EXE", "CTF Loader");
    static final Binary SIHOST = Binary.windows(SYS32 + "sihost.exe", "sihost.exe", "Shell Infrastructure Host");
    static final Binary CONSENT = Binary.windows(SYS32 + "consent.exe", "consent.exe", "Consent UI for administrative applications");
    static final Binary LOGONUI = Binary.windows(SYS32 + "LogonUI.exe", "logonui.exe", "Windows Logon User Interface Host");
    static final Binary FONTDRVHOST = Binary.windows(SYS32 + "fontdrvhost.exe", "fontdrvhost.exe", "Usermode Font Driver Host");
    static final Binary TIWORKER = Binary.windows("C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.4585_none_7e9f4e3b0c1b4a2d\\TiWorker.exe",
            "TiWorker.exe", "Windows Modules Installer Worker");
    static final Binary TRUSTEDINSTALLER = Binary.windows("C:\\Windows\\servicing\\TrustedInstaller.exe", "TrustedInstaller.exe", "Windows Modules Installer");
    static final Binary USOCLIENT = Binary.windows(SYS32 + "usoclient.exe", "UsoClient", "UsoClient");
    static final Binary MOUSOCOREWORKER = Binary.windows(SYS32 + "MoUsoCoreWorker.exe", "MoUsoCoreWorker.exe", "MoUSO Core Worker Process");
    static final Binary COMPATTELRUNNER = Binary.windows(SYS32 + "CompatTelRunner.exe", "CompatTelRunner.exe", "Microsoft Compatibility Telemetry");
    static final Binary DEVICECENSUS = Binary.windows(SYS32 + "DeviceCensus.exe", "DeviceCensus.exe", "Device Census");
    static final Binary WSQMCONS = Binary.windows(SYS32 + "wsqmcons.exe", "wsqmcons.exe", "Windows SQM Consolidator");
    static final Binary VSSVC = Binary.windows(SYS32 + "VSSVC.exe", "VSSVC.EXE", "Microsoft® Volume Shadow Copy Service");
    static final Binary DISMHOST = Binary.windows("C:\\Windows\\Temp\\", "DismHost.exe", "Dism Host Servicing Process");
    static final Binary SDIAGNHOST = Binary.windows(SYS32 + "sdiagnhost.exe", "sdiagnhost.exe", "Scripted Diagnostics Native Host");
    static final Binary GPUPDATE = Binary.windows(SYS32 + "gpupdate.exe", "GPUpdate.exe", "Microsoft® Windows Group Policy Update Utility");
    static final Binary MPCMDRUN = Binary.of("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MpCmdRun.exe",
            "MpCmdRun.exe", "Microsoft Malware Protection Command Line Utility", "Microsoft® Windows® Operating System", Binary.MS, "4.18.24090.11 (WinBuild.160101.0800)");
    static final Binary MSMPENG = Binary.of("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe",
            "MsMpEng.exe", "Antimalware Service Executable", "Microsoft® Windows® Operating System", Binary.MS, "4.18.24090.11 (WinBuild.160101.0800)");

    // Shells and admin tools.
    static final Binary CMD = Binary.windows(SYS32 + "cmd.exe", "Cmd.Exe", "Windows Command Processor");
    static final Binary POWERSHELL = Binary.windows(SYS32 + "WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "Windows PowerShell");
    static final Binary PWSH = Binary.of("C:\\Program Files\\PowerShell\\7\\pwsh.exe", "pwsh.dll", "pwsh", "PowerShell", Binary.MS, "7.4.6.500");
    static final Binary CSCRIPT = Binary.windows(SYS32 + "cscript.exe", "cscript.exe", "Microsoft ® Console Based Script Host");
    static final Binary WSCRIPT = Binary.windows(SYS32 + "wscript.exe", "wscript.exe", "Microsoft ® Windows Based Script Host");
    static final Binary REG = Binary.windows(SYS32 + "reg.exe", "reg.exe", "Registry Console Tool");
    static final Binary SCHTASKS = Binary.windows(SYS32 + "schtasks.exe", "schtasks.exe", "Task Scheduler Configuration Tool");
    static final Binary WMIC = Binary.windows(SYS32 + "wbem\\WMIC.exe", "wmic.exe", "WMI Commandline Utility");
    static final Binary MSIEXEC = Binary.windows(SYS32 + "msiexec.exe", "msiexec.exe", "Windows® installer");
    static final Binary MSIEXEC_WOW = Binary.windows(WOW64 + "msiexec.exe", "msiexec.exe", "Windows® installer");
    static final Binary NET = Binary.windows(SYS32 + "net.exe", "net.exe", "Net Command");
    static final Binary NET1 = Binary.windows(SYS32 + "net1.exe", "net1.exe", "Net Command");
    static final Binary SC = Binary.windows(SYS32 + "sc.exe", "sc.exe", "Service Control Manager Configuration Tool");
    static final Binary NETSH = Binary.windows(SYS32 + "netsh.exe", "netsh.exe", "Network Command Shell");
    static final Binary IPCONFIG = Binary.windows(SYS32 + "ipconfig.exe", "ipconfig.exe", "IP Configuration Utility");
    static final Binary WHOAMI = Binary.windows(SYS32 + "whoami.exe", "whoami.exe", "whoami - displays logged on user information");
    static final Binary HOSTNAME = Binary.windows(SYS32 + "HOSTNAME.EXE", "hostname.exe", "Hostname APP");
    static final Binary SYSTEMINFO = Binary.windows(SYS32 + "systeminfo.exe", "sysinfo.exe", "Displays system information");
    static final Binary TASKLIST = Binary.windows(SYS32 + "tasklist.exe", "tasklist.exe", "Lists the current running tasks");
    static final Binary TASKKILL = Binary.windows(SYS32 + "taskkill.exe", "taskkill.exe", "Terminates Processes");
    static final Binary PING = Binary.windows(SYS32 + "PING.EXE", "ping.exe", "TCP/IP Ping Command");
    static final Binary NSLOOKUP = Binary.windows(SYS32 + "nslookup.exe", "nslookup.exe", "nslookup");
    static final Binary ROBOCOPY = Binary.windows(SYS32 + "Robocopy.exe", "robocopy.exe", "Microsoft Robocopy");
    static final Binary XCOPY = Binary.windows(SYS32 + "xcopy.exe", "XCOPY.EXE", "Extended Copy Utility");
    static final Binary ICACLS = Binary.windows(SYS32 + "icacls.exe", "iCACLS.EXE", "Integrity Control ACLs");
    static final Binary FINDSTR = Binary.windows(SYS32 + "findstr.exe", "FINDSTR.EXE", "Find String (QGREP) Utility");
    static final Binary TIMEOUT = Binary.windows(SYS32 + "timeout.exe", "timeout.exe", "timeout - pauses command processing");
    static final Binary CHCP = Binary.windows(SYS32 + "chcp.com", "CHCP.COM", "Change CodePage Utility");
    static final Binary ATTRIB = Binary.windows(SYS32 + "attrib.exe", "ATTRIB.EXE", "Attribute Utility");
    static final Binary CERTUTIL = Binary.windows(SYS32 + "certutil.exe", "CertUtil.exe", "CertUtil.exe");
    static final Binary CURL = Binary.windows(SYS32 + "curl.exe", "curl.exe", "The curl executable");
    static final Binary W32TM = Binary.windows(SYS32 + "w32tm.exe", "w32time.dll", "Windows Time Service Diagnostic Tool");
    static final Binary WUAUCLT = Binary.windows(SYS32 + "wuauclt.exe", "wuauclt.exe", "Windows Update");
    static final Binary NOTEPAD = Binary.windows(SYS32 + "notepad.exe", "NOTEPAD.EXE", "Notepad");
    static final Binary MMC = Binary.windows(SYS32 + "mmc.exe", "MMC.EXE", "Microsoft Management Console");
    static final Binary TASKMGR = Binary.windows(SYS32 + "Taskmgr.exe", "Taskmgr.exe", "Task Manager");
    static final Binary SNIPPINGTOOL = Binary.windows(SYS32 + "SnippingTool.exe", "SnippingTool.exe", "Snipping Tool");
    static final Binary OPENWITH = Binary.windows(SYS32 + "OpenWith.exe", "OpenWith.exe", "Pick an app");

    // Applications.
    static final Binary CHROME = Binary.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "chrome.exe", "Google Chrome", "Google Chrome", "Google LLC", "131.0.6778.86");
    static final Binary MSEDGE = Binary.of("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
            "msedge.exe", "Microsoft Edge", "Microsoft Edge", Binary.MS, "131.0.2903.70");
    static final Binary FIREFOX = Binary.of("C:\\Program Files\\Mozilla Firefox\\firefox.exe",
            "firefox.exe", "Firefox", "Firefox", "Mozilla Corporation", "133.0.0.8663");
    static final Binary EDGEUPDATE = Binary.of("C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
            "msedgeupdate.dll", "Microsoft Edge Update", "Microsoft Edge Update", Binary.MS, "1.3.195.39");
    static final Binary GOOGLEUPDATE = Binary.of("C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe",
            "GoogleUpdate.exe", "Google Installer", "Google Update", "Google LLC", "1.3.36.372");
    static final Binary WINWORD = Binary.of("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
            "WinWord.exe", "Microsoft Word", "Microsoft Office", Binary.MS, "16.0.18129.20158");
    static final Binary EXCEL = Binary.of("C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
            "Excel.exe", "Microsoft Excel", "Microsoft Office", Binary.MS, "16.0.18129.20158");
    static final Binary OUTLOOK = Binary.of("C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
            "Outlook.exe", "Microsoft Outlook", "Microsoft Office", Binary.MS, "16.0.18129.20158");
    static final Binary OFFICECLICKTORUN = Binary.of("C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe",
            "OfficeClickToRun.exe", "Microsoft Office Click-to-Run (SxS)", "Microsoft Office", Binary.MS, "16.0.18129.20158");
    static final Binary VSCODE = Binary.of("C:\\Program Files\\Microsoft VS Code\\Code.exe",
            "electron.exe", "Visual Studio Code", "Visual Studio Code", Binary.MS, "1.95.3");
    static final Binary GIT = Binary.of("C:\\Program Files\\Git\\cmd\\git.exe",
            "git.exe", "Git for Windows", "Git", "The Git Development Community", "2.47.1.1");
    static final Binary JAVA = Binary.of("C:\\Program Files\\Eclipse Adoptium\\jdk-21.0.5.11-hotspot\\bin\\java.exe",
            "java.exe", "OpenJDK Platform binary", "OpenJDK Platform 21.0.5", "Eclipse Adoptium", "21.0.5.0");
    static final Binary PYTHON = Binary.of("C:\\Program Files\\Python312\\python.exe",
            "python.exe", "Python", "Python", "Python Software Foundation", "3.12.7");
    static final Binary NODE = Binary.of("C:\\Program Files\\nodejs\\node.exe",
            "node.exe", "Node.js JavaScript Runtime", "Node.js", "Node.js", "20.18.1");
    static final Binary SEVENZIP = Binary.of("C:\\Program Files\\7-Zip\\7z.exe",
            "7z.exe", "7-Zip Console", "7-Zip", "Igor Pavlov", "24.08");
    static final Binary ACROBAT = Binary.of("C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
            "Acrobat.exe", "Adobe Acrobat", "Adobe Acrobat", "Adobe Inc.", "24.4.20272.0");
    static final Binary ONEDRIVE = Binary.of("C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe",
            "OneDrive.exe", "Microsoft OneDrive", "Microsoft OneDrive", Binary.MS, "24.226.1110.0004");
    static final Binary TEAMS = Binary.of("C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe",
            "ms-teams.exe", "Microsoft Teams", "Microsoft Teams", Binary.MS, "24295.605.3225.8804");
    static final Binary MSEDGEWEBVIEW = Binary.of("C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.70\\msedgewebview2.exe",
            "msedgewebview2.exe", "Microsoft Edge WebView2", "Microsoft Edge WebView2", Binary.MS, "131.0.2903.70");
    static final Binary SPLUNKD = Binary.of("C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe",
            "splunkd.exe", "splunk service", "splunk Application", "Splunk Inc.", "9.3.2");
    static final Binary SPLUNK_POWERSHELL = Binary.of("C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunk-powershell.exe",
            "splunk-powershell.exe", "splunk-powershell", "splunk Application", "Splunk Inc.", "9.3.2");
}
