package dev.widescan.corpus;

/**
 * One machine of the simulated fleet: its FQDN (Sysmon's Computer), its users, and the leading part
 * of the Sysmon process GUIDs it issues (Sysmon derives it from the machine, so it is stable per host).
 */
record Host(String computer, Person[] users, Person unicodeUser, String guidPrefix, boolean server) {
}
