/* Unit tests of fmap (a file mapped to be read once) and of ytree_read_fd,
 * which maps a document when it can: the bytes are the file's, one file at
 * a time, and a file shortened by another program while it is mapped is
 * read as zeros and reported, instead of killing hyoka with SIGBUS. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fmap.h"
#include "ytree.h"
#include "../tap.h"

/* Write n bytes of a repeating text to a new temporary file; return its
 * descriptor (open for reading), its path in path (caller unlinks). */
static int
make_file(char *path, size_t n)
{
	int fd = mkstemp(path);

	for (size_t i = 0; fd >= 0 && i < n; i++) {
		char c = (char)('a' + i % 26);

		if (write(fd, &c, 1) != 1)
			return -1;
	}
	return fd;
}

int
main(void)
{
	static const struct ytree_limits lim = {1u << 24, 1u << 20, 64, 1000};
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = 3 * page + 100;
	char path[] = "/tmp/t-fmap-XXXXXX";
	int fd = make_file(path, n);
	const char *p, *q;
	struct diag_list dl;
	size_t len, zeros = 0;
	bool same = true;

	ok(fd >= 0, "a file of three pages and 100 bytes");
	p = fmap_open(fd, n);
	ok(p != NULL && fmap_owns(p), "is mapped");
	for (size_t i = 0; p != NULL && i < n; i++)
		same = same && p[i] == (char)('a' + i % 26);
	ok(same, "every byte is the file's");
	ok(p != NULL && p[n] == '\0', "a zero byte follows them");
	ok(fmap_open(fd, n) == NULL, "a second file is not mapped meanwhile");
	ok(!fmap_owns(path), "fmap_owns is false for other memory");
	ok(fmap_close(p), "closed: the file did not shrink");
	ok(fmap_open(fd, 4 * page) == NULL,
	   "a whole number of pages is not mapped (no zero byte after it)");
	ok(fmap_open(fd, 0) == NULL, "an empty file is not mapped");

	p = fmap_open(fd, n);
	ok(p != NULL && ftruncate(fd, (off_t)page) == 0,
	   "mapped, then shortened to one page by another program");
	for (size_t i = page; p != NULL && i < n; i++)
		zeros += p[i] == '\0';
	is_int((long long)zeros, (long long)(n - page),
	       "the missing pages read as zeros (no SIGBUS)");
	ok(p != NULL && p[0] == 'a', "the first page is still the file's");
	ok(!fmap_close(p), "fmap_close says the file shrank");

	if (ftruncate(fd, (off_t)n) != 0)
		return 1;
	diag_list_init(&dl);
	q = ytree_read_fd(path, fd, &lim, &len, &dl);
	ok(q != NULL && fmap_owns(q) && len == n,
	   "ytree_read_fd maps a document");
	diag_add(&dl, DIAG_ERROR, path, 2, 1, "what was said of the text");
	ok(q != NULL && ftruncate(fd, 10) == 0, "shortened while read");
	zeros = 0;
	for (size_t i = 0; q != NULL && i < len; i++)
		zeros += q[i] == '\0';
	is_int((long long)zeros, (long long)(n - 10),
	       "the text read has zeros after the 10 bytes left");
	ok(q != NULL && !ytree_release(q), "ytree_release says so");
	ytree_say_shrunk(path, &dl, 0);
	ok(dl.n == 1 && strstr(dl.v[0].msg, "shortened") != NULL,
	   "ytree_say_shrunk says it instead of what was said of the text");
	diag_list_fini(&dl);

	if (ftruncate(fd, (off_t)(4 * page)) != 0)
		return 1;
	q = ytree_read_fd(path, fd, &lim, &len, &dl);
	ok(q != NULL && !fmap_owns(q) && len == 4 * page && q[len] == '\0',
	   "a whole number of pages is read into memory, with a zero after");
	ok(ytree_release(q), "and released");
	diag_list_fini(&dl);
	close(fd);
	unlink(path);
	return done_testing();
}
