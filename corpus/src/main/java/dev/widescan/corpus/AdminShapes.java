package dev.widescan.corpus;

/**
 * Administrators, logon scripts and management agents: cmd /c, reg, schtasks, wmic, net, sc, netsh,
 * msiexec installs, robocopy, icacls and the small inventory tools (ipconfig, whoami, systeminfo...).
 * These give the body of the distribution its 60–250 code-unit shoulder.
 */
final class AdminShapes {
    private AdminShapes() {
    }

    /** Who runs admin tools: a logon script as the user, an elevated admin, or a SYSTEM agent. */
    private static void adminContext(Draw d, Scene s, Binary b) {
        switch (d.below(5)) {
            case 0 -> s.runs(b, Account.USER).from(Parent.CMD);
            case 1 -> s.runs(b, Account.ELEVATED).from(Parent.CMD_ELEVATED);
            case 2 -> s.runs(b, Account.SYSTEM).from(Parent.POWERSHELL_SYSTEM);
            case 3 -> s.runs(b, Account.SYSTEM).from(d.chance(0.5) ? Parent.SPLUNKD : Parent.JAVA);
            default -> s.runs(b, Account.USER).from(Parent.POWERSHELL);
        }
        if (!s.account.interactive()) {
            s.currentDirectory = "C:\\Windows\\system32\\";
        }
    }

    static void inventory(Draw d, Scene s) {
        switch (d.below(12)) {
            case 0 -> { adminContext(d, s, Binaries.IPCONFIG); Tokens.program(d, s); s.append(d.pick(IPCONFIG_ARGS)); }
            case 1 -> { adminContext(d, s, Binaries.WHOAMI); Tokens.program(d, s); s.append(d.pick(WHOAMI_ARGS)); }
            case 2 -> { adminContext(d, s, Binaries.HOSTNAME); Tokens.program(d, s); }
            case 3 -> { adminContext(d, s, Binaries.SYSTEMINFO); Tokens.program(d, s); if (d.chance(0.4)) { s.append(" /fo csv"); } }
            case 4 -> { adminContext(d, s, Binaries.TASKLIST); Tokens.program(d, s); s.append(d.pick(TASKLIST_ARGS)); }
            case 5 -> { adminContext(d, s, Binaries.PING); Tokens.program(d, s); s.append(" -n ").append(1 + d.below(4)).append(' ').append(d.pick(Names.FILE_SERVERS)); }
            case 6 -> { adminContext(d, s, Binaries.NSLOOKUP); Tokens.program(d, s); s.append(' ').append(d.pick(Names.WEB_HOSTS)); }
            case 7 -> { adminContext(d, s, Binaries.CHCP); s.append("chcp ").append(d.chance(0.7) ? "65001" : "437"); }
            case 8 -> { adminContext(d, s, Binaries.TIMEOUT); s.append("timeout /t ").append(1 + d.below(60)).append(d.chance(0.5) ? " /nobreak" : ""); }
            case 9 -> { adminContext(d, s, Binaries.GPUPDATE); Tokens.program(d, s); s.append(d.chance(0.6) ? " /force" : " /target:computer /force"); }
            case 10 -> { adminContext(d, s, Binaries.W32TM); Tokens.program(d, s); s.append(d.chance(0.5) ? " /resync" : " /query /status"); }
            default -> { adminContext(d, s, Binaries.TASKKILL); Tokens.program(d, s); s.append(" /F /IM ").append(d.pick(KILLED)).append(d.chance(0.3) ? " /T" : ""); }
        }
    }

    private static final String[] IPCONFIG_ARGS = {" /all", " /flushdns", " /renew", " /registerdns", ""};
    private static final String[] WHOAMI_ARGS = {"", " /all", " /groups", " /priv", " /user /fo list"};
    private static final String[] TASKLIST_ARGS = {"", " /v", " /svc", " /fo csv /nh", " /FI \"IMAGENAME eq chrome.exe\""};
    private static final String[] KILLED = {"chrome.exe", "msedge.exe", "OUTLOOK.EXE", "Teams.exe", "java.exe", "node.exe", "excel.exe"};

