#include <config.h>
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charset.h"
#include "check.h"
#include "fsave.h"
#include "i18n.h"
#include "name.h"
#include "sbuf.h"
#include "xalloc.h"
#include "xport-csv.h"
#include "xport-html.h"
#include "xport-text.h"
#include "xport-xlsx.h"
#include "xport.h"

static const char *const export_names[] = {
        [EXPORT_HTML] = "html",
        [EXPORT_XLSX] = "xlsx",
        [EXPORT_TEXT] = "text",
        [EXPORT_CSV] = "csv",
};

static const char *const export_exts[] = {
        [EXPORT_HTML] = ".html",
        [EXPORT_XLSX] = ".xlsx",
        [EXPORT_TEXT] = ".txt",
        [EXPORT_CSV] = ".csv",
};

/* Read a format name (html, xlsx, text, csv); false when unknown. */
bool
export_format_parse(const char *s, enum export_format *f)
{
	for (size_t i = 0; i < sizeof export_names / sizeof export_names[0];
	     i++)
		if (strcmp(s, export_names[i]) == 0) {
			*f = (enum export_format)i;
			return true;
		}
	return false;
}

/* The file name extension of a format (.html ...). Static string. */
const char *
export_extension(enum export_format f)
{
	return export_exts[f];
}

/* The default output next to the document: its name with the format's
 * extension instead of .yaml or .yml. Caller frees. */
char *
export_default_out(const char *file, enum export_format f)
{
	size_t n = strlen(file);
	const char *slash = strrchr(file, '/');
	const char *dot = strrchr(file, '.');

	if (dot != NULL && (slash == NULL || dot > slash + 1) &&
	    (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		n = (size_t)(dot - file);
	return xasprintf("%.*s%s", (int)n, file, export_exts[f]);
}

/* Record an encoding issue of an item (its name copied, may be NULL). */
static void
export_issue(struct export_result *r, const char *name,
             const struct charset_issue *ci)
{
	struct export_issue *i;

	/* Doubling: a text of 100,000 characters without a code costs
	 * linear time. */
	if ((r->nissues & (r->nissues - 1)) == 0)
		r->issues = xreallocarray(r->issues,
		                          r->nissues ? r->nissues * 2 : 1,
		                          sizeof *r->issues);
	i = &r->issues[r->nissues++];
	i->name = name ? xstrdup(name) : NULL;
	i->cp = ci->cp;
	i->becomes = ci->becomes;
	if (ci->becomes == 0)
		r->nlost++;
}

/* Check one value of an item against the encoding; record its issues,
 * with the item's name for people (who), or else its reference and label
 * (a table's cell). */
static void
export_scan(struct charset_enc *e, struct export_result *r,
            const struct xport_who *who, const char *ref, const char *label,
            const char *s)
{
	struct charset_issue *ci;
	size_t n, len;
	char *out, *name = NULL;

	if (s == NULL || *s == '\0')
		return;
	out = charset_enc_run(e, s, strlen(s), &len, &ci, &n);
	if (n > 0)
		name = who->node != NULL ? name_item(who->g, who->node)
		       : ref != NULL && label != NULL
		               ? xasprintf("%s %s", ref, label)
		               : NULL;
	for (size_t i = 0; i < n; i++)
		export_issue(r, name, &ci[i]);
	free(name);
	free(ci);
	free(out);
}

/* Check every value of the layout against the encoding, so that each
 * character it lacks is reported with its item. */
static void
export_scan_layout(struct charset_enc *e, const struct xport *x,
                   struct export_result *r)
{
	for (size_t i = 0; i < x->nparts; i++)
		for (size_t j = 0; j < x->parts[i].nrows; j++) {
			const struct xport_row *row = &x->parts[i].rows[j];

			for (size_t k = 0; k < row->ncells; k++) {
				const struct xport_cell *c = &row->cells[k];

				if (c->ref == NULL)
					continue;
				export_scan(e, r, &c->who, c->ref, c->label,
				            c->text);
				for (size_t m = 0; m < c->nmarks; m++)
					export_scan(e, r, &c->marks[m].xwho,
					            c->marks[m].ref,
					            c->marks[m].xlabel,
					            c->marks[m].extra);
				if (c->has_count)
					export_scan(e, r, &c->count_who,
					            c->count_ref,
					            c->count_label, c->count);
			}
		}
}

/* The draft's footer: 未記入 items and the findings of `hyoka check`.
 * Caller frees. */
static char *
export_footer(const struct doc *d)
{
	struct diag_list dl;
	size_t missing = 0, errors = 0, warnings = 0;
	char *s;

	diag_list_init(&dl);
	check_doc(d, NULL, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		const struct diag *g = &dl.v[i];

		if (g->rule != NULL && strcmp(g->rule, "required") == 0)
			missing++;
		else if (g->sev == DIAG_ERROR)
			errors++;
		else if (g->sev == DIAG_WARNING && !g->accepted)
			warnings++;
	}
	diag_list_fini(&dl);
	s = xasprintf(_("Draft: %zu items not filled in, %zu other errors and "
	                "%zu warnings (hyoka check)"),
	              missing, errors, warnings);
	return s;
}

/* Put LF line ends as CRLF. Caller frees. */
static char *
export_crlf(const char *s, size_t n, size_t *len)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			sbuf_addc(&sb, '\r');
		sbuf_addc(&sb, s[i]);
	}
	*len = sb.len;
	return sbuf_detach(&sb);
}

