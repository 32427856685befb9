package dev.widescan.corpus;

/**
 * Word lists for people, machines, files and arguments. Written for this model (no real data); chosen to
 * look like an enterprise fleet: given names and surnames of several languages, department host
 * prefixes, document and project words. The non-ASCII lists feed the {@code unicode} profile: Cyrillic
 * and CJK names (BMP), accented Latin, and emoji (supplementary plane, so surrogate pairs in UTF-16).
 *
 * <p>Words that contain a Sigma literal of the seed rule (e.g. anything with "kernel32") are kept out on
 * purpose; the generator still checks every event against the rules, this only keeps regeneration rare.
 */
final class Names {
    private Names() {
    }

    static final String[] GIVEN = {
        "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "david", "susan",
        "lukas", "anna", "maximilian", "sofia", "pierre", "camille", "marco", "giulia", "carlos", "lucia",
        "piotr", "katarzyna", "jan", "eva", "ahmed", "fatima", "raj", "priya", "kenji", "yuki", "wei", "li",
        "olga", "ivan", "sven", "ingrid", "tom", "emma", "noah", "mia"
    };
    static final String[] SURNAME = {
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "martin", "wilson",
        "mueller", "schmidt", "schneider", "fischer", "dubois", "moreau", "rossi", "bianchi", "fernandez",
        "lopez", "nowak", "kowalski", "novak", "svoboda", "khan", "patel", "sharma", "tanaka", "sato", "wang",
        "zhang", "petrov", "ivanova", "larsen", "nilsson", "taylor", "anderson", "thomas", "moore", "clark"
    };
    static final String[] UNICODE_USERS = {
        "Иван.Петров", "Ольга.Смирнова", "Дмитрий", "Наталья.Кузнецова", "Алексей.Волков", "Светлана",
        "王伟", "李娜", "张敏", "刘洋", "陈静", "田中太郎", "佐藤花子", "鈴木一郎", "김민준", "이서연",
        "José.Muñoz", "Zoë.Müller", "Łukasz.Żółw", "François.Lefèvre", "Ærø.Søren", "Ayşe.Yılmaz",
        "Nikolaj🚀", "Mia🌸", "Dev😀ops"
    };
    static final String[] UNICODE_WORDS = {
        "Отчёт", "Договор", "Счёт-фактура", "Презентация", "Бюджет_2024", "проект", "резюме",
        "报告", "合同", "会议纪要", "財務諸表", "見積書", "プロジェクト", "계약서", "보고서",
        "Präsentation", "Übersicht", "Café_menu", "Résumé", "Año_fiscal", "Zażółć",
        "Vacation 🌴", "Party 🎉", "Notes 📝", "Budget 💰", "Photos 📷", "Launch 🚀", "😀 smile", "👍 approved"
    };
    static final String[] DEPARTMENTS = {"FIN", "HR", "ENG", "OPS", "MKT", "SALES", "IT", "LEGAL", "RND", "SUP"};
    static final String[] SERVER_ROLES = {"DC", "FS", "SQL", "WEB", "APP", "EXCH", "PRINT", "BUILD", "RDS", "SCCM"};
    static final String[] DOMAINS = {"CORP", "CONTOSO", "EXAMPLE", "ACME"};

    static final String[] DOC_WORDS = {
        "Quarterly Report", "budget", "Invoice", "minutes", "Project Plan", "roadmap", "contract", "notes",
        "presentation", "Sales Forecast", "onboarding", "travel request", "timesheet", "inventory",
        "architecture", "release-notes", "meeting agenda", "Customer List", "policy", "draft"
    };
    static final String[] DOC_EXT = {".docx", ".xlsx", ".pptx", ".pdf", ".txt", ".csv", ".log", ".zip", ".msg", ".json"};
    static final String[] PROJECTS = {
        "billing-service", "webshop", "data-pipeline", "mobile-app", "infra", "reporting", "auth-gateway",
        "design-system", "etl-jobs", "website"
    };
    static final String[] SHARES = {"Projects", "Finance", "Public", "Software", "Home", "Scans", "Deploy", "Archive", "IT$", "Users"};
    static final String[] FILE_SERVERS = {"fs01", "fs02", "nas01", "filesrv", "dfs", "share01", "backup01"};
    static final String[] WEB_HOSTS = {
        "www.example.com", "intranet.corp.example.com", "portal.example.org", "updates.example.net",
        "download.example.com", "cdn.example.net", "login.example.com", "docs.example.org"
    };
}
