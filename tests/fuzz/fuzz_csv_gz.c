/* libFuzzer: the CSV reader on gzip-compressed input. The fuzzer's bytes
 * are the CSV text; they are compressed here (at a level the input
 * picks), so the reader's gzip path, its expansion check and its line
 * counting see well-formed gzip of arbitrary text. Corrupt gzip is
 * fuzz_csv's (its corpus holds .gz files). */
#include <zlib.h>

#include "../../libnalox/io/csv.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nalox_db *db = fuzz_db();
	static char path[4096];
	if (!path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/nalox-fuzz-%ld.csv.gz",
			 tmp && *tmp ? tmp : "/tmp", (long)getpid());
	}
	char mode[4] = "wb1";
	if (size > 0) {
		mode[2] = (char)('1' + data[0] % 9);
		data++;
		size--;
	}
	gzFile gz = gzopen(path, mode);
	if (!gz)
		abort();
	if (size && gzwrite(gz, data, (unsigned)size) != (int)size)
		abort();
	if (gzclose(gz) != Z_OK)
		abort();
	fuzz_read_records(db, path);
	return 0;
}
