/* Helpers shared by the libFuzzer targets in tests/fuzz/.
 *
 * Every target checks invariants after each input and abort()s with a
 * message when one does not hold, so that libFuzzer records the input as a
 * crash. Header-only: each target is one translation unit. */
#ifndef HYOKA_FUZZ_H
#define HYOKA_FUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "doc.h"
#include "docio.h"
#include "fdef.h"
#include "xalloc.h"

/* Report a broken invariant and abort (libFuzzer saves the input). */
static void fuzz_fail(const char *file, int line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4), noreturn));

static void
fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n==FUZZ== invariant broken at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(__FILE__, __LINE__, __VA_ARGS__);            \
	} while (0)

/* Print a diagnostic list to stderr (context for a failure). */
static void __attribute__((unused))
fuzz_dump_diags(const char *what, const struct diag_list *dl)
{
	fprintf(stderr, "==FUZZ== %s: %zu diagnostic(s)\n", what, dl->n);
	for (size_t i = 0; i < dl->n && i < 20; i++)
		fprintf(stderr, "==FUZZ==   %s:%d:%d: %s: %s\n",
		        dl->v[i].file ? dl->v[i].file : "-", dl->v[i].line,
		        dl->v[i].col, diag_sev_name(dl->v[i].sev),
		        dl->v[i].msg);
}

/* Print a text buffer to stderr, bounded. */
static void __attribute__((unused))
fuzz_dump_text(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "==FUZZ== %s (%zu bytes):\n", what, n);
	fwrite(s, 1, n > 4096 ? 4096 : n, stderr);
	fprintf(stderr, "%s\n==FUZZ== end of %s\n", n > 4096 ? "\n[...]" : "",
	        what);
}

/* True when some diagnostic is an error with a file position (line >= 1).
 * A refused input must always tell the user where. */
static bool __attribute__((unused))
fuzz_has_positioned_error(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].sev == DIAG_ERROR && dl->v[i].line >= 1 &&
		    dl->v[i].col >= 1 && dl->v[i].msg != NULL &&
		    dl->v[i].msg[0] != '\0')
			return true;
	return false;
}

/* Read a whole file; NULL when it cannot. Caller frees. */
static char *__attribute__((unused))
fuzz_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (fp == NULL)
		return NULL;
	for (;;) {
		size_t r;

		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = xreallocarray(buf, cap, 1);
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		if (r == 0)
			break;
		n += r;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* A fixed environment: the same "today" for date rules, no editor. */
static void __attribute__((unused)) fuzz_setup_env(void)
{
	setenv("HYOKA_TODAY", "2026-11-23", 1);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
}

/* The real form definition: $HYOKA_FUZZ_FORM, else the source tree's
 * forms/jyuten.yaml when the build defines ABS_TOP_SRCDIR. Exits when it
 * cannot be loaded: the target is useless without it. */
static struct fdef *__attribute__((unused)) fuzz_load_real_form(void)
{
	const char *path = getenv("HYOKA_FUZZ_FORM");
	struct diag_list dl;
	struct fdef *fd;

#ifdef ABS_TOP_SRCDIR
	if (path == NULL || path[0] == '\0')
		path = ABS_TOP_SRCDIR "/forms/jyuten.yaml";
#endif
	if (path == NULL || path[0] == '\0') {
		fprintf(stderr, "set HYOKA_FUZZ_FORM to the path of "
		                "forms/jyuten.yaml\n");
		exit(2);
	}
	diag_list_init(&dl);
	fd = fdef_load(path, &dl);
	if (fd == NULL) {
		fprintf(stderr, "cannot load the form %s\n", path);
		fuzz_dump_diags("form", &dl);
		exit(2);
	}
	diag_list_fini(&dl);
	return fd;
}

/* Findings of check_doc() counted by severity. */
struct fuzz_counts {
	size_t n[3];
};

static struct fuzz_counts __attribute__((unused))
fuzz_check_counts(const struct doc *d, const char *file)
{
	struct diag_list dl;
	struct fuzz_counts c = {{0, 0, 0}};

	diag_list_init(&dl);
	check_doc(d, file, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		FUZZ_CHECK(dl.v[i].sev <= DIAG_ERROR, "bad severity %d",
		           (int)dl.v[i].sev);
		FUZZ_CHECK(dl.v[i].msg != NULL, "finding without a message");
		c.n[dl.v[i].sev]++;
	}
	diag_list_fini(&dl);
	return c;
}

/* The save-reload fixpoint: d must emit, the text must load back without
 * an error, and the reloaded document must emit the same bytes. When
 * same_findings is set, check_doc must report as many findings of each
 * severity for the reloaded document as for d. Returns nothing; aborts on
 * a broken invariant. */
static void __attribute__((unused))
fuzz_roundtrip(const struct fdef *fd, const struct doc *d, bool same_findings)
{
	struct diag_list dl;
	struct doc *d2;
	char *e1, *e2;
	size_t l1 = 0, l2 = 0;

	e1 = docio_emit(d, &l1);
	FUZZ_CHECK(e1 != NULL, "docio_emit refused a document that loaded");
	FUZZ_CHECK(strlen(e1) == l1, "emitted text holds a NUL byte");
	diag_list_init(&dl);
	d2 = docio_load_mem(fd, "emitted.yaml", e1, l1, &dl);
	if (d2 == NULL) {
		fuzz_dump_text("emitted text", e1, l1);
		fuzz_dump_diags("reload", &dl);
	}
	FUZZ_CHECK(d2 != NULL, "the emitted text does not load back");
	FUZZ_CHECK(diag_count(&dl, DIAG_ERROR) == 0,
	           "reload succeeded with errors");
	diag_list_fini(&dl);
	FUZZ_CHECK(d2->version == d->version,
	           "form version changed: %zu -> %zu", d->version, d2->version);
	e2 = docio_emit(d2, &l2);
	FUZZ_CHECK(e2 != NULL, "docio_emit refused the reloaded document");
	if (l1 != l2 || memcmp(e1, e2, l1) != 0) {
		fuzz_dump_text("first emit", e1, l1);
		fuzz_dump_text("emit after reload", e2, l2);
	}
	FUZZ_CHECK(l1 == l2 && memcmp(e1, e2, l1) == 0,
	           "save-reload is not a fixpoint");
	if (same_findings) {
		struct fuzz_counts a = fuzz_check_counts(d, "a.yaml");
		struct fuzz_counts b = fuzz_check_counts(d2, "b.yaml");

		if (memcmp(&a, &b, sizeof a) != 0)
			fuzz_dump_text("emitted text", e1, l1);
		FUZZ_CHECK(memcmp(&a, &b, sizeof a) == 0,
		           "check findings changed by save-reload: "
		           "info %zu/%zu warning %zu/%zu error %zu/%zu",
		           a.n[0], b.n[0], a.n[1], b.n[1], a.n[2], b.n[2]);
	}
	doc_free(&d2);
	free(e1);
	free(e2);
}

#endif
