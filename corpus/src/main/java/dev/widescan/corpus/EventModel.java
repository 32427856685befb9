package dev.widescan.corpus;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;

/**
 * The background event model: draws who runs what on which host (a {@link Scene} from a body shape or
 * a tail shape), then writes every schema field consistently: Image is the command line's binary, the
 * version-resource fields and hashes are that binary's, User/LogonId/IntegrityLevel/TerminalSessionId
 * follow the account, ParentImage/ParentCommandLine/ParentUser the parent. A quarter of events are
 * Security 4688 instead of Sysmon 1: then only the fields 4688 carries are present (no hashes, no
 * version resource, no current directory, no parent command line) and process ids are hex, as ingest
 * produces them from real 4688 events (it maps the mandatory-label SID to the level name and the
 * target account to {@code DOMAIN\name}).
 *
 * <p>Everything is drawn from one {@link Draw} in a fixed order, so a seed gives the same events.
 */
public final class EventModel {
    static final double SECURITY_4688_SHARE = 0.25;
    private static final long START_2024_03_01 = 1_709_251_200_000L;

    private final Draw draw;
    private final Profile profile;
    private final Population population;
    private final Scene scene = new Scene();
    private final ScriptShapes scripts = new ScriptShapes();
    private final ShapeTable background;
    private final ShapeTable userFiles;
    private final TailShapes tail = new TailShapes();
    private final UtcClock clock;
    private long recordId;
    private final StringBuilder scratch = new StringBuilder(64);

    public EventModel(long seed, Profile profile) {
        this.draw = new Draw(seed);
        this.profile = profile;
        this.population = new Population(draw);
        this.background = ShapeTable.background(scripts);
        this.userFiles = ShapeTable.userFiles(scripts);
        this.clock = new UtcClock(START_2024_03_01 + draw.below(300) * 86_400_000L);
        this.recordId = 1_000 + draw.below(5_000_000);
    }

    Draw draw() {
        return draw;
    }

    Scene scene() {
        return scene;
    }

    /** Draws a fresh background event into {@code out} (all fields overwritten). */
    public void next(EventRecord out) {
        drawScene();
        fill(out);
    }

    /** Draws the scene only: the command line and its context, before fields are written. */
    void drawScene() {
        boolean unicode = drawActors();
        if (profile.nearLimit) {
            tail.draw(draw, scene, LengthModel.nearLimitTarget(draw));
        } else if (LengthModel.tail(draw)) {
            tail.draw(draw, scene, LengthModel.tailTarget(draw));
        } else if (unicode) {
            drawUnicodeBody();
        } else {
            background.pick(draw).draw(draw, scene);
        }
    }

    /** Draws the scene with the given shape (for filter cases) on a random host and user. */
    void drawScene(Shape shape) {
        drawActors();
        shape.draw(draw, scene);
    }

    private boolean drawActors() {
        Host host = population.host(draw);
        boolean unicode = draw.chance(profile.unicodeShare);
        Person person = unicode ? host.unicodeUser() : host.users()[draw.below(host.users().length)];
        scene.reset(host, person, unicode);
        return unicode;
    }

    /** A user-file shape whose command line carries the non-ASCII user or file name. */
    private void drawUnicodeBody() {
        for (int attempt = 0; attempt < 16; attempt++) {
            scene.reset(scene.host, scene.person, true);
            userFiles.pick(draw).draw(draw, scene);
            if (hasNonAscii(scene.cmd)) {
                return;
            }
        }
        // Shapes in the user-file table nearly always reach a profile path; this keeps the promise anyway.
        scene.append(" \"").append(scene.person.profile()).append('"');
    }

