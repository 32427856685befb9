package dev.widescan.corpus;

/**
 * The long tail: command lines of hundreds to tens of thousands of code units. In real telemetry these
 * are encoded PowerShell, Chromium/Electron helpers with feature lists, Java class paths, long cmd /c
 * chains, installers with many properties and archivers with file lists. Each shape here is told the
 * length to reach (drawn by {@link LengthModel}) and grows its natural repeating part until it gets
 * there, then cuts at exactly that length (never inside a surrogate pair).
 */
final class TailShapes {
    private final StringBuilder scratch = new StringBuilder(40_000);

    void draw(Draw d, Scene s, int target) {
        switch (d.below(8)) {
            case 0, 1 -> encodedPowerShell(d, s, target);
            case 2, 3 -> chromium(d, s, target);
            case 4 -> javaClassPath(d, s, target);
            case 5 -> cmdChain(d, s, target);
            case 6 -> inlinePowerShell(d, s, target);
            default -> archiveList(d, s, target);
        }
        cut(s.cmd, target);
    }

    private void encodedPowerShell(Draw d, Scene s, int target) {
        s.runs(Binaries.POWERSHELL, d.chance(0.6) ? Account.SYSTEM : Account.USER)
                .from(d.chance(0.5) ? Parent.WMIPRVSE : Parent.SCHEDULE);
        if (!s.account.interactive()) {
            s.currentDirectory = "C:\\Windows\\system32\\";
        }
        Tokens.program(d, s);
        s.append(d.pick(ENCODED_SWITCHES));
        int remaining = target - s.cmd.length();
        // base64 of UTF-16LE: 4 output chars per 3 bytes, 2 bytes per script char.
        ScriptText.appendEncoded(d, s.cmd, Math.max(8, remaining * 3 / 8 + 2), scratch);
    }

    private static final String[] ENCODED_SWITCHES = {
        " -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ",
        " -nop -w hidden -noni -enc ",
        " -ExecutionPolicy Unrestricted -EncodedCommand ",
    };

    private static void chromium(Draw d, Scene s, int target) {
        boolean teams = d.chance(0.25);
        Binary b = teams ? Binaries.MSEDGEWEBVIEW : d.chance(0.5) ? Binaries.CHROME : Binaries.MSEDGE;
        s.runs(b, d.chance(0.6) ? Account.SANDBOXED : Account.USER)
                .from(teams ? Parent.TEAMS : b == Binaries.CHROME ? Parent.CHROME : Parent.MSEDGE);
        Tokens.quotedProgram(s);
        s.append(" --type=").append(d.chance(0.7) ? "renderer" : "gpu-process");
        if (teams) {
            s.append(" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --webview-exe-version=24295.605.3225.8804");
        }
        s.append(" --user-data-dir=\"").append(s.person.profile()).append("\\AppData\\Local\\")
                .append(teams ? "Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView" : "Google\\Chrome\\User Data").append('"');
        s.append(" --video-capture-use-gpu-memory-buffer --lang=").append(d.pick(new String[] {"en-US", "de", "fr", "ja"}))
                .append(" --device-scale-factor=1 --num-raster-threads=").append(2 + d.below(3))
                .append(" --enable-main-frame-before-activation --renderer-client-id=").append(4 + d.below(200))
                .append(" --time-ticks-at-unix-epoch=-").append(1_700_000_000_000L + d.below(1_000_000_000))
                .append(" --launch-time-ticks=").append(d.below(1_000_000_000))
                .append(" --field-trial-handle=").append(1000 + d.below(9000)).append(",i,");
        d.digits(s.cmd, 19);
        s.append(",262144 --enable-features=");
        boolean first = true;
        int disableAt = s.cmd.length() + (target - s.cmd.length()) * 2 / 3;
        while (s.cmd.length() < disableAt) {
            if (!first) {
                s.append(',');
            }
            first = false;
            feature(d, s.cmd);
        }
        s.append(" --disable-features=");
        first = true;
        while (s.cmd.length() < target) {
            if (!first) {
                s.append(',');
            }
            first = false;
            feature(d, s.cmd);
        }
    }

    /** A Chromium-style feature name: CamelCase words, sometimes with a field trial suffix. */
    private static void feature(Draw d, StringBuilder out) {
        int words = 2 + d.below(3);
        for (int i = 0; i < words; i++) {
            out.append(d.pick(FEATURE_WORDS));
        }
        if (d.chance(0.15)) {
            out.append('<').append(d.pick(FEATURE_WORDS)).append("Trial");
        }
    }

    private static final String[] FEATURE_WORDS = {
        "Autofill", "Background", "Cache", "Compositor", "Cookie", "Download", "Edge", "Fenced", "Frame", "Gpu",
        "Http", "Lazy", "Media", "Navigation", "Network", "Paint", "Partitioned", "Prefetch", "Privacy", "Quic",
        "Render", "Sandbox", "Scroll", "Service", "Smart", "Storage", "Sync", "Tab", "Text", "Ukm", "Video",
        "Web", "Worker", "Zoom", "Accessibility", "Async", "Canvas", "Font", "Image", "Layout", "Mojo", "Omnibox",
        "Preload", "Shared", "Skia", "Spare", "Speculation", "Translate", "Viewport", "Wasm"
    };