/* Turn the rendered UTF-8 text into the chosen encoding, with the BOM
 * when asked; false when a character has no code and lossy is off. */
static bool
export_encode(const struct export_opts *o, const struct xport *x,
              struct export_result *r)
{
	const char *canon =
	        o->encoding ? charset_canonical(o->encoding) : "UTF-8";
	struct charset_enc *e;
	struct charset_issue *ci;
	size_t n, len;
	char *out;

	if (strcmp(canon, "UTF-8") == 0) {
		if (o->bom || o->format == EXPORT_CSV) {
			out = xasprintf("\xef\xbb\xbf%.*s", (int)r->len,
			                r->buf);
			free(r->buf);
			r->buf = out;
			r->len += 3;
		}
		return true;
	}
	e = charset_enc_new(canon);
	if (e == NULL) {
		r->err = xasprintf(_("this system cannot convert text to %s "
		                     "(iconv); export in UTF-8"),
		                   canon);
		return false;
	}
	export_scan_layout(e, x, r);
	out = charset_enc_run(e, r->buf, r->len, &len, &ci, &n);
	if (r->nlost == 0)
		for (size_t i = 0; i < n; i++)
			if (ci[i].becomes == 0)
				export_issue(r, NULL, &ci[i]);
	free(ci);
	charset_enc_free(&e);
	free(r->buf);
	r->buf = out;
	r->len = len;
	if (r->nlost > 0 && !o->lossy) {
		free(r->buf);
		r->buf = NULL;
		r->len = 0;
		return false;
	}
	return true;
}

/* Export a document into memory in the chosen format and encoding. False
 * with r->err set, or with unconvertible characters in r->issues (and no
 * bytes) when lossy is off. Release r with export_result_fini(). */
bool
export_render(const struct doc *d, const struct export_opts *o,
              struct export_result *r)
{
	char *footer = o->draft ? export_footer(d) : NULL;
	struct xport *x = xport_build(d, footer);

	memset(r, 0, sizeof *r);
	free(footer);
	if (x == NULL) {
		r->err = xasprintf(_("the form definition %s does not describe "
		                     "its printed layout (print:); it cannot "
		                     "be exported"),
		                   d->fd->file);
		return false;
	}
	switch (o->format) {
	case EXPORT_HTML:
		r->buf = xport_html(x, &r->len);
		break;
	case EXPORT_XLSX:
		r->buf = xport_xlsx(x, &r->len, &r->err);
		break;
	case EXPORT_TEXT:
		r->buf = xport_text(x, &r->len);
		if (o->crlf) {
			size_t len;
			char *s = export_crlf(r->buf, r->len, &len);

			free(r->buf);
			r->buf = s;
			r->len = len;
		}
		break;
	case EXPORT_CSV:
		r->buf = xport_csv(x, &r->len);
		break;
	}
	if (r->buf != NULL &&
	    (o->format == EXPORT_TEXT || o->format == EXPORT_CSV) &&
	    !export_encode(o, x, r)) {
		xport_free(&x);
		return false;
	}
	xport_free(&x);
	return r->buf != NULL;
}

/* Export a document to the file out: never over an existing file unless
 * force (the old one is then kept as out~; a link at out is replaced
 * itself, never followed). False with r->err or r->issues
 * when nothing was written; r->note when there is no backup, r->in_place
 * when OUT was written into instead of replaced (its owner, group or other
 * names kept). */
bool
export_write(const struct doc *d, const char *out, bool force,
             const struct export_opts *o, struct export_result *r)
{
	struct stat st;
	char *err = NULL;
	struct fsave_opts fo = {.owner = FSAVE_IN_PLACE,
	                        .note = &r->note,
	                        .in_place = &r->in_place};

	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		memset(r, 0, sizeof *r);
		r->err = xasprintf(
		        _("%s is a folder; give the name of a file in it with -o (%s/NAME)"),
		        out, out);
		return false;
	}
	if (!force && lstat(out, &st) == 0) {
		memset(r, 0, sizeof *r);
		r->err = xasprintf(_("%s already exists; nothing was written. "
		                     "Give --force to replace it, or -o to "
		                     "write another file"),
		                   out);
		return false;
	}
	if (!export_render(d, o, r))
		return false;
	if (fsave_write_opts(out, r->buf, r->len,
	                     force ? FSAVE_OUTPUT : FSAVE_CREATE, &fo,
	                     &err) != FSAVE_OK) {
		r->err = err;
		return false;
	}
	return true;
}

/* Release what an export returned. */
void
export_result_fini(struct export_result *r)
{
	free(r->buf);
	for (size_t i = 0; i < r->nissues; i++) {
		free(r->issues[i].name);
	}
	free(r->issues);
	free(r->err);
	free(r->note);
	free(r->in_place);
	memset(r, 0, sizeof *r);
}
