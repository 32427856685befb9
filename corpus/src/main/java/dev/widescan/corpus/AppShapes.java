package dev.widescan.corpus;

/**
 * What users start: Office with a document, editors, archives, developer tools, browsers and their
 * helper processes, updaters. Documents sit in the user's profile, so in unicode events these shapes
 * carry the non-ASCII user name and file names into CommandLine and CurrentDirectory.
 */
final class AppShapes {
    private AppShapes() {
    }

    private static final String[] WORD_EXT = {".docx", ".doc", ".rtf"};
    private static final String[] EXCEL_EXT = {".xlsx", ".csv", ".xlsm"};
    private static final String[] TEXT_EXT = {".txt", ".log", ".ini", ".json", ".md"};
    private static final String[] ARCHIVE_EXT = {".zip", ".7z"};
    private static final String[] PDF_EXT = {".pdf"};

    static void office(Draw d, Scene s) {
        Binary b = d.pick(new Binary[] {Binaries.WINWORD, Binaries.EXCEL, Binaries.OUTLOOK});
        s.runs(b, Account.USER);
        if (b != Binaries.OUTLOOK && d.chance(0.3)) {
            s.from(Parent.OUTLOOK);
        } else {
            s.fromExplorer();
        }
        Tokens.quotedProgram(s);
        if (b == Binaries.OUTLOOK) {
            s.append(d.chance(0.5) ? " " : " /recycle");
            return;
        }
        s.append(d.chance(0.5) ? " /n " : " /dde ");
        Tokens.userDocument(d, s, b == Binaries.WINWORD ? WORD_EXT : EXCEL_EXT);
        if (d.chance(0.5)) {
            s.append(" /o \"\"");
        }
    }

    static void editorsAndViewers(Draw d, Scene s) {
        switch (d.below(5)) {
            case 0 -> { s.runs(Binaries.NOTEPAD, Account.USER).fromExplorer(); Tokens.program(d, s); s.append(' '); Tokens.userDocument(d, s, TEXT_EXT); }
            case 1 -> { s.runs(Binaries.ACROBAT, Account.USER).fromExplorer(); Tokens.quotedProgram(s); s.append(' '); Tokens.userDocument(d, s, PDF_EXT); }
            case 2 -> { s.runs(Binaries.SEVENZIP, Account.USER).from(Parent.CMD); Tokens.program(d, s); s.append(d.chance(0.5) ? " x -y -o" : " a -tzip "); Tokens.userDocument(d, s, ARCHIVE_EXT); }
            case 3 -> { s.runs(Binaries.EXPLORER, Account.USER).fromExplorer(); s.append("\"C:\\Windows\\explorer.exe\" "); s.append('"').append(s.person.profile()).append("\\").append(d.pick(Tokens.USER_FOLDERS)).append('"'); }
            default -> { s.runs(Binaries.OPENWITH, Account.USER).fromExplorer(); s.append("C:\\Windows\\system32\\OpenWith.exe -Embedding"); }
        }
    }

    static void desktopTools(Draw d, Scene s) {
        switch (d.below(4)) {
            case 0 -> { s.runs(Binaries.TASKMGR, Account.ELEVATED).fromExplorer(); s.append("\"C:\\Windows\\system32\\taskmgr.exe\" /").append(d.chance(0.5) ? "4" : "7"); }
            case 1 -> { s.runs(Binaries.MMC, Account.ELEVATED).fromExplorer(); s.append("\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\").append(d.pick(new String[] {"compmgmt.msc", "eventvwr.msc", "services.msc", "devmgmt.msc", "gpedit.msc"})).append("\" /s"); }
            case 2 -> { s.runs(Binaries.SNIPPINGTOOL, Account.USER).fromExplorer(); s.append("\"C:\\Windows\\system32\\SnippingTool.exe\""); }
            default -> { s.runs(Binaries.ONEDRIVE, Account.USER).from(Parent.USERINIT); Tokens.quotedProgram(s); s.append(d.chance(0.6) ? " /background" : " /updateInstalled /background"); }
        }
    }

    static void developer(Draw d, Scene s) {
        String repo = s.person.profile() + "\\source\\repos\\" + d.pick(Names.PROJECTS);
        switch (d.below(5)) {
            case 0 -> {
                s.runs(Binaries.GIT, Account.USER).from(d.chance(0.5) ? Parent.VSCODE : Parent.POWERSHELL);
                s.append("\"C:\\Program Files\\Git\\cmd\\git.exe\" ").append(d.pick(GIT_ARGS));
            }
            case 1 -> {
                s.runs(Binaries.VSCODE, Account.USER).fromExplorer();
                Tokens.quotedProgram(s);
                s.append(" \"").append(repo).append('"');
            }
            case 2 -> {
                s.runs(Binaries.PYTHON, Account.USER).from(Parent.POWERSHELL);
                Tokens.program(d, s);
                s.append(d.chance(0.5) ? " -m pytest -q tests\\" : " scripts\\").append(d.pick(new String[] {"build.py", "test_api.py", "report.py", "sync.py"}));
            }
            case 3 -> {
                s.runs(Binaries.NODE, Account.USER).from(Parent.VSCODE);
                Tokens.quotedProgram(s);
                s.append(" \"C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js\" ").append(d.pick(new String[] {"install", "run build", "test", "ci --no-audit"}));
            }
            default -> {
                s.runs(Binaries.JAVA, Account.USER).from(Parent.CMD);
                Tokens.quotedProgram(s);
                s.append(" -Xmx").append(256 << d.below(4)).append("m -jar \"").append(repo).append("\\target\\app.jar\"");
            }
        }
        if (s.account.interactive()) {
            s.currentDirectory = repo + "\\";
        }
    }