    static boolean hasNonAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /** Writes every field of {@code out} from the current scene. */
    void fill(EventRecord out) {
        Scene s = scene;
        out.clear();
        clock.advance(1 + draw.below(400));
        boolean sysmon = !draw.chance(SECURITY_4688_SHARE);
        Account who = s.account;
        Account parentWho = s.parentAccount == null ? Account.SYSTEM : s.parentAccount;
        Binary parent = s.parent == null ? Binaries.SERVICES : s.parent;

        out.set(Field.CommandLine, s.cmd.toString());
        out.set(Field.Image, s.image);
        out.set(Field.ParentImage, s.parentImage == null ? parent.image() : s.parentImage);
        out.set(Field.Computer, s.host.computer());
        out.set(Field.UtcTime, clock.now());
        out.set(Field.EventRecordID, Long.toString(recordId++));
        if (sysmon) {
            out.set(Field.EventID, "1");
            out.set(Field.Channel, "Microsoft-Windows-Sysmon/Operational");
            out.set(Field.Provider_Name, "Microsoft-Windows-Sysmon");
            out.set(Field.ParentCommandLine, s.parentCommandLine == null ? parent.image() : s.parentCommandLine);
            out.set(Field.OriginalFileName, s.binary.originalFileName());
            out.set(Field.Description, s.binary.description());
            out.set(Field.Product, s.binary.product());
            out.set(Field.Company, s.binary.company());
            out.set(Field.FileVersion, s.binary.fileVersion());
            out.set(Field.Hashes, s.binary.hashes());
            out.set(Field.IntegrityLevel, who.integrityLevel);
            out.set(Field.User, userOf(who, s.person));
            out.set(Field.ParentUser, userOf(parentWho, s.person));
            out.set(Field.CurrentDirectory, s.currentDirectory);
            out.set(Field.LogonId, logonIdOf(who, s.person));
            out.set(Field.LogonGuid, logonGuidOf(who, s));
            out.set(Field.ProcessId, Integer.toString(pid()));
            out.set(Field.ParentProcessId, Integer.toString(pid()));
            out.set(Field.ProcessGuid, processGuid(s.host));
            out.set(Field.ParentProcessGuid, processGuid(s.host));
            out.set(Field.TerminalSessionId, who.interactive() ? (draw.chance(0.8) ? "1" : "2") : "0");
        } else {
            out.set(Field.EventID, "4688");
            out.set(Field.Channel, "Security");
            out.set(Field.Provider_Name, "Microsoft-Windows-Security-Auditing");
            out.set(Field.IntegrityLevel, who.integrityLevel);
            out.set(Field.User, userOf(who, s.person));
            out.set(Field.LogonId, logonIdOf(who, s.person));
            out.set(Field.ProcessId, "0x" + Integer.toHexString(pid()));
            out.set(Field.ParentProcessId, "0x" + Integer.toHexString(pid()));
        }
    }

    private int pid() {
        return 4 * (25 + draw.below(9000));
    }

    private static String userOf(Account who, Person person) {
        return who.interactive() ? person.qualified() : who.domain + '\\' + who.name;
    }

    private static String logonIdOf(Account who, Person person) {
        if (!who.interactive()) {
            return who.logonId;
        }
        // An elevated token lives in its own (linked) logon session.
        return who == Account.ELEVATED ? person.logonId() + "1" : person.logonId();
    }

    private String logonGuidOf(Account who, Scene s) {
        scratch.setLength(0);
        scratch.append('{').append(s.host.guidPrefix()).append('-');
        if (who.interactive()) {
            scratch.append(who == Account.ELEVATED ? "a1" : "b0").append(s.person.logonGuidTail(), 2, s.person.logonGuidTail().length());
        } else {
            scratch.append("0000-").append(who.logonId, 2, 5).append("000000000").append('0');
        }
        return scratch.append('}').toString();
    }

    private String processGuid(Host host) {
        scratch.setLength(0);
        scratch.append('{').append(host.guidPrefix()).append('-');
        draw.hex(scratch, 4, false);
        scratch.append('-');
        draw.hex(scratch, 4, false);
        scratch.append('-');
        draw.hex(scratch, 12, false);
        return scratch.append('}').toString();
    }
}
