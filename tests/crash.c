/*
 * Crash safety: a process doing a large write (an import, writeoff-expired,
 * an allocation recording its transfers) is killed with SIGKILL at seeded
 * random points; the store it leaves must pass PRAGMA integrity_check and
 * hold either none or all of that write.
 *
 * The points are SQLite's own file operations: a shim VFS (registered as
 * the default in the child process only, wrapping "unix") counts every
 * write, sync and truncate of the store, its -wal and its journal, and
 * raises SIGKILL just before operation number k. A first, unkilled run
 * counts the operations (T); each point k is drawn from 1..T with a
 * seeded generator, so a failure is reproduced by its seed.
 *
 * usage: crash [SCENARIO...]   (import, writeoff, alloc, control;
 * default: all). "control" records its moves one transaction each, and
 * the check must find partial stores there: it shows the check can fail.
 * environment: CRASH_POINTS (default 24), CRASH_ROWS (moves in the
 * import, default 3000), CRASH_SEED (default 7).
 * Prints "ok"/"FAIL" lines and "N passed, N failed".
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>
#include <nalox/nalox.h>

static int passed, failed;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s - ", ok ? "ok  " : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

static void die(const char *what, nalox_db *db)
{
	fprintf(stderr, "crash: %s: %s\n", what, db ? nalox_errmsg(db) : strerror(errno));
	exit(99);
}

/* --- the killing VFS ------------------------------------------------------ */

static sqlite3_vfs *real_vfs;
static long ops;      /* file operations so far in this process */
static long kill_at;  /* raise SIGKILL before this one (0: never) */

struct kfile {
	sqlite3_file base;
	sqlite3_file *real; /* follows this struct in the same allocation */
};

static void tick(void)
{
	if (++ops == kill_at)
		raise(SIGKILL);
}

#define REAL(f) (((struct kfile *)(f))->real)

static int k_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}
static int k_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
	return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int k_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	tick();
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int k_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	tick();
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int k_sync(sqlite3_file *f, int flags)
{
	tick();
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int k_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int k_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int k_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int k_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int k_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int k_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int k_chars(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int k_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int k_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void k_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int k_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int k_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), o, n, p);
}
static int k_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), o, p);
}

static sqlite3_io_methods k_methods = {
	3, k_close, k_read, k_write, k_truncate, k_sync, k_size, k_lock, k_unlock,
	k_reserved, k_control, k_sector, k_chars, k_shm_map, k_shm_lock, k_shm_barrier,
	k_shm_unmap, k_fetch, k_unfetch
};

static int k_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct kfile *k = (struct kfile *)f;
	k->real = (sqlite3_file *)(k + 1);
	int rc = real_vfs->xOpen(real_vfs, name, k->real, flags, out);
	/* No methods: the open failed and xClose must not be called. */
	k->base.pMethods = k->real->pMethods ? &k_methods : NULL;
	if (k->real->pMethods && k->real->pMethods->iVersion < 3)
		k_methods.iVersion = k->real->pMethods->iVersion;
	return rc;
}

static int k_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	tick();
	return real_vfs->xDelete(real_vfs, name, sync);
}
static int k_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int k_fullname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static sqlite3_vfs k_vfs;

/* In the child only: every connection opened from now on goes through it. */
static void install_killer(long at)
{
	real_vfs = sqlite3_vfs_find("unix");
	if (!real_vfs)
		die("no unix VFS", NULL);
	k_vfs = *real_vfs;
	k_vfs.zName = "killer";
	k_vfs.szOsFile = (int)sizeof(struct kfile) + real_vfs->szOsFile;
	k_vfs.xOpen = k_open;
	k_vfs.xDelete = k_delete;
	k_vfs.xAccess = k_access;
	k_vfs.xFullPathname = k_fullname;
	k_vfs.pNext = NULL;
	ops = 0;
	kill_at = at;
	if (sqlite3_vfs_register(&k_vfs, 1) != SQLITE_OK)
		die("cannot register the VFS", NULL);
}

/* --- stores and what they hold -------------------------------------------- */

static char *workdir;