    private static final String[] GIT_ARGS = {"status --porcelain", "fetch --prune", "pull --ff-only", "log -n 20 --oneline",
        "rev-parse --abbrev-ref HEAD", "-c core.quotepath=false diff --stat", "ls-files --others --exclude-standard", "config --get remote.origin.url"};

    static void updaters(Draw d, Scene s) {
        switch (d.below(4)) {
            case 0 -> {
                s.runs(Binaries.EDGEUPDATE, Account.SYSTEM).from(Parent.SCHEDULE);
                Tokens.quotedProgram(s);
                s.append(d.pick(new String[] {" /ua /installsource scheduler", " /c", " /svc", " /cr"}));
            }
            case 1 -> {
                s.runs(Binaries.GOOGLEUPDATE, Account.SYSTEM).from(Parent.SCHEDULE);
                Tokens.quotedProgram(s);
                s.append(d.chance(0.5) ? " /ua /installsource scheduler" : " /c");
            }
            case 2 -> {
                s.runs(Binaries.OFFICECLICKTORUN, Account.SYSTEM).from(Parent.SCHEDULE);
                Tokens.quotedProgram(s);
                s.append(" /frequentupdate SCHEDULEDTASK displaylevel=False");
            }
            default -> {
                s.runs(Binaries.SPLUNK_POWERSHELL, Account.SYSTEM).from(Parent.SPLUNKD);
                Tokens.quotedProgram(s);
                s.append(" --ps2");
            }
        }
    }

    /** Browser and Electron helper processes: the short and medium ones (the long ones are in the tail). */
    static void browserChild(Draw d, Scene s) {
        int roll = d.below(3);
        Binary b = roll == 0 ? Binaries.CHROME : roll == 1 ? Binaries.MSEDGE : Binaries.FIREFOX;
        if (b == Binaries.FIREFOX) {
            s.runs(b, Account.SANDBOXED).from(new Parent(b, "\"C:\\Program Files\\Mozilla Firefox\\firefox.exe\" ", Account.USER));
            Tokens.quotedProgram(s);
            s.append(" -contentproc --channel=").append(4 * (100 + d.below(5000))).append(".").append(d.below(40))
                    .append(".").append(10000 + d.below(90000)).append(" -childID ").append(1 + d.below(40))
                    .append(" -isForBrowser -prefsLen ").append(20000 + d.below(20000)).append(" -prefMapSize 244787")
                    .append(" -appDir \"C:\\Program Files\\Mozilla Firefox\\browser\" - ").append(d.pick(new String[] {"tab", "rdd", "socket", "utility"}));
            return;
        }
        s.runs(b, d.chance(0.5) ? Account.SANDBOXED : Account.USER).from(b == Binaries.CHROME ? Parent.CHROME : Parent.MSEDGE);
        Tokens.quotedProgram(s);
        String type = d.pick(CHILD_TYPES);
        s.append(" --type=").append(type);
        if (!type.equals("crashpad-handler")) {
            s.append(" --field-trial-handle=").append(1000 + d.below(9000)).append(",i,");
            d.digits(s.cmd, 19);
            s.append(',');
            d.digits(s.cmd, 19);
            s.append(",262144");
        }
        if (type.equals("utility")) {
            s.append(" --utility-sub-type=").append(d.pick(UTILITY_SUBTYPES));
        } else if (type.equals("crashpad-handler")) {
            s.append(" \"--user-data-dir=").append(s.person.profile()).append("\\AppData\\Local\\")
                    .append(b == Binaries.CHROME ? "Google\\Chrome" : "Microsoft\\Edge").append("\\User Data\"");
        }
        s.append(" --lang=").append(d.pick(LANGS)).append(" --service-sandbox-type=").append(d.pick(SANDBOX_TYPES))
                .append(" --mojo-platform-channel-handle=").append(1000 + d.below(9000)).append(" /prefetch:").append(1 + d.below(8));
    }

    private static final String[] CHILD_TYPES = {"utility", "utility", "gpu-process", "crashpad-handler", "renderer"};
    private static final String[] UTILITY_SUBTYPES = {"network.mojom.NetworkService", "storage.mojom.StorageService",
        "audio.mojom.AudioService", "video_capture.mojom.VideoCaptureService", "data_decoder.mojom.DataDecoderService"};
    private static final String[] LANGS = {"en-US", "de", "fr", "es", "pl", "ja", "zh-CN", "ru"};
    private static final String[] SANDBOX_TYPES = {"none", "service", "utility", "audio", "network"};
}
