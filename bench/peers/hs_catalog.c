// Hyperscan on the SigmaHQ catalog's CommandLine literals over MatcherBenchmark's column, for
// scripts/catalog-peer.sh (which writes the data with dev.widescan.bench.CatalogPeerData and checks the
// counts). Two ways to run the same literals:
//   block   one hs_scan over the whole column (values separated by '\n'), every occurrence reported;
//           startswith/endswith/equals anchor at line starts and ends (HS_FLAG_MULTILINE)
//   values  one hs_scan a value with HS_FLAG_SINGLEMATCH: each (value, literal) pair once, which is what
//           widescan's HitSink consumers need; anchors are \A and \z of the value
// Usage: hs_catalog DIR RUNS  ->  one line a mode: "MODE literals=N matches=N median_ms=T min_ms=T bytes=B"
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long matches;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)id; (void)from; (void)to; (void)flags; (void)ctx;
    matches++;
    return 0;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static char *slurp(const char *dir, const char *name, long *size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "hs_catalog: cannot open %s\n", path); exit(2); }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(*size + 1);
    if (!buf || fread(buf, 1, *size, f) != (size_t)*size) { fprintf(stderr, "hs_catalog: cannot read %s\n", path); exit(2); }
    buf[*size] = 0;
    fclose(f);
    return buf;
}

// One expression a literal: every byte as \xHH, so no byte of the literal is read as syntax.
static char *expression(const char *kind, const char *hex, int per_value) {
    size_t n = strlen(hex) / 2;
    char *e = malloc(n * 4 + 8), *o = e;
    int start = !strcmp(kind, "STARTS_WITH") || !strcmp(kind, "EQUALS");
    int end = !strcmp(kind, "ENDS_WITH") || !strcmp(kind, "EQUALS");
    if (start) o += sprintf(o, per_value ? "\\A" : "^");
    for (size_t i = 0; i < n; i++) o += sprintf(o, "\\x%c%c", hex[2 * i], hex[2 * i + 1]);
    if (end) o += sprintf(o, per_value ? "\\z" : "$");
    *o = 0;
    return e;
}

static hs_database_t *compile(const char *dir, int per_value, int *count) {
    long size;
    char *text = slurp(dir, "literals.hs", &size);
    int cap = 1 << 15, n = 0;
    char **exprs = malloc(cap * sizeof *exprs);
    unsigned *flags = malloc(cap * sizeof *flags), *ids = malloc(cap * sizeof *ids);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[32], cs[4], hex[65536];
        if (sscanf(line, "%31s %3s %65535s", kind, cs, hex) != 3 || n == cap || strlen(hex) % 2 != 0
                || strlen(hex) == sizeof hex - 1) {
            fprintf(stderr, "hs_catalog: %s/literals.hs line %d: expected KIND CASE HEX (an even number of hex digits, under 64 KiB)\n", dir, n + 1);
            exit(2);
        }
        exprs[n] = expression(kind, hex, per_value);
        ids[n] = n;
        flags[n] = (cs[0] == 'i' ? HS_FLAG_CASELESS : 0) | (per_value ? HS_FLAG_SINGLEMATCH : HS_FLAG_MULTILINE);
        n++;
    }
    hs_database_t *db;
    hs_compile_error_t *err;
    if (hs_compile_multi((const char *const *)exprs, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
        fprintf(stderr, "hs_catalog: literal %d: %s\n", err->expression + 1, err->message);
        exit(2);
    }
    *count = n;
    return db;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: hs_catalog DIR RUNS\n"); return 2; }
    const char *dir = argv[1];
    int runs = atoi(argv[2]);
    if (runs < 1) { fprintf(stderr, "hs_catalog: RUNS must be >= 1\n"); return 2; }
    long size, span_bytes;
    char *column = slurp(dir, "column.u8", &size);
    int *spans = (int *)slurp(dir, "column.spans", &span_bytes);
    long values = span_bytes / 8;
    if (span_bytes % 8 != 0) {
        fprintf(stderr, "hs_catalog: %s/column.spans: %ld bytes, not a whole number of 8-byte spans\n", dir, span_bytes);
        return 2;
    }
    for (long v = 0; v < values; v++) {
        if (spans[2 * v] < 0 || spans[2 * v] > spans[2 * v + 1] || spans[2 * v + 1] > size) {
            fprintf(stderr, "hs_catalog: %s/column.spans: value %ld's span %d..%d is outside column.u8 (%ld bytes)\n",
                    dir, v, spans[2 * v], spans[2 * v + 1], size);
            return 2;
        }
    }
    double *t = malloc(runs * sizeof *t);
    for (int per_value = 0; per_value <= 1; per_value++) {
        int literals;
        hs_database_t *db = compile(dir, per_value, &literals);
        hs_scratch_t *scratch = NULL;
        if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "hs_catalog: no scratch\n"); return 2; }
        for (int r = 0; r < runs; r++) {
            matches = 0;
            double t0 = now();
            if (per_value) {
                for (long v = 0; v < values; v++) {
                    hs_scan(db, column + spans[2 * v], (unsigned)(spans[2 * v + 1] - spans[2 * v]), 0, scratch, on_match, NULL);
                }
            } else {
                hs_scan(db, column, (unsigned)size, 0, scratch, on_match, NULL);
            }
            t[r] = now() - t0;
        }
        qsort(t, runs, sizeof *t, by_value);
        printf("%s literals=%d matches=%llu median_ms=%.2f min_ms=%.2f bytes=%ld\n", per_value ? "values" : "block",
               literals, matches, t[runs / 2] * 1e3, t[0] * 1e3, size);
        hs_free_scratch(scratch);
        hs_free_database(db);
    }
    return 0;
}
