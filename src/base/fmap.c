#include <config.h>
#include "fmap.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The file mapped now (NULL: none), its length rounded up to whole pages,
 * the page size, whether a page went missing, and the SIGBUS handler it
 * replaced. */
static char *fmap_base;
static size_t fmap_size;
static uintptr_t fmap_page;
static volatile sig_atomic_t fmap_shrunk;
static struct sigaction fmap_old;

/* SIGBUS: a page of the mapping is past the end of a file that shrank.
 * Put zeros there (from that page to the end of the mapping) and go on;
 * a SIGBUS anywhere else gets the handler that was there before. */
static void
fmap_bus(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t a = (uintptr_t)si->si_addr, b = (uintptr_t)fmap_base;

	(void)ctx;
	if (fmap_base != NULL && a >= b && a < b + fmap_size) {
		uintptr_t from = a & ~(fmap_page - 1);

		if (mmap((void *)from, b + fmap_size - from, PROT_READ,
		         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		         0) != MAP_FAILED) {
			fmap_shrunk = 1;
			return;
		}
	}
	sigaction(sig, &fmap_old, NULL);
}

/* Map the first len bytes of the regular file fd, read-only, with a zero
 * byte after them; NULL when it cannot be mapped (the caller reads it
 * instead): another file is mapped, len is 0 or a whole number of pages
 * (no zero byte after it), or mmap fails. Release with fmap_close. */
const char *
fmap_open(int fd, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct sigaction sa;
	void *p;

	if (fmap_base != NULL || len == 0 || len % page == 0 ||
	    len > SIZE_MAX - page)
		return NULL;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fmap_bus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &fmap_old) != 0) {
		munmap(p, len);
		return NULL;
	}
	fmap_base = p;
	fmap_page = page;
	fmap_size = (len + page - 1) / page * page;
	fmap_shrunk = 0;
	return p;
}

/* Tell whether p is what fmap_open mapped. */
bool
fmap_owns(const char *p)
{
	return p != NULL && p == fmap_base;
}

/* Unmap what fmap_open mapped (p is not what it mapped: nothing to do);
 * false when the file shrank while it was mapped (what was read is not
 * the file). No memory. */
bool
fmap_close(const char *p)
{
	bool whole = !fmap_shrunk;

	if (!fmap_owns(p))
		return true;
	sigaction(SIGBUS, &fmap_old, NULL);
	munmap(fmap_base, fmap_size);
	fmap_base = NULL;
	fmap_size = 0;
	return whole;
}