    static void cmdShell(Draw d, Scene s) {
        adminContext(d, s, Binaries.CMD);
        if (d.chance(0.3)) {
            s.fromExplorer();
            s.runs(Binaries.CMD, Account.USER);
            s.append("\"C:\\Windows\\system32\\cmd.exe\" ");
            return;
        }
        Tokens.program(d, s);
        s.append(d.chance(0.85) ? " /c " : " /k ");
        switch (d.below(7)) {
            case 0 -> { s.append('"'); Tokens.unc(d, s); s.append("\\logon.bat\""); }
            case 1 -> s.append("\"C:\\ProgramData\\").append(d.pick(Names.PROJECTS)).append("\\run.cmd\"");
            case 2 -> s.append("echo ").append(d.pick(Names.DOC_WORDS)).append(" > nul");
            case 3 -> { s.append("del /q /f \""); Tokens.tempFile(d, s, ".tmp"); s.append('"'); }
            case 4 -> { s.append("copy /y \""); Tokens.tempFile(d, s, ".log"); s.append("\" "); Tokens.unc(d, s); }
            case 5 -> s.append("ver");
            default -> { s.append("net use ").append((char) ('H' + d.below(15))).append(": "); Tokens.unc(d, s); s.append(" /persistent:no"); }
        }
    }

    static void reg(Draw d, Scene s) {
        adminContext(d, s, Binaries.REG);
        Tokens.program(d, s);
        switch (d.below(4)) {
            case 0 -> s.append(" query \"").append(d.pick(REG_KEYS)).append("\" /v ").append(d.pick(REG_VALUES));
            case 1 -> s.append(" query ").append(d.pick(REG_KEYS_NOSPACE)).append(d.chance(0.5) ? " /s" : "");
            case 2 -> s.append(" add \"").append(d.pick(REG_KEYS)).append("\" /v ").append(d.pick(REG_VALUES))
                    .append(" /t REG_DWORD /d ").append(d.below(2)).append(" /f");
            default -> {
                s.append(" export ").append(d.pick(REG_KEYS_NOSPACE)).append(' ');
                Tokens.tempFile(d, s, ".reg");
                s.append(" /y");
            }
        }
    }

    private static final String[] REG_KEYS = {
        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "HKCU\\Software\\Microsoft\\Office\\16.0\\Common\\General",
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server", "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender",
        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced", "HKLM\\SOFTWARE\\WOW6432Node\\Contoso\\Agent"
    };
    private static final String[] REG_KEYS_NOSPACE = {
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "HKCU\\Environment", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters",
        "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "HKCU\\Software\\Classes\\ms-settings"
    };
    private static final String[] REG_VALUES = {"ProductName", "CurrentBuild", "DisplayVersion", "fDenyTSConnections", "HideFileExt", "InstallPath", "Version", "UBR"};

    static void schtasks(Draw d, Scene s) {
        adminContext(d, s, Binaries.SCHTASKS);
        Tokens.program(d, s);
        switch (d.below(4)) {
            case 0 -> s.append(" /query /fo CSV /v");
            case 1 -> s.append(" /run /tn \"\\").append(d.pick(TASK_FOLDERS)).append('\\').append(d.pick(TASK_NAMES)).append('"');
            case 2 -> s.append(" /change /tn \"\\").append(d.pick(TASK_FOLDERS)).append('\\').append(d.pick(TASK_NAMES)).append("\" /disable");
            default -> {
                s.append(" /create /tn \"").append(d.pick(TASK_FOLDERS)).append('\\').append(d.pick(TASK_NAMES)).append("\" /tr \"");
                s.append("C:\\Program Files\\").append(d.pick(VENDORS)).append("\\bin\\").append(d.pick(Names.PROJECTS)).append(".exe --scheduled");
                s.append("\" /sc ").append(d.pick(SCHEDULES)).append(" /st ").append(10 + d.below(13)).append(':').append(d.chance(0.5) ? "00" : "30");
                s.append(" /ru SYSTEM /rl HIGHEST /f");
            }
        }
    }

