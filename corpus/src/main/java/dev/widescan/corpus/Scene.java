package dev.widescan.corpus;

/**
 * The process-creation event while a shape draws it: the command line being written, the binary it
 * runs, who runs it and from which parent. One instance is reused for every event (no per-event
 * allocation of the scaffolding); {@link EventModel} turns it into an {@link dev.widescan.format.EventRecord}.
 */
final class Scene {
    final StringBuilder cmd = new StringBuilder(40_000);
    Host host;
    /** The host's interactive user for this event (a unicode-named one in unicode events). */
    Person person;
    /** Whether this event must carry non-ASCII text (user, paths, arguments). */
    boolean unicode;

    Binary binary;
    /** Image path; differs from {@code binary.image()} for per-user installs and temp copies. */
    String image;
    Account account;
    String currentDirectory;
    Binary parent;
    String parentImage;
    String parentCommandLine;
    Account parentAccount;

    void reset(Host host, Person person, boolean unicode) {
        cmd.setLength(0);
        this.host = host;
        this.person = person;
        this.unicode = unicode;
        binary = null;
        image = null;
        account = Account.SYSTEM;
        currentDirectory = "C:\\Windows\\system32\\";
        parent = null;
        parentImage = null;
        parentCommandLine = null;
        parentAccount = null;
    }

    /** Sets the binary (and Image) and who runs it. */
    Scene runs(Binary b, Account who) {
        binary = b;
        image = b.image();
        account = who;
        if (who.interactive()) {
            currentDirectory = person.profile() + "\\";
        }
        return this;
    }

    Scene from(Parent p) {
        parent = p.binary();
        parentImage = p.binary().image();
        parentCommandLine = p.commandLine();
        parentAccount = p.account();
        return this;
    }

    /** The parent is the interactive user's shell (Explorer), the usual parent of things a user starts. */
    Scene fromExplorer() {
        parent = Binaries.EXPLORER;
        parentImage = Binaries.EXPLORER.image();
        parentCommandLine = "C:\\Windows\\Explorer.EXE";
        parentAccount = Account.USER;
        return this;
    }

    Scene append(String s) {
        cmd.append(s);
        return this;
    }

    Scene append(int n) {
        cmd.append(n);
        return this;
    }

    Scene append(long n) {
        cmd.append(n);
        return this;
    }

    Scene append(char c) {
        cmd.append(c);
        return this;
    }
}
