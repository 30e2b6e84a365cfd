#include <config.h>
#include "diag.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Make an empty list; release it with diag_list_fini(). */
void
diag_list_init(struct diag_list *dl)
{
	dl->v = NULL;
	dl->n = dl->cap = 0;
}

/* The values of findings, counted: the findings of one check in one
 * instance all read the same values, and a check over the whole change
 * log reads much of the document. */
struct diag_values {
	size_t refs;
	char s[];
};

/* The counted block holding values v. Borrowed. */
static struct diag_values *
diag_values_of(char *v)
{
	return (struct diag_values *)(void *)(v -
	                                      offsetof(struct diag_values, s));
}

/* Copy s into counted values for diag.values (one reference). Release
 * with diag_values_unref(). */
char *
diag_values_new(const char *s)
{
	size_t len = strlen(s);
	struct diag_values *v = xmalloc(sizeof *v + len + 1);

	v->refs = 1;
	memcpy(v->s, s, len + 1);
	return v->s;
}

/* Take one more reference to counted values (may be NULL); returns v. */
char *
diag_values_ref(char *v)
{
	if (v != NULL)
		diag_values_of(v)->refs++;
	return v;
}

/* Drop one reference to counted values (may be NULL); the last frees
 * them. */
void
diag_values_unref(char *v)
{
	struct diag_values *b;

	if (v == NULL)
		return;
	b = diag_values_of(v);
	if (--b->refs == 0)
		free(b);
}

/* Free what one diagnostic holds (not the diagnostic itself). */
void
diag_fini(struct diag *d)
{
	free(d->file);
	free(d->ref);
	free(d->rule);
	free(d->path);
	free(d->name);
	free(d->msg);
	diag_values_unref(d->values);
	free(d->note);
}

/* Free every diagnostic and the list's storage. */
void
diag_list_fini(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		diag_fini(&dl->v[i]);
	free(dl->v);
	diag_list_init(dl);
}

/* Append a diagnostic; the returned entry is owned by the list. */
struct diag *
diag_add(struct diag_list *dl, enum diag_sev sev, const char *file, int line,
         int col, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 16;
		dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
	}
	d = &dl->v[dl->n++];
	memset(d, 0, sizeof *d);
	d->sev = sev;
	d->seq = dl->n;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	/* The common "%s" (a message made before): a copy, not formatted. */
	if (strcmp(fmt, "%s") == 0)
		d->msg = xstrdup(va_arg(ap, const char *));
	else
		d->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return d;
}

/* Attach a reference, rule id and item path (each may be NULL); copies them. */
void
diag_set_ref(struct diag *d, const char *ref, const char *rule,
             const char *path)
{
	free(d->ref);
	free(d->rule);
	free(d->path);
	d->ref = ref ? xstrdup(ref) : NULL;
	d->rule = rule ? xstrdup(rule) : NULL;
	d->path = path ? xstrdup(path) : NULL;
}

/* Attach a reference and an item path (each may be NULL), taking them (the
 * diagnostic frees them), and a rule id (may be NULL), copied. */
void
diag_take_ref(struct diag *d, char *ref, const char *rule, char *path)
{
	diag_set_ref(d, NULL, rule, NULL);
	d->ref = ref;
	d->path = path;
}

/* Attach the name people read for the item (may be NULL), taking it. */
void
diag_take_name(struct diag *d, char *name)
{
	free(d->name);
	d->name = name;
}

/* Attach the name people read for the item (may be NULL); copies it. */
void
diag_set_name(struct diag *d, const char *name)
{
	free(d->name);
	d->name = name ? xstrdup(name) : NULL;
}

/* Count the diagnostics of one severity that are not accepted. */
size_t
diag_count(const struct diag_list *dl, enum diag_sev sev)
{
	size_t n = 0;

	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].sev == sev && !dl->v[i].accepted)
			n++;
	return n;
}

/* Name a severity as printed by `hyoka check` (never translated). */
const char *
diag_sev_name(enum diag_sev sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "info";
	}
}

/* Order diagnostics by file, line and column, keeping equal ones stable. */
static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Move a diagnostic (its strings included) to the end of dst; the source
 * entry must not be freed afterwards. */
void
diag_move(struct diag_list *dst, struct diag *d)
{
	if (dst->n == dst->cap) {
		dst->cap = dst->cap ? dst->cap * 2 : 16;
		dst->v = xreallocarray(dst->v, dst->cap, sizeof *dst->v);
	}
	dst->v[dst->n] = *d;
	dst->v[dst->n].seq = dst->n;
	dst->n++;
}

/* Sort the list by position. */
void
diag_sort(struct diag_list *dl)
{
	if (dl->n > 1)
		qsort(dl->v, dl->n, sizeof *dl->v, diag_cmp);
}

/* The line of a finding: FILE:LINE:COL: severity: NAME: message [RULE]
 * and a newline; the reference stands in for a finding without a name.
 * One finding is one line: line breaks, escape sequences and other
 * control characters of values, reasons and file names are written as
 * escapes (\n, \e, \x07), so that a document cannot forge findings or
 * drive the terminal. Caller frees. */
char *
diag_format(const struct diag *d)
{
	struct sbuf sb;
	char *line;
	size_t n;

	sbuf_init(&sb);
	/* Plain appends: one finding of many, no format to interpret. */
	if (d->file != NULL) {
		sbuf_adds(&sb, d->file);
		if (d->line > 0)
			sbuf_addf(&sb, ":%d:%d", d->line, d->col);
		sbuf_adds(&sb, ": ");
	}
	sbuf_adds(&sb, diag_sev_name(d->sev));
	sbuf_adds(&sb, ": ");
	if (d->name != NULL || d->ref != NULL) {
		sbuf_adds(&sb, d->name ? d->name : d->ref);
		sbuf_adds(&sb, ": ");
	}
	sbuf_adds(&sb, d->msg);
	if (d->rule != NULL) {
		sbuf_adds(&sb, " [");
		sbuf_adds(&sb, d->rule);
		sbuf_adds(&sb, "]");
	}
	if (d->accepted)
		sbuf_addf(&sb, " (%s: %s)", _("accepted"),
		          d->note ? d->note : "");
	line = utf8_escape(sb.buf, "");
	sbuf_fini(&sb);
	n = strlen(line);
	line = xreallocarray(line, n + 2, 1);
	line[n] = '\n';
	line[n + 1] = '\0';
	return line;
}

/* Print the line of a finding (diag_format). No memory. */
void
diag_print(FILE *fp, const struct diag *d)
{
	char *line = diag_format(d);

	fputs(line, fp);
	free(line);
}
