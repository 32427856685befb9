package dev.widescan.corpus;

/**
 * The background noise of every Windows machine: service hosts, COM surrogates, brokers, the console
 * host, maintenance tasks. Most process creations on a real fleet are these, short and repetitive,
 * which is what puts the median command line near 55 code units.
 */
final class ServiceShapes {
    private ServiceShapes() {
    }

    private static final String[][] SVCHOST_GROUPS = {
        {"netsvcs", "Schedule"}, {"netsvcs", "BITS"}, {"netsvcs", "Winmgmt"}, {"netsvcs", "gpsvc"},
        {"netsvcs", "ProfSvc"}, {"netsvcs", "wlidsvc"}, {"netsvcs", "UsoSvc"}, {"netsvcs", "lfsvc"},
        {"LocalServiceNetworkRestricted", "Dhcp"}, {"LocalServiceNetworkRestricted", "EventLog"},
        {"LocalServiceNetworkRestricted", "TimeBrokerSvc"}, {"LocalService", "netprofm"},
        {"LocalServiceNoNetworkFirewall", null}, {"NetworkService", "Dnscache"}, {"NetworkService", "CryptSvc"},
        {"LocalSystemNetworkRestricted", "SysMain"}, {"DcomLaunch", null}, {"RPCSS", null}, {"wsappx", "AppXSvc"},
        {"wsappx", "ClipSVC"}, {"UnistackSvcGroup", null}, {"appmodel", "StateRepository"}, {"WerSvcGroup", null},
        {"LocalServiceAndNoImpersonation", "FontCache"}, {"utcsvc", null}, {"swprv", null}, {"rdxgroup", null}
    };

    static void svchost(Draw d, Scene s) {
        String[] g = SVCHOST_GROUPS[d.below(SVCHOST_GROUPS.length)];
        Account who = g[0].startsWith("Local") && !g[0].startsWith("LocalSystem") ? Account.LOCAL_SERVICE
                : g[0].startsWith("Network") ? Account.NETWORK_SERVICE : Account.SYSTEM;
        s.runs(Binaries.SVCHOST, who).from(Parent.SERVICES);
        Tokens.programPath(s);
        s.append(" -k ").append(g[0]);
        if (d.chance(0.8)) {
            s.append(" -p");
        }
        if (g[1] != null) {
            s.append(" -s ").append(g[1]);
        }
    }

    static void conhost(Draw d, Scene s) {
        Parent p = d.chance(0.5) ? (d.chance(0.5) ? Parent.CMD : Parent.POWERSHELL) : Parent.POWERSHELL_SYSTEM;
        s.runs(Binaries.CONHOST, p.account()).from(p);
        s.append("\\??\\C:\\Windows\\system32\\conhost.exe");
        if (d.chance(0.8)) {
            s.append(" 0xffffffff -ForceV1");
        } else {
            s.append(" --headless --width 80 --height 25 --signal 0x");
            d.hex(s.cmd, 3, false);
            s.append(" --server 0x");
            d.hex(s.cmd, 3, false);
        }
    }

    static void dllhost(Draw d, Scene s) {
        s.runs(Binaries.DLLHOST, d.chance(0.6) ? Account.USER : Account.SYSTEM).from(Parent.DCOMLAUNCH);
        Tokens.programPath(s);
        s.append(" /Processid:");
        Tokens.bracedGuid(d, s.cmd, true);
    }

    static void comServer(Draw d, Scene s) {
        Binary[] servers = {Binaries.RUNTIMEBROKER, Binaries.SMARTSCREEN, Binaries.SPPEXTCOMOBJ, Binaries.SEARCHINDEXER, Binaries.WMIPRVSE};
        Binary b = d.pick(servers);
        Account who = b == Binaries.WMIPRVSE ? Account.NETWORK_SERVICE : b == Binaries.SPPEXTCOMOBJ ? Account.NETWORK_SERVICE
                : b == Binaries.SEARCHINDEXER ? Account.SYSTEM : Account.USER;
        s.runs(b, who).from(Parent.DCOMLAUNCH);
        Tokens.programPath(s);
        s.append(b == Binaries.WMIPRVSE ? " -secured -Embedding" : b == Binaries.SEARCHINDEXER ? " /Embedding" : " -Embedding");
    }