    private static final String[] TASK_FOLDERS = {"Microsoft\\Windows\\Defrag", "Contoso", "Microsoft\\Office", "GoogleSystem", "Backup", "Maintenance"};
    private static final String[] TASK_NAMES = {"ScheduledDefrag", "Nightly Backup", "Office Automatic Updates 2.0", "GoogleUpdaterTaskSystem", "Inventory", "CleanupTemp"};
    private static final String[] SCHEDULES = {"daily", "weekly", "onlogon", "onstart", "hourly"};
    private static final String[] VENDORS = {"Contoso", "Acme Tools", "Fabrikam", "Northwind", "Litware"};

    static void wmic(Draw d, Scene s) {
        adminContext(d, s, Binaries.WMIC);
        Tokens.program(d, s);
        switch (d.below(5)) {
            case 0 -> s.append(" os get Caption,Version,BuildNumber /value");
            case 1 -> s.append(" computersystem get Model,Manufacturer,TotalPhysicalMemory /format:list");
            case 2 -> s.append(" logicaldisk where drivetype=3 get DeviceID,FreeSpace,Size");
            case 3 -> s.append(" product where \"name like '%").append(d.pick(VENDORS)).append("%'\" get Name,Version");
            default -> s.append(" /namespace:\\\\root\\SecurityCenter2 path AntiVirusProduct get displayName,productState /format:csv");
        }
    }

    static void netAndServices(Draw d, Scene s) {
        switch (d.below(6)) {
            case 0 -> {
                adminContext(d, s, Binaries.NET);
                Tokens.program(d, s);
                s.append(" use ").append((char) ('H' + d.below(15))).append(": ");
                Tokens.unc(d, s);
                s.append(d.chance(0.5) ? " /persistent:yes" : "");
            }
            case 1 -> {
                adminContext(d, s, Binaries.NET1);
                s.append("C:\\Windows\\system32\\net1 ").append(d.pick(new String[] {"start wuauserv", "stop bits", "time \\\\dc01 /set /y", "user " + s.person.name() + " /domain"}));
            }
            case 2 -> {
                adminContext(d, s, Binaries.SC);
                Tokens.program(d, s);
                s.append(' ').append(d.pick(new String[] {"query", "qc", "start", "stop", "config"})).append(' ').append(d.pick(SERVICES));
                if (d.chance(0.2)) {
                    s.append(" start= ").append(d.chance(0.5) ? "auto" : "demand");
                }
            }
            case 3 -> {
                adminContext(d, s, Binaries.NETSH);
                Tokens.program(d, s);
                s.append(d.pick(new String[] {" advfirewall show allprofiles", " interface ipv4 show config", " wlan show profiles",
                    " advfirewall firewall add rule name=\"" + d.pick(VENDORS) + " Agent\" dir=in action=allow protocol=TCP localport=" + (1024 + d.below(60000)),
                    " winhttp show proxy"}));
            }
            case 4 -> {
                adminContext(d, s, Binaries.ICACLS);
                Tokens.program(d, s);
                s.append(" \"C:\\ProgramData\\").append(d.pick(VENDORS)).append("\" /grant ").append(d.pick(new String[] {"Users:(OI)(CI)RX", "\"Authenticated Users\":(OI)(CI)M", "Administrators:F"}))
                        .append(d.chance(0.4) ? " /T /C /Q" : "");
            }
            default -> {
                adminContext(d, s, Binaries.ATTRIB);
                Tokens.program(d, s);
                s.append(d.chance(0.5) ? " +h +s \"" : " -r \"");
                Tokens.userDocument(d, s, Names.DOC_EXT);
                s.append('"');
            }
        }
    }

    private static final String[] SERVICES = {"wuauserv", "bits", "Spooler", "WinRM", "W32Time", "SplunkForwarder", "MSSQLSERVER", "Dnscache", "LanmanServer", "sshd"};

