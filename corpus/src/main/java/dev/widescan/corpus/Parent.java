package dev.widescan.corpus;

/** A parent process as it appears in ParentImage / ParentCommandLine / ParentUser. */
record Parent(Binary binary, String commandLine, Account account) {
    static final Parent SERVICES = new Parent(Binaries.SERVICES, "C:\\Windows\\system32\\services.exe", Account.SYSTEM);
    static final Parent DCOMLAUNCH = new Parent(Binaries.SVCHOST, "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p", Account.SYSTEM);
    static final Parent SCHEDULE = new Parent(Binaries.SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", Account.SYSTEM);
    static final Parent WINMGMT = new Parent(Binaries.SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Winmgmt", Account.SYSTEM);
    static final Parent WERSVC = new Parent(Binaries.SVCHOST, "C:\\Windows\\System32\\svchost.exe -k WerSvcGroup", Account.SYSTEM);
    static final Parent APPINFO = new Parent(Binaries.SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Appinfo", Account.SYSTEM);
    static final Parent WINLOGON = new Parent(Binaries.WINLOGON, "winlogon.exe", Account.SYSTEM);
    static final Parent WININIT = new Parent(Binaries.WININIT, "wininit.exe", Account.SYSTEM);
    static final Parent SMSS = new Parent(Binaries.SMSS, "\\SystemRoot\\System32\\smss.exe", Account.SYSTEM);
    static final Parent USERINIT = new Parent(Binaries.USERINIT, "C:\\Windows\\system32\\userinit.exe", Account.USER);
    static final Parent CMD = new Parent(Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ", Account.USER);
    static final Parent CMD_ELEVATED = new Parent(Binaries.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ", Account.ELEVATED);
    static final Parent POWERSHELL = new Parent(Binaries.POWERSHELL, "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" ", Account.USER);
    static final Parent POWERSHELL_SYSTEM = new Parent(Binaries.POWERSHELL,
            "powershell.exe -ExecutionPolicy Bypass -NoProfile -NonInteractive -File C:\\ProgramData\\Maintenance\\nightly.ps1", Account.SYSTEM);
    static final Parent WMIPRVSE = new Parent(Binaries.WMIPRVSE, "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", Account.NETWORK_SERVICE);
    static final Parent MSIEXEC_SERVICE = new Parent(Binaries.MSIEXEC, "C:\\Windows\\system32\\msiexec.exe /V", Account.SYSTEM);
    static final Parent SEARCHINDEXER = new Parent(Binaries.SEARCHINDEXER, "C:\\Windows\\system32\\SearchIndexer.exe /Embedding", Account.SYSTEM);
    static final Parent COMPATTELRUNNER = new Parent(Binaries.COMPATTELRUNNER,
            "C:\\Windows\\system32\\compattelrunner.exe -maintenance", Account.SYSTEM);
    static final Parent MSMPENG = new Parent(Binaries.MSMPENG,
            "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe\"", Account.SYSTEM);
    static final Parent CHROME = new Parent(Binaries.CHROME, "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" ", Account.USER);
    static final Parent MSEDGE = new Parent(Binaries.MSEDGE,
            "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --profile-directory=Default", Account.USER);
    static final Parent VSCODE = new Parent(Binaries.VSCODE, "\"C:\\Program Files\\Microsoft VS Code\\Code.exe\" ", Account.USER);
    static final Parent OUTLOOK = new Parent(Binaries.OUTLOOK, "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ", Account.USER);
    static final Parent TEAMS = new Parent(Binaries.TEAMS, "\"ms-teams.exe\" msteams:system-initiated", Account.USER);
    static final Parent SPLUNKD = new Parent(Binaries.SPLUNKD, "\"C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe\" service", Account.SYSTEM);
    static final Parent OFFICECLICKTORUN = new Parent(Binaries.OFFICECLICKTORUN,
            "\"C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe\" /service", Account.SYSTEM);
    static final Parent GIT_BASH = new Parent(Binaries.GIT, "git.exe status", Account.USER);
    static final Parent JAVA = new Parent(Binaries.JAVA, "\"C:\\Program Files\\Eclipse Adoptium\\jdk-21.0.5.11-hotspot\\bin\\java.exe\" -jar agent.jar", Account.SYSTEM);
}
