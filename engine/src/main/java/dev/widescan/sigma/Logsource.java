package dev.widescan.sigma;

/** A rule's {@code logsource}; absent attributes are null. */
public record Logsource(String category, String product, String service) {
    /** widescan evaluates Windows process-creation events only (Sysmon 1, Security 4688). */
    public boolean isWindowsProcessCreation() {
        return "process_creation".equals(category) && "windows".equals(product) && service == null;
    }

    @Override
    public String toString() {
        return "category=" + category + ", product=" + product + (service == null ? "" : ", service=" + service);
    }
}
