package dev.widescan.corpus;

/**
 * Who a process runs as, which decides Sysmon's User, LogonId, IntegrityLevel and TerminalSessionId
 * together (a service never runs at Medium integrity in session 1, a user's Word never as SYSTEM).
 */
enum Account {
    SYSTEM("NT AUTHORITY", "SYSTEM", "0x3e7", "System"),
    LOCAL_SERVICE("NT AUTHORITY", "LOCAL SERVICE", "0x3e5", "System"),
    NETWORK_SERVICE("NT AUTHORITY", "NETWORK SERVICE", "0x3e4", "System"),
    /** The interactive user, unelevated. */
    USER(null, null, null, "Medium"),
    /** The interactive user in an elevated (UAC) token. */
    ELEVATED(null, null, null, "High"),
    /** The interactive user in a sandboxed (low integrity) process, e.g. a browser renderer. */
    SANDBOXED(null, null, null, "Low");

    final String domain;
    final String name;
    final String logonId;
    final String integrityLevel;

    Account(String domain, String name, String logonId, String integrityLevel) {
        this.domain = domain;
        this.name = name;
        this.logonId = logonId;
        this.integrityLevel = integrityLevel;
    }

    boolean interactive() {
        return domain == null;
    }
}
