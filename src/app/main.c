#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "cli.h"

/* The heap reserved at start, in which the kernel may use 2 MB pages. */
#define MAIN_HEAP (32u << 20)

/* Let the heap grow in 2 MB pages where the kernel allows it (transparent
 * huge pages on request, as Debian's kernels do): a new 4 KB page costs a
 * page fault of ~1.5 us, and loading the largest document touches ~1,000
 * of them (hyoka import ~5,000): hyoka check of large 1,184 -> 600 page
 * faults, import 5,339 -> 314. The heap is reserved (address space only)
 * 32 MB at a time and kept, large blocks come from it too, and the kernel
 * is asked for huge pages in it. Where it gives none (disabled, no
 * glibc, a sanitizer's or valgrind's malloc, which are not on the brk
 * heap) nothing changes. No memory. */
static void
main_heap(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
	char *p, *end;
	uintptr_t from;
	long page = sysconf(_SC_PAGESIZE);

	mallopt(M_TOP_PAD, (int)MAIN_HEAP);
	mallopt(M_MMAP_THRESHOLD, (int)MAIN_HEAP);
	mallopt(M_TRIM_THRESHOLD, (int)(2 * MAIN_HEAP));
	p = malloc(1);
	end = sbrk(0);
	if (p != NULL && page > 0 && end != (char *)-1 && end > p &&
	    (size_t)(end - p) <= 2 * MAIN_HEAP) {
		from = ((uintptr_t)p + (uintptr_t)page - 1) &
		       ~((uintptr_t)page - 1);
		madvise((void *)from, (size_t)((uintptr_t)end - from),
		        MADV_HUGEPAGE);
	}
	free(p);
#endif
}

/* Run hyoka. */
int
main(int argc, char **argv)
{
	main_heap();
	return cli_main(argc, argv);
}
