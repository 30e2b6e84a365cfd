/*
 * A tiny TAP producer for the unit tests, header only.
 *
 *	plan(3);                  or nothing, and done_testing() prints 1..N
 *	ok(x > 0, "x is %d", x);
 *	is_str(got, "令和6年", "format");
 *	is_int(n, 3, "count");
 *	return done_testing();    0, or 1 if a test failed
 */
#ifndef HYOKA_TAP_H
#define HYOKA_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct tap_state {
	int planned; /* -1 = no plan */
	int run;
	int failed;
};

/* Return the one state of the test program. No memory. */
static inline struct tap_state *
tap_state(void)
{
	static struct tap_state st = {-1, 0, 0};

	return &st;
}

/* Announce that n tests will run. No memory. */
static inline void
plan(int n)
{
	tap_state()->planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

/* Print a diagnostic line, # prefixed. No memory. */
static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* Report one test named by fmt; return cond. No memory. */
static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	struct tap_state *st = tap_state();
	va_list ap;

	st->run++;
	if (!cond)
		st->failed++;
	printf("%sok %d - ", cond ? "" : "not ", st->run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

/* Test that string got equals expected (NULL equals only NULL). No memory. */
static inline int
is_str(const char *got, const char *expected, const char *name)
{
	int same = got == NULL || expected == NULL ? got == expected
	                                           : strcmp(got, expected) == 0;

	if (!ok(same, "%s", name)) {
		diag("     got: %s%s%s", got ? "'" : "", got ? got : "NULL",
		     got ? "'" : "");
		diag("expected: %s%s%s", expected ? "'" : "",
		     expected ? expected : "NULL", expected ? "'" : "");
	}
	return same;
}

/* Test that number got equals expected. No memory. */
static inline int
is_int(long long got, long long expected, const char *name)
{
	int same = got == expected;

	if (!ok(same, "%s", name)) {
		diag("     got: %lld", got);
		diag("expected: %lld", expected);
	}
	return same;
}

/* Print the plan if there was none; return the exit status. No memory. */
static inline int
done_testing(void)
{
	struct tap_state *st = tap_state();
	int status = st->failed > 0 ? 1 : 0;

	if (st->planned < 0) {
		printf("1..%d\n", st->run);
	} else if (st->planned != st->run) {
		diag("planned %d tests but ran %d", st->planned, st->run);
		status = 1;
	}
	if (st->failed > 0)
		diag("failed %d of %d tests", st->failed, st->run);
	fflush(stdout);
	return status;
}

#endif