    static void backgroundTask(Draw d, Scene s) {
        s.runs(Binaries.BACKGROUNDTASKHOST, Account.USER).from(Parent.DCOMLAUNCH);
        Tokens.quotedProgram(s);
        s.append(" -ServerName:");
        s.append(d.pick(new String[] {"App.AppXemcs6ya9ct4d0h7wgvtss8ab0m7qmchkp.mca", "BackgroundTaskHost.WebAccountProvider",
            "CortanaUI.AppXy7vb4pc2dr3kc93kfc509b1d0arkfb2x.mca", "Microsoft.Windows.Photos.BackgroundTasks"}));
    }

    static void taskhost(Draw d, Scene s) {
        s.runs(Binaries.TASKHOSTW, d.chance(0.7) ? Account.USER : Account.SYSTEM).from(Parent.SCHEDULE);
        s.append("taskhostw.exe");
        switch (d.below(4)) {
            case 0 -> s.append(" {222A245B-E637-4AE9-A93F-A59CA119A75E}");
            case 1 -> s.append(" Install $(Arg0)");
            case 2 -> s.append(" KEYROAMING");
            default -> { }
        }
    }

    static void sessionPlumbing(Draw d, Scene s) {
        switch (d.below(8)) {
            case 0 -> {
                s.runs(Binaries.SIHOST, Account.USER).from(Parent.SERVICES);
                s.append("sihost.exe");
            }
            case 1 -> {
                s.runs(Binaries.CTFMON, Account.USER).from(Parent.SERVICES);
                s.append("\"ctfmon.exe\"");
            }
            case 2 -> {
                s.runs(Binaries.USERINIT, Account.USER).from(Parent.WINLOGON);
                s.append("C:\\Windows\\system32\\userinit.exe");
            }
            case 3 -> {
                s.runs(Binaries.EXPLORER, Account.USER).from(Parent.USERINIT);
                s.append("C:\\Windows\\Explorer.EXE");
            }
            case 4 -> {
                s.runs(Binaries.LOGONUI, Account.SYSTEM).from(Parent.WINLOGON);
                s.append("\"LogonUI.exe\" /flags:0x").append(d.chance(0.5) ? "2" : "0").append(" /state0:0xa");
                d.hex(s.cmd, 7, false);
                s.append(" /state1:0x41c64e6d");
            }
            case 5 -> {
                s.runs(Binaries.FONTDRVHOST, Account.SYSTEM).from(Parent.WININIT);
                s.append("\"fontdrvhost.exe\"");
            }
            case 6 -> {
                s.runs(Binaries.CONSENT, Account.SYSTEM).from(Parent.APPINFO);
                s.append("consent.exe ").append(1000 + d.below(9000)).append(' ').append(200 + d.below(400)).append(" 000001");
                d.hex(s.cmd, 8, false);
            }
            default -> {
                s.runs(Binaries.AUDIODG, Account.LOCAL_SERVICE).from(new Parent(Binaries.SVCHOST,
                        "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p -s Audiosrv", Account.LOCAL_SERVICE));
                s.append("C:\\Windows\\system32\\AUDIODG.EXE 0x");
                d.hex(s.cmd, 3, false);
            }
        }
    }

    static void errorReporting(Draw d, Scene s) {
        if (d.chance(0.7)) {
            s.runs(Binaries.WERFAULT, Account.USER).from(Parent.WERSVC);
            Tokens.programPath(s);
            s.append(" -u -p ").append(4 * (100 + d.below(8000))).append(" -s ").append(100 + d.below(2000));
        } else {
            s.runs(Binaries.WERMGR, Account.SYSTEM).from(Parent.SCHEDULE);
            Tokens.programPath(s);
            s.append(d.chance(0.5) ? " -upload" : " -outproc 0 " + (4 * (100 + d.below(8000))) + " 1 " + (500 + d.below(9000)));
        }
    }

