package dev.widescan.corpus;

import java.util.Locale;

/** What kind of archive to make; see the gen command's help for the promise each one keeps. */
public enum Profile {
    /** Real-like lengths, mostly ASCII (about 1.5% of events carry accented or non-Latin names). */
    REALISTIC(0.015, false),
    /** Like realistic, but 20% of events carry non-ASCII (Cyrillic, CJK, emoji as surrogate pairs). */
    UNICODE(0.20, false),
    /** Every command line between 30,000 and 32,767 code units (the Windows limit). */
    LONG(0.015, true);

    final double unicodeShare;
    final boolean nearLimit;

    Profile(double unicodeShare, boolean nearLimit) {
        this.unicodeShare = unicodeShare;
        this.nearLimit = nearLimit;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.cliName().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
