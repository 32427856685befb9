package dev.widescan.corpus;

/**
 * A logged-on account on one machine: how Sysmon writes it ({@code DOMAIN\name}), where its profile is,
 * and the logon session id it works in (Sysmon's {@code LogonId}, hex).
 *
 * @param unicode whether the name holds non-ASCII characters (the {@code unicode} profile's users)
 */
record Person(String domain, String name, String logonId, String logonGuidTail, boolean unicode) {
    String qualified() {
        return domain + '\\' + name;
    }

    String profile() {
        return "C:\\Users\\" + name;
    }
}
