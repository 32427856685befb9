package dev.widescan.corpus;

/**
 * One Windows executable as Sysmon describes it: where it lives and the PE version resource fields
 * (OriginalFileName, Description, Product, Company, FileVersion), plus its Sysmon {@code Hashes} value.
 *
 * <p>The hashes are derived from the path and version with a fixed mixing function, so the same binary
 * has the same hashes in every event (as on a real fleet) and every seed, without storing real hashes.
 */
public record Binary(String image, String originalFileName, String description, String product,
                     String company, String fileVersion, String hashes) {

    static final String MS = "Microsoft Corporation";
    static final String WINDOWS = "Microsoft® Windows® Operating System";

    public static Binary of(String image, String originalFileName, String description, String product,
                            String company, String fileVersion) {
        return new Binary(image, originalFileName, description, product, company, fileVersion,
                hashesOf(image + '|' + fileVersion));
    }

    /** A Windows component in System32 (or the given folder) with the OS product and company. */
    public static Binary windows(String image, String originalFileName, String description) {
        return of(image, originalFileName, description, WINDOWS, MS, "10.0.19041.1 (WinBuild.160101.0800)");
    }

    /** The file name after the last backslash, as typed on a command line. */
    public String fileName() {
        return image.substring(image.lastIndexOf('\\') + 1);
    }

    static String hashesOf(String key) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = mix(h + key.charAt(i));
        }
        StringBuilder sb = new StringBuilder(200);
        sb.append("SHA1=");
        h = appendHex(sb, h, 40);
        sb.append(",MD5=");
        h = appendHex(sb, h, 32);
        sb.append(",SHA256=");
        h = appendHex(sb, h, 64);
        sb.append(",IMPHASH=");
        appendHex(sb, h, 32);
        return sb.toString();
    }

    private static long appendHex(StringBuilder sb, long h, int digits) {
        for (int i = 0; i < digits; i += 16) {
            h = mix(h);
            String part = String.format("%016X", h);
            sb.append(part, 0, Math.min(16, digits - i));
        }
        return h;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
