/* Unit tests of fsave_sum, the content sum that tells whether a document
 * changed on disk since hyoka read it. */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "fsave.h"
#include "../tap.h"

/* Check that every single-bit change of text (n bytes) changes its sum;
 * return how many changes went unnoticed. No memory. */
static int
sum_misses(char *text, size_t n)
{
	uint64_t base = fsave_sum(text, n);
	int misses = 0;

	for (size_t i = 0; i < n; i++)
		for (int bit = 0; bit < 8; bit++) {
			text[i] = (char)(text[i] ^ (1 << bit));
			if (fsave_sum(text, n) == base)
				misses++;
			text[i] = (char)(text[i] ^ (1 << bit));
		}
	return misses;
}

int
main(void)
{
	char text[] = "評価実施機関名: みどり市長\n公表日: 令和8年4月1日\n";
	size_t n = strlen(text);
	char zeros[16] = {0};
	char copy[sizeof text];

	memcpy(copy, text, sizeof text);
	ok(fsave_sum(text, n) == fsave_sum(copy, n), "equal texts, equal sums");
	is_int(sum_misses(text, n), 0,
	       "every one-bit change of the whole text changes its sum");
	is_int(sum_misses(text, 13), 0,
	       "also of a text shorter than two words (13 bytes)");
	ok(fsave_sum(text, n) != fsave_sum(text, n - 1),
	   "a text and the same text one byte shorter differ");
	ok(fsave_sum(zeros, 8) != fsave_sum(zeros, 16),
	   "eight and sixteen zero bytes differ");
	ok(fsave_sum(zeros, 0) != fsave_sum(zeros, 1),
	   "no byte and one zero byte differ");
	return done_testing();
}
