package dev.widescan.ingest;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;

/**
 * Security 4688 ("A new process has been created") in its native field names, mapped onto the Sysmon
 * names Sigma process_creation rules use, following Sigma's windows-audit mapping. The choices for
 * User, LogonId and the process ids are explained in docs/FORMAT.md "Ingest mapping".
 */
final class SecurityAuditMapping {
    private SecurityAuditMapping() {
    }

    static void apply(SourceFields in, EventRecord out) {
        out.set(Field.Image, in.get(SourceFields.NEW_PROCESS_NAME));
        out.set(Field.ParentImage, in.get(SourceFields.PARENT_PROCESS_NAME));
        out.set(Field.ProcessId, in.get(SourceFields.NEW_PROCESS_ID));
        // In 4688, ProcessId is the creator process: the parent of the new one.
        out.set(Field.ParentProcessId, in.get(Field.ProcessId));
        out.set(Field.IntegrityLevel, integrityLevel(in.get(SourceFields.MANDATORY_LABEL)));
        boolean target = hasTarget(in);
        out.set(Field.User, target
                ? account(in.get(SourceFields.TARGET_DOMAIN_NAME), in.get(SourceFields.TARGET_USER_NAME))
                : account(in.get(SourceFields.SUBJECT_DOMAIN_NAME), in.get(SourceFields.SUBJECT_USER_NAME)));
        out.set(Field.LogonId, in.get(target ? SourceFields.TARGET_LOGON_ID : SourceFields.SUBJECT_LOGON_ID));
    }

    /** The new process runs under other credentials than its creator's (Windows 10+ fills Target*). */
    private static boolean hasTarget(SourceFields in) {
        String logon = in.get(SourceFields.TARGET_LOGON_ID);
        String user = in.get(SourceFields.TARGET_USER_NAME);
        return logon != null && user != null && !logon.strip().equalsIgnoreCase("0x0") && !logon.strip().equals("0")
                && !user.strip().equals("-") && !user.isBlank();
    }

    /** {@code DOMAIN\name} as Sysmon writes it; the domain is left out when missing or "-". */
    static String account(String domain, String name) {
        if (name == null) {
            return null;
        }
        if (domain == null || domain.isBlank() || domain.strip().equals("-")) {
            return name;
        }
        return domain + "\\" + name;
    }

    /** Mandatory label SID to the level name Sysmon writes; unknown values are kept as they are. */
    static String integrityLevel(String sid) {
        if (sid == null) {
            return null;
        }
        return switch (sid.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "S-1-16-0" -> "Untrusted";
            case "S-1-16-4096" -> "Low";
            case "S-1-16-8192" -> "Medium";
            case "S-1-16-8448" -> "MediumPlus";
            case "S-1-16-12288" -> "High";
            case "S-1-16-16384" -> "System";
            case "S-1-16-20480" -> "Protected";
            default -> sid;
        };
    }
}