static char *path_of(const char *name)
{
	size_t n = strlen(workdir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		die("out of memory", NULL);
	snprintf(p, n, "%s/%s", workdir, name);
	return p;
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	if (!in || !out)
		die(from, NULL);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die(to, NULL);
	fclose(in);
	if (fclose(out) != 0)
		die(to, NULL);
}

static void remove_store(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < 4; i++) {
		char p[4096];
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
}

/* A fingerprint of everything a write could have added or changed. */
struct print {
	long long moves, entries, delta, qty, holders, lots;
};

static int same_print(const struct print *a, const struct print *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

/* Open the store as a user would after the crash (the library recovers
 * the WAL), then read the fingerprint and run integrity_check through a
 * plain SQLite connection. Returns 0 if the store is sound. */
static int inspect(const char *path, struct print *p, char *why, size_t size)
{
	nalox_db *db = NULL;
	if (nalox_open(path, 0, &db) != NALOX_OK) {
		snprintf(why, size, "nalox_open: %s", nalox_errmsg(db));
		nalox_close(db);
		return -1;
	}
	nalox_close(db);
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		snprintf(why, size, "integrity_check: %s", r ? r : "(null)");
		rc = r && strcmp(r, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	} else if (rc == SQLITE_OK) {
		snprintf(why, size, "integrity_check: %s", sqlite3_errmsg(c));
		rc = SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c,
			"SELECT (SELECT count(*) FROM move), (SELECT count(*) FROM entry),"
			" (SELECT coalesce(sum(delta), 0) FROM entry),"
			" (SELECT coalesce(sum(qty), 0) FROM move),"
			" (SELECT count(*) FROM holder), (SELECT count(*) FROM lot)",
			-1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		p->moves = sqlite3_column_int64(st, 0);
		p->entries = sqlite3_column_int64(st, 1);
		p->delta = sqlite3_column_int64(st, 2);
		p->qty = sqlite3_column_int64(st, 3);
		p->holders = sqlite3_column_int64(st, 4);
		p->lots = sqlite3_column_int64(st, 5);
	} else if (rc == SQLITE_OK) {
		snprintf(why, size, "reading the ledger: %s", sqlite3_errmsg(c));
		rc = SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	sqlite3_close(c);
	return rc == SQLITE_OK ? 0 : -1;
}

/* --- the writes ------------------------------------------------------------ */

struct scenario {
	const char *name;
	void (*prepare)(const char *base); /* make the store before the write */
	int (*write)(nalox_db *db);       /* the write; NALOX_OK or a status */
	int control; /* not one transaction: the check must see partial stores */
};

static void move(nalox_db *db, const char *day, const char *kind, const char *site,
		 const char *lot, const char *expiry, long long qty, const char *to_site)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = day;
	m.kind = kind;
	m.site = site;
	m.product = "NYXOID";
	m.lot = lot;
	m.expiry = expiry;
	m.qty = qty;
	m.to_site = to_site;
	if (nalox_record_move(db, &m, NULL) != NALOX_OK)
		die("a fixture move", db);
}

static nalox_db *new_store(const char *base)
{
	nalox_db *db = NULL;
	remove_store(base);
	if (nalox_open(base, NALOX_OPEN_CREATE, &db) != NALOX_OK)
		die(base, db);
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = "NYXOID";
	p.name = "Nyxoid 1.8 mg nasal spray";
	p.route = "nasal";
	p.doses_per_kit = 2;
	p.dose_mg = 1.8;
	p.shelf_life_months = 30;
	p.unit_cost_pence = 2750;
	if (nalox_put_product(db, &p) != NALOX_OK)
		die("product", db);
	static const char *const sites[][3] = {
		{ "T-STORE", "store", NULL }, { "T-HUB", "treatment", "T-STORE" },
		{ "T-POL", "police", NULL }, { "T-STN", "station", "T-POL" }
	};
	for (int i = 0; i < 4; i++) {
		nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
		s.code = sites[i][0];
		s.name = sites[i][0];
		s.kind = sites[i][1];
		s.area = "TST";
		s.parent = sites[i][2];
		if (nalox_put_site(db, &s) != NALOX_OK)
			die("site", db);
	}
	return db;
}

static int rows_in_import(void)
{
	const char *e = getenv("CRASH_ROWS");
	int n = e ? atoi(e) : 3000;
	return n < 40 ? 40 : n;
}

/* A moves file: receipts of 40 lots, then transfers, issues to people
 * and administrations, every row with a ref. */
static void prepare_import(const char *base)
{
	nalox_close(new_store(base));
	char *csv = path_of("big.csv");
	FILE *f = fopen(csv, "w");
	if (!f)
		die(csv, NULL);
	int rows = rows_in_import(), receipts = rows / 4;
	fprintf(f, "day,kind,site,product,lot,expiry,qty,to_site,holder_kind,holder_ref,ref\n");
	for (int i = 0; i < receipts; i++)
		fprintf(f, "2026-01-05,receive,T-STORE,NYXOID,L%02d,2027-06,20,,,,R%d\n", i % 40, i);
	for (int i = receipts; i < rows; i++) {
		switch ((i - receipts) % 3) { /* an administration follows its issue */
		case 0:
			fprintf(f, "2026-02-01,transfer,T-STORE,NYXOID,L%02d,,2,T-HUB,,,R%d\n",
				i % 40, i);
			break;
		case 1:
			fprintf(f, "2026-02-02,issue,T-STORE,NYXOID,L%02d,,1,,person,P-%06d,R%d\n",
				i % 40, i, i);
			break;
		default:
			fprintf(f, "2026-02-03,administer,T-STORE,NYXOID,,,1,,person,P-%06d,R%d\n",
				i - 1, i);
		}
	}
	if (fclose(f) != 0)
		die(csv, NULL);
	free(csv);
}

static int write_import(nalox_db *db)
{
	char *csv = path_of("big.csv");
	int rc = nalox_import(db, "moves", csv, NULL);
	free(csv);
	return rc;
}

/* 600 lots that expired on different days, at all four sites. */
static void prepare_writeoff(const char *base)
{
	nalox_db *db = new_store(base);
	static const char *const sites[] = { "T-STORE", "T-HUB", "T-POL", "T-STN" };
	char lot[16], expiry[32];
	nalox_begin(db);
	for (int i = 0; i < 600; i++) {
		snprintf(lot, sizeof lot, "X%03d", i);
		snprintf(expiry, sizeof expiry, "2026-%02d-%02d", 1 + i % 6, 1 + i % 28);
		move(db, "2025-06-01", "receive", sites[i % 4], lot, expiry, 3 + i % 5, NULL);
	}
	move(db, "2025-06-01", "receive", "T-STORE", "FRESH", "2028-01", 50, NULL);
	if (nalox_commit(db) != NALOX_OK)
		die("fixture", db);
	nalox_close(db);
}

static int write_writeoff(nalox_db *db)
{
	nalox_rows *rows = NULL;
	int rc = nalox_writeoff_expired(db, "2026-09-01", NULL, 0, &rows);
	nalox_rows_free(rows);
	return rc;
}

/* Kits in 60 lots at the store and the police; demand below them, so
 * the plan moves kits along site-parent transfers. */
static void prepare_alloc(const char *base)
{
	nalox_db *db = new_store(base);
	char lot[16];
	nalox_begin(db);
	for (int i = 0; i < 60; i++) {
		snprintf(lot, sizeof lot, "A%02d", i);
		move(db, "2026-01-05", "receive", i % 2 ? "T-POL" : "T-STORE", lot, "2028-06", 6,
		     NULL);
	}
	if (nalox_commit(db) != NALOX_OK)
		die("fixture", db);
	nalox_close(db);
}

static int write_alloc(nalox_db *db)
{
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.as_of = "2026-03-01";
	nalox_alloc *a = NULL;
	int rc = nalox_alloc_new(db, &o, &a);
	static const char *const lines[][2] = {
		{ "T-HUB", "people leaving prison" }, { "T-HUB", "hostel residents" },
		{ "T-STN", "officers" }
	};
	for (int i = 0; rc == NALOX_OK && i < 3; i++) {
		nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
		d.site = lines[i][0];
		d.cohort = lines[i][1];
		d.kits = 120;
		d.weight = 1.0 + i;
		d.products = "NYXOID";
		rc = nalox_alloc_add_demand(a, &d);
	}
	if (rc == NALOX_OK)
		rc = nalox_alloc_solve(a);
	long long n = 0;
	if (rc == NALOX_OK)
		rc = nalox_alloc_record(a, "MSN", &n);
	if (rc == NALOX_OK && n < 20) {
		fprintf(stderr, "crash: the plan recorded only %lld transfers\n", n);
		rc = NALOX_EINVAL;
	}
	nalox_alloc_free(a);
	return rc;
}

/* The control: the same kind of moves, one transaction each. Killed
 * part-way it leaves some of them, and the check must say so: proof that
 * the check can fail. */
static int write_control(nalox_db *db)
{
	for (int i = 0; i < 200; i++) {
		nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
		m.day = "2026-03-01";
		m.kind = "transfer";
		m.site = "T-STORE";
		m.to_site = "T-HUB";
		m.product = "NYXOID";
		m.lot = "A00";
		m.qty = 1;
		if (i % 2)
			m.site = "T-HUB", m.to_site = "T-STORE";
		int rc = nalox_record_move(db, &m, NULL);
		if (rc != NALOX_OK)
			return rc;
	}
	return NALOX_OK;
}

static const struct scenario scenarios[] = {
	{ "import", prepare_import, write_import, 0 },
	{ "writeoff", prepare_writeoff, write_writeoff, 0 },
	{ "alloc", prepare_alloc, write_alloc, 0 },
	{ "control", prepare_alloc, write_control, 1 },
	{ NULL, NULL, NULL, 0 }
};

/* --- one run: a child that writes, maybe killed --------------------------- */

/* Runs the write in a child with the VFS killing at op `at` (0: never).
 * Returns 1 if the child was killed by SIGKILL, 0 if it finished the write
 * (its op count in *total), -1 on any other end. */
static int run_child(const struct scenario *sc, const char *path, long at, long *total)
{
	int fds[2];
	if (pipe(fds) != 0)
		die("pipe", NULL);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		close(fds[0]);
		install_killer(at);
		nalox_db *db = NULL;
		int rc = nalox_open(path, 0, &db);
		if (rc == NALOX_OK)
			rc = sc->write(db);
		if (rc != NALOX_OK)
			fprintf(stderr, "crash: %s: %s\n", sc->name, nalox_errmsg(db));
		nalox_close(db);
		long n = ops;
		if (write(fds[1], &n, sizeof n) != (ssize_t)sizeof n)
			_exit(98);
		_exit(rc == NALOX_OK ? 0 : 97);
	}
	close(fds[1]);
	long n = -1;
	ssize_t got = read(fds[0], &n, sizeof n);
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == (ssize_t)sizeof n) {
		*total = n;
		return 0;
	}
	fprintf(stderr, "crash: %s: child ended with status %d\n", sc->name, status);
	return -1;
}

