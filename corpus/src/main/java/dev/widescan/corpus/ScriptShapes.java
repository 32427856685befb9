package dev.widescan.corpus;

/**
 * Script hosts in their everyday short and medium forms: PowerShell with -File, short -Command and short
 * -EncodedCommand (management agents love it), and the Windows Script Host running logon scripts.
 */
final class ScriptShapes {
    private final StringBuilder scratch = new StringBuilder(256);

    private static void hostContext(Draw d, Scene s, Binary b) {
        switch (d.below(4)) {
            case 0 -> s.runs(b, Account.SYSTEM).from(d.chance(0.5) ? Parent.SCHEDULE : Parent.WMIPRVSE);
            case 1 -> s.runs(b, Account.USER).fromExplorer();
            case 2 -> s.runs(b, Account.ELEVATED).from(Parent.CMD_ELEVATED);
            default -> s.runs(b, Account.SYSTEM).from(d.chance(0.5) ? Parent.SPLUNKD : Parent.OFFICECLICKTORUN);
        }
        if (!s.account.interactive()) {
            s.currentDirectory = "C:\\Windows\\system32\\";
        }
    }

    void powershell(Draw d, Scene s) {
        hostContext(d, s, d.chance(0.9) ? Binaries.POWERSHELL : Binaries.PWSH);
        Tokens.program(d, s);
        switch (d.below(4)) {
            case 0 -> {
                s.append(d.pick(new String[] {" -ExecutionPolicy Bypass", " -NoProfile -ExecutionPolicy Bypass", " -ep bypass -NonInteractive"}));
                s.append(" -File \"");
                if (s.account.interactive() && d.chance(0.5)) {
                    s.append(s.person.profile()).append("\\Documents\\");
                    Tokens.documentName(d, s, s.cmd);
                    s.append(".ps1\"");
                } else {
                    s.append("C:\\ProgramData\\").append(d.pick(Names.PROJECTS)).append("\\").append(d.pick(SCRIPT_NAMES)).append('"');
                }
            }
            case 1 -> {
                s.append(" -NoProfile -Command \"");
                int end = s.cmd.length() + 30 + d.below(120);
                ScriptText.appendStatements(d, s.cmd, end);
                s.cmd.setLength(s.cmd.length() - 2);
                s.append('"');
            }
            case 2 -> {
                s.append(d.chance(0.5) ? " -NoP -NonI -W Hidden -Enc " : " -EncodedCommand ");
                ScriptText.appendEncoded(d, s.cmd, 20 + d.below(60), scratch);
            }
            default -> {
                s.append(" -NoLogo -NonInteractive -WindowStyle Hidden -Command \"& {");
                ScriptText.appendStatements(d, s.cmd, s.cmd.length() + 40 + d.below(60));
                s.append("}\"");
            }
        }
    }

    private static final String[] SCRIPT_NAMES = {"inventory.ps1", "cleanup.ps1", "Deploy-Agent.ps1", "healthcheck.ps1", "Sync-Folders.ps1", "bootstrap.ps1"};

    void scriptHost(Draw d, Scene s) {
        Binary b = d.chance(0.6) ? Binaries.CSCRIPT : Binaries.WSCRIPT;
        s.runs(b, Account.USER).from(Parent.USERINIT);
        Tokens.program(d, s);
        if (b == Binaries.CSCRIPT) {
            s.append(" //nologo //B ");
        } else {
            s.append(' ');
        }
        if (d.chance(0.6)) {
            s.append('"');
            Tokens.unc(d, s);
            s.append("\\scripts\\").append(d.pick(new String[] {"map-drives.vbs", "printers.vbs", "logon.js", "inventory.vbs"})).append('"');
        } else {
            s.append("\"C:\\Windows\\system32\\slmgr.vbs\" ").append(d.pick(new String[] {"/dli", "/xpr", "/ato", "/dlv"}));
        }
    }
}