    static void searchHost(Draw d, Scene s) {
        s.runs(d.chance(0.5) ? Binaries.SEARCHPROTOCOLHOST : Binaries.SEARCHFILTERHOST, Account.SYSTEM).from(Parent.SEARCHINDEXER);
        Tokens.quotedProgram(s);
        if (s.binary == Binaries.SEARCHFILTERHOST) {
            s.append(" 0 ").append(800 + d.below(200)).append(' ').append(800 + d.below(200)).append(' ')
                    .append(800 + d.below(200)).append(" 8192 ").append(800 + d.below(200)).append(' ').append(800 + d.below(200));
        } else {
            int n = 1 + d.below(30);
            s.append(" Global\\UsGthrFltPipeMssGthrPipe").append(n).append("_ Global\\UsGthrCtrlFltPipeMssGthrPipe").append(n)
                    .append(" 1 -2147483646 \"Software\\Microsoft\\Windows Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\"")
                    .append(" \"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\"");
        }
    }

    static void servicing(Draw d, Scene s) {
        switch (d.below(6)) {
            case 0 -> {
                s.runs(Binaries.TIWORKER, Account.SYSTEM).from(Parent.DCOMLAUNCH);
                s.append(s.image).append(" -Embedding");
            }
            case 1 -> {
                s.runs(Binaries.TRUSTEDINSTALLER, Account.SYSTEM).from(Parent.SERVICES);
                s.append("C:\\Windows\\servicing\\TrustedInstaller.exe");
            }
            case 2 -> {
                s.runs(Binaries.MOUSOCOREWORKER, Account.SYSTEM).from(Parent.DCOMLAUNCH);
                s.append("C:\\Windows\\System32\\mousocoreworker.exe -Embedding");
            }
            case 3 -> {
                s.runs(Binaries.USOCLIENT, Account.SYSTEM).from(Parent.SCHEDULE);
                s.append("C:\\Windows\\system32\\usoclient.exe ").append(d.pick(new String[] {"StartScan", "StartDownload", "StartInstall", "ScanInstallWait", "StartOobeAppsScanAfterUpdate"}));
            }
            case 4 -> {
                s.runs(Binaries.DISMHOST, Account.SYSTEM).from(new Parent(Binaries.TIWORKER, Binaries.TIWORKER.image() + " -Embedding", Account.SYSTEM));
                StringBuilder img = new StringBuilder(80).append("C:\\Windows\\Temp\\");
                Tokens.bracedGuid(d, img, true);
                img.append("\\DismHost.exe");
                s.image = img.toString();
                s.append(s.image).append(' ');
                Tokens.bracedGuid(d, s.cmd, true);
            }
            default -> {
                s.runs(Binaries.SPPSVC, Account.NETWORK_SERVICE).from(Parent.SERVICES);
                s.append("C:\\Windows\\system32\\sppsvc.exe");
            }
        }
    }

    static void telemetry(Draw d, Scene s) {
        switch (d.below(4)) {
            case 0, 1 -> {
                s.runs(Binaries.COMPATTELRUNNER, Account.SYSTEM).from(Parent.SCHEDULE);
                s.append("C:\\Windows\\system32\\compattelrunner.exe");
                switch (d.below(4)) {
                    case 0 -> s.append(" -maintenance");
                    case 1 -> s.append(" -m:appraiser.dll -f:DoScheduledTelemetryRun -cv:").append(d.pick(CV_PREFIXES)).append('.').append(d.below(10));
                    case 2 -> s.append(" -m:invagent.dll -f:RunUpdate -cv:").append(d.pick(CV_PREFIXES)).append(".2");
                    default -> s.append(" -m:generaltel.dll -f:DoCensusRun -cv:").append(d.pick(CV_PREFIXES)).append(".5");
                }
            }
            case 2 -> {
                s.runs(Binaries.DEVICECENSUS, Account.SYSTEM).from(Parent.COMPATTELRUNNER);
                s.append("C:\\Windows\\system32\\devicecensus.exe SystemCxt");
            }
            default -> {
                s.runs(Binaries.WSQMCONS, Account.SYSTEM).from(Parent.SCHEDULE);
                s.append("C:\\Windows\\System32\\wsqmcons.exe");
            }
        }
    }