    static void copyTools(Draw d, Scene s) {
        if (d.chance(0.6)) {
            adminContext(d, s, Binaries.ROBOCOPY);
            Tokens.program(d, s);
            s.append(' ');
            Tokens.unc(d, s);
            s.append(" \"D:\\Backup\\").append(d.pick(Names.SHARES)).append("\" ").append(d.pick(new String[] {"/MIR", "/E", "/E /COPY:DAT"}))
                    .append(" /R:").append(d.below(4)).append(" /W:").append(1 + d.below(30)).append(d.chance(0.5) ? " /NP /NFL /NDL" : " /MT:16")
                    .append(d.chance(0.5) ? " /LOG+:C:\\Logs\\robocopy.log" : "");
        } else {
            adminContext(d, s, Binaries.XCOPY);
            Tokens.program(d, s);
            s.append(' ');
            Tokens.unc(d, s);
            s.append("\\* \"C:\\Deploy\\").append(d.pick(Names.PROJECTS)).append("\\\" /E /I /Y").append(d.chance(0.5) ? " /D" : "");
        }
    }

    static void msiexecInstall(Draw d, Scene s) {
        boolean user = d.chance(0.5);
        if (user) {
            s.runs(Binaries.MSIEXEC, Account.ELEVATED).fromExplorer();
        } else {
            s.runs(Binaries.MSIEXEC, Account.SYSTEM).from(d.chance(0.5) ? Parent.OFFICECLICKTORUN : Parent.POWERSHELL_SYSTEM);
        }
        Tokens.program(d, s);
        s.append(d.chance(0.7) ? " /i \"" : " /x \"");
        if (d.chance(0.5) && user) {
            s.append(s.person.profile()).append("\\Downloads\\");
            if (s.unicode) {
                Tokens.documentName(d, s, s.cmd);
            } else {
                s.append(d.pick(VENDORS)).append(' ').append(d.pick(Names.PROJECTS));
            }
            s.append('-').append(1 + d.below(9)).append('.').append(d.below(20)).append(".msi\"");
        } else if (d.chance(0.5)) {
            Tokens.unc(d, s);
            s.append("\\").append(d.pick(Names.PROJECTS)).append("_x64.msi\"");
        } else {
            s.cmd.setLength(s.cmd.length() - 1);
            Tokens.bracedGuid(d, s.cmd, true);
        }
        s.append(d.pick(new String[] {" /qn", " /quiet /norestart", " /qb!", " /passive"}));
        if (d.chance(0.4)) {
            s.append(" /L*v \"C:\\Windows\\Temp\\").append(d.pick(Names.PROJECTS)).append("_install.log\"");
        }
        if (d.chance(0.3)) {
            s.append(" ALLUSERS=1 REBOOT=ReallySuppress");
        }
    }

    static void downloads(Draw d, Scene s) {
        if (d.chance(0.5)) {
            adminContext(d, s, Binaries.CURL);
            Tokens.program(d, s);
            s.append(d.chance(0.5) ? " -sSL -o " : " -k -s -o ");
            Tokens.tempFile(d, s, ".json");
            s.append(' ');
            Tokens.url(d, s.cmd);
        } else {
            adminContext(d, s, Binaries.CERTUTIL);
            Tokens.program(d, s);
            s.append(d.pick(new String[] {" -store My", " -verify -urlfetch C:\\Windows\\Temp\\cert.cer", " -pulse", " -hashfile C:\\Windows\\Temp\\package.zip SHA256", " -viewstore Root"}));
        }
    }

    static void findstr(Draw d, Scene s) {
        adminContext(d, s, Binaries.FINDSTR);
        Tokens.program(d, s);
        s.append(d.chance(0.5) ? " /i /c:\"" : " /s /m \"").append(d.pick(Names.DOC_WORDS)).append("\" ");
        Tokens.userDocument(d, s, new String[] {".txt", ".log", ".csv"});
    }
}