    private static void javaClassPath(Draw d, Scene s, int target) {
        s.runs(Binaries.JAVA, d.chance(0.5) ? Account.SYSTEM : Account.USER).from(d.chance(0.5) ? Parent.SERVICES : Parent.CMD);
        String base = s.account.interactive()
                ? s.person.profile() + "\\.m2\\repository\\"
                : "C:\\Program Files\\" + d.pick(new String[] {"Contoso Agent", "Fabrikam Build", "Jenkins"}) + "\\lib\\";
        Tokens.quotedProgram(s);
        s.append(" -Xms256m -Xmx").append(1 + d.below(8)).append("g -XX:+UseG1GC -Dfile.encoding=UTF-8 -Djava.io.tmpdir=\"C:\\Windows\\Temp\" -cp \"");
        int stop = target - 60;
        boolean first = true;
        while (s.cmd.length() < stop) {
            if (!first) {
                s.append(';');
            }
            first = false;
            s.append(base).append(d.pick(JAR_GROUPS)).append('\\').append(d.pick(JAR_NAMES)).append('-')
                    .append(1 + d.below(9)).append('.').append(d.below(30)).append('.').append(d.below(12)).append(".jar");
        }
        s.append("\" com.contoso.").append(d.pick(Names.PROJECTS).replace('-', '.')).append(".Main --config C:\\ProgramData\\agent.yml");
        while (s.cmd.length() < target) {
            s.append(" --verbose");
        }
    }

    private static final String[] JAR_GROUPS = {"org\\apache\\commons", "com\\fasterxml\\jackson\\core", "io\\netty", "org\\slf4j",
        "com\\google\\guava", "org\\springframework", "ch\\qos\\logback", "org\\yaml", "io\\micrometer"};
    private static final String[] JAR_NAMES = {"commons-lang3", "jackson-databind", "netty-buffer", "slf4j-api", "guava",
        "spring-core", "logback-classic", "snakeyaml", "micrometer-core", "netty-codec-http", "commons-io"};

    private static void cmdChain(Draw d, Scene s, int target) {
        s.runs(Binaries.CMD, d.chance(0.5) ? Account.SYSTEM : Account.ELEVATED).from(d.chance(0.5) ? Parent.SCHEDULE : Parent.OFFICECLICKTORUN);
        if (!s.account.interactive()) {
            s.currentDirectory = "C:\\Windows\\system32\\";
        }
        s.append("C:\\Windows\\system32\\cmd.exe /d /c \"cd /d \"C:\\ProgramData\\").append(d.pick(Names.PROJECTS)).append("\"");
        while (s.cmd.length() < target - 1) {
            s.append(" && ");
            switch (d.below(6)) {
                case 0 -> s.append("if exist \"C:\\Windows\\Temp\\").append(d.pick(Names.PROJECTS)).append(".lock\" exit /b 0");
                case 1 -> s.append("set \"").append(d.pick(ENV_NAMES)).append('=').append(d.pick(Names.SHARES)).append('"');
                case 2 -> s.append("call scripts\\").append(d.pick(Names.PROJECTS)).append(".cmd ").append(d.below(100));
                case 3 -> s.append("echo %DATE% %TIME% step ").append(d.below(1000)).append(" >> C:\\Logs\\deploy.log");
                case 4 -> s.append("copy /y \"").append(d.pick(Names.DOC_WORDS)).append(".txt\" \"C:\\Deploy\\").append(d.pick(Names.SHARES)).append("\\\"");
                default -> s.append("timeout /t ").append(1 + d.below(9)).append(" /nobreak > nul");
            }
        }
        s.append('"');
    }

    private static final String[] ENV_NAMES = {"TARGET", "STAGE", "SHARE", "LOGDIR", "CHANNEL", "BUILD_ID"};

    private static void inlinePowerShell(Draw d, Scene s, int target) {
        s.runs(Binaries.POWERSHELL, d.chance(0.5) ? Account.SYSTEM : Account.ELEVATED).from(d.chance(0.5) ? Parent.SPLUNKD : Parent.CMD_ELEVATED);
        if (!s.account.interactive()) {
            s.currentDirectory = "C:\\Windows\\system32\\";
        }
        Tokens.program(d, s);
        s.append(" -NoProfile -NonInteractive -Command \"");
        ScriptText.appendStatements(d, s.cmd, target - 1);
        s.append('"');
    }

    private static void archiveList(Draw d, Scene s, int target) {
        s.runs(Binaries.SEVENZIP, Account.USER).from(Parent.CMD);
        Tokens.program(d, s);
        s.append(" a -tzip -mx=5 \"").append(s.person.profile()).append("\\Desktop\\").append(d.pick(Names.PROJECTS)).append(".zip\"");
        while (s.cmd.length() < target) {
            s.append(' ');
            Tokens.userDocument(d, s, Names.DOC_EXT);
        }
    }

    /** Cuts to exactly {@code target} code units, or one less rather than split a surrogate pair. */
    static void cut(StringBuilder out, int target) {
        if (out.length() > target) {
            out.setLength(target);
            if (target > 0 && Character.isHighSurrogate(out.charAt(target - 1))) {
                out.setLength(target - 1);
            }
        }
    }
}