    private static final String[] CV_PREFIXES = {"aK5bsUb4Y0Wr2gNB", "q9TiNQ0oXk+Ko1Fm", "Jv8xGLtPzE2Zy1f3", "Mq1W0hr5O06gt3Uo"};

    static void defender(Draw d, Scene s) {
        if (d.chance(0.75)) {
            s.runs(Binaries.MPCMDRUN, Account.SYSTEM).from(d.chance(0.5) ? Parent.MSMPENG : Parent.SCHEDULE);
            Tokens.quotedProgram(s);
            s.append(d.pick(new String[] {" SignatureUpdate -ScheduleJob -RestrictPrivileges",
                " -IdleTask -TaskName WdCacheMaintenance", " -IdleTask -TaskName WdVerification", " -wdenable",
                " Scan -ScheduleJob -ScanTrigger 55 -IdleScheduledJob", " -SignatureUpdate -MMPC",
                " GetDeviceTicket -AccessKey " + d.below(1000000)}));
        } else {
            s.runs(Binaries.SMARTSCREEN, Account.USER).from(Parent.DCOMLAUNCH);
            s.append("C:\\Windows\\System32\\smartscreen.exe -Embedding");
        }
    }

    private static final String[][] RUNDLL_TARGETS = {
        {"shell32.dll", "SHCreateLocalServerRunDll {9aa46009-3ce0-458a-a354-715610a075e6} -Embedding"},
        {"shell32.dll", "Control_RunDLL desk.cpl,,0"}, {"shell32.dll", "Control_RunDLL \"C:\\Windows\\System32\\appwiz.cpl\",,0"},
        {"Windows.Storage.ApplicationData.dll", "CleanupTemporaryState"}, {"Startupscan.dll", "SusRunTask"},
        {"dfshim.dll", "ShOpenVerbApplication http://apps.example.com/deploy/Client.application"},
        {"printui.dll", "PrintUIEntryDPIAware /il"}, {"WININET.dll", "DispatchAPICall 3"},
        {"inetcpl.cpl", "ClearMyTracksByProcess Flags:65792 WinX:0 WinY:0 IEFrame:0000000000000000"},
        {"pla.dll", "PlaHost \"Server Manager Performance Monitor\" \"0x1d4c_0x7b2\""},
        {"AppXDeploymentExtensions.OneCore.dll", "ShellRefresh"}, {"sysmain.dll", "PfSvWsSwapAssessmentTask"},
        {"dsreg.dll", "DsrCleanupDeviceInfo"}, {"davclnt.dll", "DavSetCookie fs01.corp.example.com https://fs01.corp.example.com/dav"},
    };

    static void rundll32(Draw d, Scene s) {
        String[] t = RUNDLL_TARGETS[d.below(RUNDLL_TARGETS.length)];
        boolean user = d.chance(0.6);
        s.runs(Binaries.RUNDLL32, user ? Account.USER : Account.SYSTEM).from(user ? Parent.DCOMLAUNCH : Parent.SCHEDULE);
        if (user && d.chance(0.4)) {
            s.fromExplorer();
        }
        Tokens.program(d, s);
        s.append(' ');
        if (d.chance(0.5)) {
            s.append("C:\\Windows\\System32\\");
        }
        s.append(t[0]).append(',').append(t[1]);
    }

    static void msiexecService(Draw d, Scene s) {
        if (d.chance(0.4)) {
            s.runs(Binaries.MSIEXEC, Account.SYSTEM).from(Parent.SERVICES);
            s.append("C:\\Windows\\system32\\msiexec.exe /V");
        } else {
            s.runs(d.chance(0.5) ? Binaries.MSIEXEC : Binaries.MSIEXEC_WOW, Account.SYSTEM).from(Parent.MSIEXEC_SERVICE);
            Tokens.programPath(s);
            s.append(" -Embedding ");
            d.hex(s.cmd, 32, true);
            s.append(d.chance(0.5) ? " C" : " E Global\\MSI0000");
        }
    }
}
