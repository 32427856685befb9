package dev.widescan.corpus;

/**
 * The fleet the events come from: a fixed number of hosts (workstations and servers) with their users,
 * drawn once from the seed. Sized so that per-host fields repeat like real telemetry (the same Computer
 * and User values many times) while still giving a long list of distinct values.
 */
final class Population {
    static final int HOSTS = 257;

    private final Host[] hosts;

    Population(Draw d) {
        hosts = new Host[HOSTS];
        String domain = Names.DOMAINS[d.below(Names.DOMAINS.length)];
        String dnsSuffix = "." + domain.toLowerCase(java.util.Locale.ROOT) + ".example.com";
        for (int h = 0; h < HOSTS; h++) {
            boolean server = h % 8 == 0;
            StringBuilder name = new StringBuilder(40);
            if (server) {
                name.append("SRV-").append(d.pick(Names.SERVER_ROLES)).append('-');
                d.digits(name, 2);
            } else {
                name.append("WS-").append(d.pick(Names.DEPARTMENTS)).append('-');
                d.digits(name, 4);
            }
            String computer = name.append(dnsSuffix).toString();
            Person[] users = new Person[1 + d.below(3)];
            for (int u = 0; u < users.length; u++) {
                String user = u == 0 && server && d.chance(0.5)
                        ? "svc_" + d.pick(Names.PROJECTS).replace("-", "")
                        : userName(d, u > 0 && d.chance(0.3));
                users[u] = person(d, domain, user, false);
            }
            Person unicodeUser = person(d, domain, d.pick(Names.UNICODE_USERS), true);
            StringBuilder guid = new StringBuilder(14);
            d.hex(guid, 8, false);
            guid.append('-');
            d.hex(guid, 4, false);
            hosts[h] = new Host(computer, users, unicodeUser, guid.toString(), server);
        }
    }

    Host host(Draw d) {
        // Skewed: a few busy hosts (servers, build agents) produce most events, as in real fleets.
        double u = d.unit();
        return hosts[(int) (u * u * HOSTS)];
    }

    private static String userName(Draw d, boolean admin) {
        String given = d.pick(Names.GIVEN);
        String surname = d.pick(Names.SURNAME);
        return switch (d.below(4)) {
            case 0 -> (admin ? "adm-" : "") + given + "." + surname;
            case 1 -> (admin ? "adm_" : "") + given.charAt(0) + surname;
            case 2 -> (admin ? "a-" : "") + Character.toUpperCase(given.charAt(0)) + given.substring(1) + Character.toUpperCase(surname.charAt(0)) + surname.substring(1);
            default -> (admin ? "admin." : "") + surname + given.charAt(0);
        };
    }

    private static Person person(Draw d, String domain, String name, boolean unicode) {
        StringBuilder logon = new StringBuilder(12).append("0x");
        logon.append(Integer.toHexString(0x100000 + d.below(0x3F00000)));
        StringBuilder guidTail = new StringBuilder(20);
        d.hex(guidTail, 4, false);
        guidTail.append('-');
        d.hex(guidTail, 12, false);
        return new Person(domain, name, logon.toString(), guidTail.toString(), unicode);
    }
}
