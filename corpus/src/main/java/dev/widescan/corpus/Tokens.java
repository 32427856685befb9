package dev.widescan.corpus;

/**
 * Pieces every command-line shape writes: the program token (quoted full path, bare path, file name,
 * name without extension, each as often as Windows launchers produce them), user files, temp files,
 * UNC paths and URLs. Paths with spaces are quoted, as CreateProcess callers must.
 */
final class Tokens {
    private Tokens() {
    }

    /** Writes how the launcher named the program: the forms differ by launcher (services, shell, scripts). */
    static void program(Draw d, Scene s) {
        String image = s.image;
        int roll = d.below(100);
        if (roll < 40) {
            s.cmd.append('"').append(image).append('"');
        } else if (roll < 70 && image.indexOf(' ') < 0) {
            appendLowerSystemRoot(s.cmd, image);
        } else if (roll < 92) {
            s.cmd.append(fileName(image));
        } else {
            String name = fileName(image);
            int dot = name.lastIndexOf('.');
            s.cmd.append(name, 0, dot < 0 ? name.length() : dot);
        }
    }

    /** The full path as Windows writes it for services: {@code C:\Windows\system32\...}. */
    static void programPath(Scene s) {
        appendLowerSystemRoot(s.cmd, s.image);
    }

    static void quotedProgram(Scene s) {
        s.cmd.append('"').append(s.image).append('"');
    }

    private static void appendLowerSystemRoot(StringBuilder out, String image) {
        if (image.startsWith(Binaries.SYS32)) {
            out.append("C:\\Windows\\system32\\").append(image, Binaries.SYS32.length(), image.length());
        } else {
            out.append(image);
        }
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    /** A document in the user's profile, quoted when it has spaces; non-ASCII names in unicode events. */
    static void userDocument(Draw d, Scene s, String[] extensions) {
        StringBuilder out = s.cmd;
        int start = out.length();
        out.append('"');
        out.append(s.person.profile()).append('\\');
        out.append(d.pick(USER_FOLDERS)).append('\\');
        if (d.chance(0.3)) {
            out.append(d.pick(Names.PROJECTS)).append('\\');
        }
        documentName(d, s, out);
        out.append(d.pick(extensions));
        unquoteIfPlain(out, start);
    }

    static void documentName(Draw d, Scene s, StringBuilder out) {
        if (s.unicode) {
            out.append(d.pick(Names.UNICODE_WORDS));
            if (d.chance(0.5)) {
                out.append(' ').append(2020 + d.below(6));
            }
        } else {
            out.append(d.pick(Names.DOC_WORDS));
            if (d.chance(0.4)) {
                out.append(d.chance(0.5) ? " " : "_").append(2020 + d.below(6));
            }
            if (d.chance(0.15)) {
                out.append(" (").append(1 + d.below(4)).append(')');
            }
        }
    }

    /** A file under %TEMP% or C:\Windows\Temp with an installer-style random name. */
    static void tempFile(Draw d, Scene s, String extension) {
        StringBuilder out = s.cmd;
        if (s.account.interactive()) {
            out.append(s.person.profile()).append("\\AppData\\Local\\Temp\\");
        } else {
            out.append("C:\\Windows\\Temp\\");
        }
        switch (d.below(3)) {
            case 0 -> {
                out.append('{');
                d.guid(out, true);
                out.append("}\\");
                out.append(d.pick(INSTALLER_NAMES));
            }
            case 1 -> {
                out.append("tmp");
                d.hex(out, 4, true);
            }
            default -> {
                out.append(d.pick(INSTALLER_NAMES)).append('_');
                d.alnum(out, 8);
            }
        }
        out.append(extension);
    }

    /** {@code \\server.domain\Share\folder}: a UNC path on one of the file servers. */
    static void unc(Draw d, Scene s) {
        StringBuilder out = s.cmd;
        out.append("\\\\").append(d.pick(Names.FILE_SERVERS));
        if (d.chance(0.5)) {
            out.append(".corp.example.com");
        }
        out.append('\\').append(d.pick(Names.SHARES));
        if (d.chance(0.6)) {
            out.append('\\').append(d.pick(Names.PROJECTS));
        }
    }

    static void url(Draw d, StringBuilder out) {
        out.append("https://").append(d.pick(Names.WEB_HOSTS)).append('/');
        out.append(d.pick(URL_PATHS));
        if (d.chance(0.4)) {
            out.append("?id=");
            d.alnum(out, 6 + d.below(10));
        }
    }

    /** A braced GUID such as COM class ids use. */
    static void bracedGuid(Draw d, StringBuilder out, boolean upper) {
        out.append('{');
        d.guid(out, upper);
        out.append('}');
    }

    private static void unquoteIfPlain(StringBuilder out, int quoteAt) {
        boolean needsQuotes = false;
        for (int i = quoteAt + 1; i < out.length(); i++) {
            if (out.charAt(i) == ' ') {
                needsQuotes = true;
                break;
            }
        }
        if (needsQuotes) {
            out.append('"');
        } else {
            out.deleteCharAt(quoteAt);
        }
    }

    static final String[] USER_FOLDERS = {"Documents", "Desktop", "Downloads", "OneDrive - Contoso\\Documents", "Pictures", "source\\repos"};
    static final String[] INSTALLER_NAMES = {"setup", "install", "update", "vcredist_x64", "msedge_installer", "AcroRdrDCUpd", "Teams_windows_x64", "ChromeSetup", "patch"};
    static final String[] URL_PATHS = {"index.html", "downloads/latest", "api/v2/status", "login", "docs/guide", "reports/weekly", "static/app.js", "files/setup.msi"};
}