static int env_int(const char *name, int def)
{
	const char *e = getenv(name);
	return e && *e ? atoi(e) : def;
}

static void run_scenario(const struct scenario *sc, int points, unsigned seed)
{
	char *base = path_of("base.db"), *work = path_of("work.db");
	char why[512] = "";
	struct print none, all, now;
	long total = 0;

	sc->prepare(base);
	memset(&none, 0, sizeof none);
	memset(&all, 0, sizeof all);
	int sound = inspect(base, &none, why, sizeof why) == 0;
	check(sound, "%s: the store before the write is sound (%s)", sc->name, why);
	remove_store(work);
	copy_file(base, work);
	int r = run_child(sc, work, 0, &total);
	check(r == 0 && total > 0, "%s: an uninterrupted write completes (%ld file operations)",
	      sc->name, total);
	sound = inspect(work, &all, why, sizeof why) == 0;
	check(sound && all.moves > none.moves, "%s: and adds %lld moves", sc->name,
	      all.moves - none.moves);
	if (r != 0 || total <= 0) {
		free(base);
		free(work);
		return;
	}
	int killed = 0, kept_none = 0, kept_all = 0, bad = 0;
	unsigned first_seed = seed;
	for (int i = 0; i < points; i++) {
		long at = 1 + (long)((unsigned long)rand_r(&seed) % (unsigned long)total);
		remove_store(work);
		copy_file(base, work);
		long done = 0;
		r = run_child(sc, work, at, &done);
		killed += r == 1;
		memset(&now, 0, sizeof now);
		sound = inspect(work, &now, why, sizeof why) == 0;
		int is_none = sound && same_print(&now, &none);
		int is_all = sound && same_print(&now, &all);
		kept_none += is_none;
		kept_all += is_all;
		if (!(sound && (is_none || is_all)) || r < 0) {
			bad++;
			if (sc->control)
				continue;
			printf("       killed at operation %ld of %ld: %s; %lld moves (none: %lld, "
			       "all: %lld)\n", at, total, sound ? "sound" : why, now.moves,
			       none.moves, all.moves);
		}
	}
	if (sc->control) {
		check(bad > 0, "%s: killed at %d seeded points of %ld (seed %u), one "
		      "transaction per move: the check finds %d partial stores", sc->name,
		      points, total, first_seed, bad);
		remove_store(work);
		remove_store(base);
		free(base);
		free(work);
		return;
	}
	check(bad == 0, "%s: killed at %d seeded points of %ld (seed %u): %d killed, every "
	      "store sound, %d held none of the write, %d all of it", sc->name, points, total,
	      first_seed, killed, kept_none, kept_all);
	printf("# crash points: %s %d\n", sc->name, points);
	remove_store(work);
	remove_store(base);
	free(base);
	free(work);
}

int main(int argc, char **argv)
{
	int points = env_int("CRASH_POINTS", 24);
	unsigned seed = (unsigned)env_int("CRASH_SEED", 7);
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/nalox-crash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	workdir = dir;
	for (const struct scenario *sc = scenarios; sc->name; sc++) {
		int wanted = argc < 2;
		for (int i = 1; i < argc; i++)
			wanted |= strcmp(argv[i], sc->name) == 0;
		if (wanted)
			run_scenario(sc, points, seed);
	}
	char *csv = path_of("big.csv");
	unlink(csv);
	free(csv);
	rmdir(dir);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
