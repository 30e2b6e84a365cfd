#include <config.h>
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charset.h"
#include "ed.h"
#include "replay.h"
#include "tui.h"
#include "utf8.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "docio.h"
#include "fdef.h"
#include "fsave.h"
#include "i18n.h"
#include "paths.h"
#include "sbuf.h"
#include "session.h"
#include "xalloc.h"

enum {
	CLI_OK = 0,
	CLI_FINDINGS = 1,
	CLI_BAD = 2,
};

enum {
	OPT_FORM_VERSION = 256,
	OPT_FORM_FILE,
	OPT_BATCH,
	OPT_FORMAT,
	OPT_HELP,
	OPT_VERSION,
	OPT_REPLAY,
	OPT_SIZE,
	OPT_DUMP,
};

struct cli {
	const char *form_file;
	const char *form_version;
	struct fdef *fd;
	bool batch;
	const char *format;
	const char *replay;
	const char *size;
	const char *dump;
};

/* Print diagnostics to standard error in the locale's charset. */
static void
cli_print_diags(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		char *line;
		size_t len;
		FILE *mem = open_memstream(&line, &len);

		diag_print(mem, &dl->v[i]);
		fclose(mem);
		charset_fputs(stderr, line);
		free(line);
	}
}

/* Print an error message naming the program. */
static void cli_error(const char *fmt, ...)
        __attribute__((format(printf, 1, 2)));

/* Print an error message naming the program. */
static void
cli_error(const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sbuf_init(&sb);
	sbuf_adds(&sb, "hyoka: ");
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	sbuf_addc(&sb, '\n');
	charset_fputs(stderr, sb.buf);
	sbuf_fini(&sb);
}

/* Load the form definition named by options or the default one. */
static bool
cli_load_form(struct cli *c)
{
	struct diag_list dl;
	char *path = c->form_file
	                     ? xstrdup(c->form_file)
	                     : xasprintf("%s/jyuten.yaml", paths_forms_dir());

	diag_list_init(&dl);
	c->fd = fdef_load(path, &dl);
	if (c->fd == NULL) {
		cli_print_diags(&dl);
		if (c->form_file != NULL)
			cli_error(
			        _("the form definition %s could not be loaded; "
			          "correct the problem above"),
			        path);
		else
			cli_error(
			        _("the form definition %s could not be loaded; "
			          "reinstall hyoka or set HYOKA_FORMS_DIR"),
			        path);
	}
	diag_list_fini(&dl);
	free(path);
	return c->fd != NULL;
}

/* Pick the form version for a new document or for `fields`. */
static bool
cli_version(struct cli *c, size_t *version)
{
	int v;

	if (c->form_version == NULL) {
		*version = c->fd->default_version;
		return true;
	}
	v = fdef_version_find(c->fd, c->form_version);
	if (v < 0) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t i = 0; i < c->fd->nversions; i++)
			sbuf_addf(&sb, "\n  %s  %s (%s)", c->fd->versions[i].id,
			          c->fd->versions[i].label,
			          c->fd->versions[i].description
			                  ? c->fd->versions[i].description
			                  : "");
		cli_error(_("unknown form version \"%s\"; the versions are:%s"),
		          c->form_version, sb.buf);
		sbuf_fini(&sb);
		return false;
	}
	*version = (size_t)v;
	return true;
}

/* Load a document, printing diagnostics on failure. Caller frees. */
static struct doc *
cli_load_doc(struct cli *c, const char *file)
{
	struct diag_list dl;
	struct doc *d;

	diag_list_init(&dl);
	d = docio_load_file(c->fd, file, &dl);
	if (d == NULL) {
		cli_print_diags(&dl);
		if (access(file, F_OK) != 0)
			cli_error(_("%s does not exist; create it with `hyoka "
			            "new %s`"),
			          file, file);
		else
			cli_error(_("%s was not changed; correct the problem "
			            "above "
			            "and try again"),
			          file);
	}
	diag_list_fini(&dl);
	return d;
}

/* Save a document atomically; false with a message on failure. */
static bool
cli_save(const struct doc *d, const char *file, enum fsave_mode mode)
{
	size_t len;
	char *buf = docio_emit(d, &len), *err = NULL;
	bool ok = buf != NULL && fsave_write(file, buf, len, mode, &err);

	if (buf == NULL)
		cli_error(_("%s: the document could not be written as YAML; "
		            "nothing was saved"),
		          file);
	else if (!ok) {
		cli_error("%s", err);
		free(err);
	}
	free(buf);
	return ok;
}

/* Refuse to write a file another editor has open; true when it is free. */
static bool
cli_check_lock(const char *file)
{
	struct session_owner o;

	if (!session_locked_by_other(file, &o))
		return true;
	cli_error(_("%s is being edited by %s on %s (since %s); nothing was "
	            "changed. Try again when that editor is closed"),
	          file, o.user, o.host, o.since);
	return false;
}

/* hyoka new FILE: create an empty assessment. */
static int
cli_new(struct cli *c, int argc, char **argv)
{
	size_t version;
	struct doc *d;
	int rc = CLI_OK;

	if (argc != 1) {
		cli_error(_("usage: hyoka new FILE [--form-version V]"));
		return CLI_BAD;
	}
	if (!cli_version(c, &version))
		return CLI_BAD;
	d = doc_new_blank(c->fd, version);
	if (!cli_save(d, argv[0], FSAVE_CREATE))
		rc = CLI_BAD;
	else
		charset_printf(stdout,
		               _("created %s (form version %s); open it with "
		                 "`hyoka %s`\n"),
		               argv[0], c->fd->versions[version].id, argv[0]);
	doc_free(&d);
	return rc;
}

/* hyoka fields: one line per item, PATH TAB REF TAB TYPE TAB LABEL. */
static int
cli_fields(struct cli *c, int argc)
{
	size_t version;

	if (argc != 0) {
		cli_error(_("usage: hyoka fields [--form-version V]"));
		return CLI_BAD;
	}
	if (!cli_version(c, &version))
		return CLI_BAD;
	for (size_t i = 0; i < c->fd->nall; i++) {
		const struct fdef_node *n = c->fd->all[i];

		if (n->kind != FDEF_ITEM || !fdef_in_version(n, version))
			continue;
		charset_printf(stdout, "%s\t%s\t%s\t%s\n", n->path, n->ref,
		               fdef_type_name(n->type), n->label);
	}
	return CLI_OK;
}

/* hyoka get FILE PATH: print one value. */
static int
cli_get(struct cli *c, int argc, char **argv)
{
	struct doc_ptr p;
	struct doc *d;
	char *err = NULL, *s;

	if (argc != 2) {
		cli_error(_("usage: hyoka get FILE PATH"));
		return CLI_BAD;
	}
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	if (!doc_resolve(d, argv[1], false, &p, &err)) {
		struct doc *probe = doc_new(c->fd, d->version);
		char *err2 = NULL;
		/* A valid path into an entry not created yet reads as empty. */
		bool absent = doc_resolve(probe, argv[1], true, &p, &err2);

		if (absent && p.node->type == FT_FLAG)
			charset_fputs(stdout, "false\n");
		else if (!absent)
			cli_error("%s", err);
		free(err);
		free(err2);
		doc_free(&probe);
		doc_free(&d);
		return absent ? CLI_OK : CLI_BAD;
	}
	s = doc_format_value(p.node, &doc_slot(p.g, p.node)->val);
	if (s[0] != '\0' || p.node->type == FT_FLAG) {
		charset_fputs(stdout, s);
		charset_fputs(stdout, "\n");
	}
	free(s);
	doc_free(&d);
	return CLI_OK;
}

/* Decode the \n, \t and \\ escapes of a batch value in place. */
static bool
cli_unescape(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		r++;
		if (*r == 'n')
			*w++ = '\n';
		else if (*r == 't')
			*w++ = '\t';
		else if (*r == '\\')
			*w++ = '\\';
		else
			return false;
	}
	*w = '\0';
	return true;
}

/* Apply one PATH=VALUE assignment; false with *err on failure. */
static bool
cli_assign(struct doc *d, const char *path, const char *value, char **err)
{
	struct doc_ptr p;
	struct doc_value v;

	if (!doc_resolve(d, path, true, &p, err))
		return false;
	if (!doc_parse_input(d, p.node, value, &v, err))
		return false;
	doc_set(d, &p, &v);
	return true;
}

/* Read a whole stream into a string; caller frees. */
static char *
cli_slurp(FILE *fp)
{
	struct sbuf sb;
	char buf[65536];
	size_t n;

	sbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&sb, buf, n);
	return sbuf_detach(&sb);
}

/* Apply a batch of PATH<TAB>VALUE lines; all or nothing. */
static int
cli_set_batch(struct doc *d, const char *file, const char *list)
{
	FILE *fp = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	const char *name =
	        strcmp(list, "-") == 0 ? _("(standard input)") : list;
	char *raw, *text;
	int lineno = 0, bad = 0;

	if (fp == NULL) {
		cli_error(_("cannot read the batch list %s: %s"), list,
		          strerror(errno));
		return CLI_BAD;
	}
	raw = cli_slurp(fp);
	if (fp != stdin)
		fclose(fp);
	text = charset_to_utf8(raw);
	free(raw);
	if (text == NULL) {
		cli_error(_("%s is not valid text in the charset %s"), name,
		          charset_name());
		return CLI_BAD;
	}
	for (char *line = text, *next; line != NULL && *line; line = next) {
		char *tab, *err = NULL;
		size_t len;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0)
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL) {
			cli_error(_("%s:%d: expected PATH<TAB>VALUE"), name,
			          lineno);
			bad++;
			continue;
		}
		*tab = '\0';
		if (!cli_unescape(tab + 1)) {
			cli_error(_("%s:%d: unknown escape; only \\n, \\t and "
			            "\\\\ "
			            "are allowed"),
			          name, lineno);
			bad++;
			continue;
		}
		if (!cli_assign(d, line, tab + 1, &err)) {
			cli_error("%s:%d: %s", name, lineno, err);
			free(err);
			bad++;
		}
	}
	free(text);
	if (bad > 0) {
		cli_error(_("%d line(s) of the batch are wrong; nothing was "
		            "written "
		            "to %s"),
		          bad, file);
		return CLI_BAD;
	}
	return CLI_OK;
}

/* hyoka set FILE PATH VALUE | hyoka set FILE --batch [LIST|-]. */
static int
cli_set(struct cli *c, int argc, char **argv)
{
	struct doc *d;
	int rc = CLI_OK;

	if ((!c->batch && argc != 3) || (c->batch && (argc < 1 || argc > 2))) {
		cli_error(_("usage: hyoka set FILE PATH VALUE\n"
		            "       hyoka set FILE --batch [LIST|-]"));
		return CLI_BAD;
	}
	if (!cli_check_lock(argv[0]))
		return CLI_BAD;
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	if (c->batch) {
		rc = cli_set_batch(d, argv[0], argc == 2 ? argv[1] : "-");
	} else {
		char *err = NULL;

		if (!cli_assign(d, argv[1], argv[2], &err)) {
			cli_error("%s", err);
			cli_error(_("%s was not changed"), argv[0]);
			free(err);
			rc = CLI_BAD;
		}
	}
	if (rc == CLI_OK) {
		check_prune_accepts(d);
		if (!cli_save(d, argv[0], FSAVE_REPLACE))
			rc = CLI_BAD;
	}
	doc_free(&d);
	return rc;
}

/* hyoka accept FILE TARGET RULE REASON: accept a warning with a reason.
 * TARGET is the item's path or its reference as `check` prints it. */
static int
cli_accept(struct cli *c, int argc, char **argv)
{
	struct diag_list dl;
	struct doc *d;
	const struct diag *hit = NULL;
	bool error_hit = false;
	int rc = CLI_OK;

	if (argc != 4 || argv[3][0] == '\0') {
		cli_error(_("usage: hyoka accept FILE PATH|REF RULE REASON"));
		return CLI_BAD;
	}
	if (!cli_check_lock(argv[0]))
		return CLI_BAD;
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	diag_list_init(&dl);
	check_doc(d, argv[0], &dl);
	for (size_t i = 0; i < dl.n; i++) {
		const struct diag *dg = &dl.v[i];

		if (dg->rule == NULL || strcmp(dg->rule, argv[2]) != 0 ||
		    !((dg->path && strcmp(dg->path, argv[1]) == 0) ||
		      (dg->ref && strcmp(dg->ref, argv[1]) == 0)))
			continue;
		if (dg->sev == DIAG_ERROR)
			error_hit = true;
		else
			hit = dg;
	}
	if (hit == NULL) {
		cli_error(error_hit ? _("%s [%s] is an error; errors cannot be "
		                        "accepted, only corrected")
		                    : _("there is no warning %2$s at %1$s; see "
		                        "`hyoka check`"),
		          argv[1], argv[2]);
		rc = CLI_BAD;
	} else {
		struct doc_ptr p;
		char *err = NULL;

		if (!doc_resolve(d, hit->path, false, &p, &err)) {
			cli_error("%s", err);
			free(err);
			rc = CLI_BAD;
		} else {
			doc_accept_add(p.g, hit->rule, p.node->key, argv[3],
			               hit->values);
			check_prune_accepts(d);
			if (!cli_save(d, argv[0], FSAVE_REPLACE))
				rc = CLI_BAD;
		}
	}
	diag_list_fini(&dl);
	doc_free(&d);
	return rc;
}

/* Append the references of the items a condition reads to sb. */
static void
cli_add_ref(void *arg, const struct fdef_node *n)
{
	struct sbuf *sb = arg;
	char *needle = xasprintf("%s,", n->ref);
	char *hay = xasprintf("%s,", sb->buf);

	if (strstr(hay, needle) == NULL)
		sbuf_addf(sb, "%s%s", sb->len ? "," : "", n->ref);
	free(needle);
	free(hay);
}

/* Print one line of `hyoka rules`. */
static void
cli_rule_line(const char *id, const char *sev, const char *reads,
              const char *statement)
{
	char *flat = xstrdup(statement ? statement : "");

	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	charset_printf(stdout, "%s\t%s\t%s\t%s\n", id, sev, reads, flat);
	free(flat);
}

/* hyoka rules: every rule with its id, severity, the items it reads and
 * what it says, ID<TAB>SEVERITY<TAB>READS<TAB>STATEMENT. */
static int
cli_rules(struct cli *c, int argc)
{
	const struct fdef *fd = c->fd;

	if (argc != 0) {
		cli_error(_("usage: hyoka rules"));
		return CLI_BAD;
	}
	cli_rule_line(
	        "required", "error", "",
	        _("An item that is shown and required must be filled in."));
	cli_rule_line(
	        "min", "error", "",
	        _("A repeat block must have at least its minimum number of "
	          "entries (one 特定個人情報ファイル)."));
	cli_rule_line("R6", "error", "",
	              _("An exclusive checkbox (such as 行っていない) is never "
	                "checked "
	                "together with the others."));
	cli_rule_line(
	        "hidden", "warning", "",
	        _("An item hidden by an answer (its condition) should not keep "
	          "text; the text is kept so that nothing is lost, and the "
	          "warning names the answer that hides it."));
	/* Conditions of items, merged by the catalog rule they implement. */
	for (size_t i = 0; i < fd->nall; i++) {
		const struct fdef_node *n = fd->all[i];
		struct sbuf reads;
		bool seen = false;

		if (n->rule == NULL || (n->show == NULL && n->required == NULL))
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = fd->all[k]->rule != NULL &&
			       strcmp(fd->all[k]->rule, n->rule) == 0;
		for (size_t k = 0; k < fd->nchecks && !seen; k++)
			seen = strcmp(fd->checks[k].id, n->rule) == 0;
		if (seen)
			continue;
		sbuf_init(&reads);
		for (size_t k = i; k < fd->nall; k++) {
			const struct fdef_node *m = fd->all[k];

			if (m->rule == NULL || strcmp(m->rule, n->rule) != 0)
				continue;
			cond_reads(m->show, cli_add_ref, &reads);
			cond_reads(m->required, cli_add_ref, &reads);
		}
		cli_rule_line(n->rule, "error", reads.buf,
		              n->show_reason ? n->show_reason
		                             : n->required_reason);
		sbuf_fini(&reads);
	}
	for (size_t i = 0; i < fd->nchecks; i++) {
		const struct fdef_check *k = &fd->checks[i];
		struct sbuf reads;

		sbuf_init(&reads);
		for (size_t r = 0; r < k->nreads; r++)
			cli_add_ref(&reads, k->reads[r]);
		cli_rule_line(k->id, diag_sev_name(k->sev), reads.buf,
		              k->statement ? k->statement : k->message);
		sbuf_fini(&reads);
	}
	return CLI_OK;
}

/* Print one finding in tab-separated form for scripts. */
static void
cli_print_tsv(const struct diag *dg)
{
	char *msg = dg->accepted
	                    ? xasprintf("%s (%s: %s)", dg->msg, _("accepted"),
	                                dg->note ? dg->note : "")
	                    : xstrdup(dg->msg);

	/* One finding, one line: no tab or line break inside a field. */
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	charset_printf(stdout, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n",
	               dg->file ? dg->file : "", dg->line, dg->col,
	               diag_sev_name(dg->sev), dg->ref ? dg->ref : "",
	               dg->rule ? dg->rule : "", msg);
	free(msg);
}

/* hyoka check FILE...: report findings; 0 clean, 1 errors, 2 unreadable. */
static int
cli_check(struct cli *c, int argc, char **argv)
{
	int rc = CLI_OK;
	bool tsv = c->format != NULL && strcmp(c->format, "tsv") == 0;

	if (argc < 1) {
		cli_error(_("usage: hyoka check [--format=text|tsv] FILE..."));
		return CLI_BAD;
	}
	if (c->format != NULL && !tsv && strcmp(c->format, "text") != 0) {
		cli_error(_("unknown format \"%s\"; use text or tsv"),
		          c->format);
		return CLI_BAD;
	}
	for (int i = 0; i < argc; i++) {
		struct diag_list dl;
		struct doc *d;

		diag_list_init(&dl);
		d = docio_load_file(c->fd, argv[i], &dl);
		if (d == NULL) {
			cli_print_diags(&dl);
			diag_list_fini(&dl);
			rc = CLI_BAD;
			continue;
		}
		check_doc(d, argv[i], &dl);
		for (size_t k = 0; k < dl.n; k++) {
			if (tsv) {
				cli_print_tsv(&dl.v[k]);
			} else {
				char *line;
				size_t len;
				FILE *mem = open_memstream(&line, &len);

				diag_print(mem, &dl.v[k]);
				fclose(mem);
				charset_fputs(stdout, line);
				free(line);
			}
		}
		if (diag_count(&dl, DIAG_ERROR) > 0 && rc == CLI_OK)
			rc = CLI_FINDINGS;
		diag_list_fini(&dl);
		doc_free(&d);
	}
	return rc;
}

/* qsort comparison of strings. */
static int
cli_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect "path<TAB>value" lines for every non-empty item of g. */
static void
cli_collect(const struct doc_group *g, struct sbuf *out)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_GROUP) {
			cli_collect(s->grp, out);
		} else if (n->kind == FDEF_REPEAT) {
			for (size_t j = 0; j < s->ninst; j++)
				cli_collect(s->inst[j], out);
		} else if (!doc_value_empty(&s->val)) {
			char *p = doc_path_of(g, n);
			char *v = doc_format_value(n, &s->val);

			for (char *q = v; *q; q++)
				if (*q == '\n' || *q == '\t')
					*q = ' ';
			sbuf_addf(out, "%s\t%s\n", p, v);
			free(p);
			free(v);
		}
	}
}

/* Split text into its lines, sorted; caller frees the array and text. */
static char **
cli_sorted_lines(char *text, size_t *n)
{
	char **v = NULL, *save = NULL;

	*n = 0;
	for (char *l = strtok_r(text, "\n", &save); l != NULL;
	     l = strtok_r(NULL, "\n", &save)) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = l;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, cli_cmp_str);
	return v;
}

/* Print the paths of the items that differ between an old and a new
 * document (at most max of them); returns how many differ. */
static size_t
cli_print_diff(const struct doc *a, const struct doc *b, size_t max)
{
	struct sbuf sa, sb;
	char **la, **lb;
	size_t na, nb, i = 0, j = 0, n = 0;

	sbuf_init(&sa);
	sbuf_init(&sb);
	cli_collect(a->root, &sa);
	cli_collect(b->root, &sb);
	la = cli_sorted_lines(sa.buf, &na);
	lb = cli_sorted_lines(sb.buf, &nb);
	while (i < na || j < nb) {
		size_t pa = i < na ? strcspn(la[i], "\t") : 0;
		size_t pb = j < nb ? strcspn(lb[j], "\t") : 0;
		int c = i >= na   ? 1
		        : j >= nb ? -1
		                  : strncmp(la[i], lb[j], pa < pb ? pb : pa);
		const char *path = c <= 0 ? la[i] : lb[j];
		size_t plen = c <= 0 ? pa : pb;

		if (c == 0 && strcmp(la[i], lb[j]) == 0) {
			i++;
			j++;
			continue;
		}
		if (n < max)
			charset_printf(stderr, "  %.*s\n", (int)plen, path);
		n++;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	if (n > max)
		charset_printf(stderr, _("  ... and %zu more\n"), n - max);
	free(la);
	free(lb);
	sbuf_fini(&sa);
	sbuf_fini(&sb);
	return n;
}

/* Load the recovery file of a document; NULL with messages. */
static struct doc *
cli_load_recovery(struct cli *c, const char *file)
{
	char *path = session_recover_path(file);
	struct diag_list dl;
	struct doc *r;

	diag_list_init(&dl);
	r = docio_load_file(c->fd, path, &dl);
	if (r == NULL) {
		cli_print_diags(&dl);
		cli_error(_("the recovery file %s could not be read"), path);
	}
	diag_list_fini(&dl);
	free(path);
	return r;
}

/* hyoka recover FILE: apply the recovery file without the editor. */
static int
cli_recover(struct cli *c, int argc, char **argv)
{
	struct doc *d, *r;
	size_t n;
	int rc = CLI_OK;

	if (argc != 1) {
		cli_error(_("usage: hyoka recover FILE"));
		return CLI_BAD;
	}
	if (!cli_check_lock(argv[0]))
		return CLI_BAD;
	{
		char *path = session_recover_path(argv[0]);
		bool have = access(path, F_OK) == 0;

		free(path);
		if (!have) {
			cli_error(_("there is nothing to recover for %s"),
			          argv[0]);
			return CLI_BAD;
		}
	}
	d = access(argv[0], F_OK) == 0 ? cli_load_doc(c, argv[0]) : NULL;
	r = cli_load_recovery(c, argv[0]);
	if (r == NULL) {
		doc_free(&d);
		return CLI_BAD;
	}
	charset_printf(stderr,
	               _("restoring %s from its recovery file; these "
	                 "items change:\n"),
	               argv[0]);
	n = d ? cli_print_diff(d, r, 50) : 0;
	if (d != NULL && n == 0)
		charset_printf(stderr, "%s\n", _("  (nothing differs)"));
	if (cli_save(r, argv[0], d ? FSAVE_REPLACE : FSAVE_CREATE))
		session_remove_recovery(argv[0]);
	else
		rc = CLI_BAD;
	doc_free(&d);
	doc_free(&r);
	return rc;
}

/* Ask a question on the terminal; the answer's first letter, or 0. */
static int
cli_ask(const char *question)
{
	char line[16];

	charset_fputs(stderr, question);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0];
}

/* Ask on the terminal whether to create a missing file. */
static bool
cli_ask_create(const char *file)
{
	char line[16];

	if (!isatty(STDIN_FILENO))
		return false;
	charset_printf(stderr,
	               _("%s does not exist. Create a new assessment "
	                 "there? [y/N] "),
	               file);
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/* Read a whole file into a string; NULL with a message. Caller frees. */
static char *
cli_read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *s;

	if (fp == NULL) {
		cli_error(_("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	s = cli_slurp(fp);
	fclose(fp);
	return s;
}

/* Parse --size COLSxROWS. */
static bool
cli_parse_size(const char *s, int *cols, int *rows)
{
	char *end;
	long c = strtol(s, &end, 10), r;

	if (*end != 'x')
		return false;
	r = strtol(end + 1, &end, 10);
	if (*end != '\0' || c < 20 || c > 1000 || r < 5 || r > 1000)
		return false;
	*cols = (int)c;
	*rows = (int)r;
	return true;
}

/* Run key replay on the editor and write the final screen. */
static int
cli_replay(struct cli *c, struct ed *e)
{
	struct diag_list dl;
	uint32_t *keys = NULL;
	size_t nkeys = 0;
	int cols = 80, rows = 24, rc = CLI_OK;
	char *text, *screen;

	if (c->size != NULL && !cli_parse_size(c->size, &cols, &rows)) {
		cli_error(_("--size must be COLSxROWS such as 80x24 (got "
		            "\"%s\")"),
		          c->size);
		return CLI_BAD;
	}
	text = cli_read_text(c->replay);
	if (text == NULL)
		return CLI_BAD;
	diag_list_init(&dl);
	if (!replay_parse(c->replay, text, &keys, &nkeys, &dl)) {
		cli_print_diags(&dl);
		diag_list_fini(&dl);
		free(text);
		return CLI_BAD;
	}
	diag_list_fini(&dl);
	free(text);
	screen = replay_run(e, keys, nkeys, cols, rows);
	if (c->dump != NULL) {
		FILE *fp = fopen(c->dump, "w");

		if (fp == NULL || fputs(screen, fp) < 0 || fclose(fp) != 0) {
			cli_error(_("cannot write %s: %s"), c->dump,
			          strerror(errno));
			rc = CLI_BAD;
		}
	}
	free(screen);
	free(keys);
	return rc;
}

/* Run an external editor from key replay without a terminal (only when
 * VISUAL or EDITOR is set). */
static bool
cli_replay_editor(void *ctx, const char *path)
{
	(void)ctx;
	return ed_spawn_editor(path, NULL);
}

/* hyoka FILE: open the editor (or run key replay on it). */
static int
cli_edit(struct cli *c, const char *file)
{
	struct doc *d, *restored = NULL;
	struct ed *e;
	bool readonly = false;
	int rc;

	if (access(file, F_OK) != 0) {
		size_t version = c->fd->default_version;

		if (c->replay == NULL && !cli_ask_create(file)) {
			cli_error(_("%s does not exist; create it with `hyoka "
			            "new %s`"),
			          file, file);
			return CLI_BAD;
		}
		if (!cli_version(c, &version))
			return CLI_BAD;
		d = doc_new_blank(c->fd, version);
		if (!cli_save(d, file, FSAVE_CREATE)) {
			doc_free(&d);
			return CLI_BAD;
		}
		doc_free(&d);
	}
	d = cli_load_doc(c, file);
	if (d == NULL)
		return CLI_BAD;
	{
		struct session_owner o;
		enum session_lock l = session_lock(file, false, &o);
		bool interactive = c->replay == NULL && isatty(STDIN_FILENO);

		if (l == SESSION_STALE) {
			char *q =
			        xasprintf(_("%s was being edited by %s on %s "
			                    "(process %ld, "
			                    "since %s), which has ended "
			                    "without closing it. "
			                    "Take over? [Y/n] "),
			                  file, o.user, o.host, o.pid, o.since);
			int a = interactive ? cli_ask(q) : 'y';

			free(q);
			if (a == 'n' || a == 'N') {
				doc_free(&d);
				return CLI_BAD;
			}
			l = session_lock(file, true, &o);
		}
		if (l == SESSION_HELD) {
			char *q =
			        xasprintf(_("%s is being edited by %s on %s "
			                    "(process %ld, "
			                    "since %s).\n  r: open read-only  "
			                    "t: take over "
			                    "(only if that editor is really "
			                    "closed)  q: quit "
			                    "[r/t/Q] "),
			                  file, o.user, o.host, o.pid, o.since);
			int a = interactive ? cli_ask(q) : 'r';

			free(q);
			if (a == 't' || a == 'T') {
				session_lock(file, true, &o);
			} else if (a != 'r' && a != 'R') {
				doc_free(&d);
				return CLI_BAD;
			} else {
				readonly = true;
			}
		}
	}
	if (!readonly && c->replay == NULL && !session_has_recovery(file)) {
		/* A recovery file older than the document (the document was
		 * changed since, e.g. by hyoka set): never delete it unasked.
		 */
		char *path = session_recover_path(file);

		if (access(path, F_OK) == 0) {
			char *old = xasprintf("%s.old", path);

			if (rename(path, old) == 0)
				charset_printf(
				        stderr,
				        _("an older recovery file was kept "
				          "as %s\n"),
				        old);
			free(old);
		}
		free(path);
	}
	if (!readonly && c->replay == NULL && session_has_recovery(file)) {
		struct doc *r = cli_load_recovery(c, file);

		if (r != NULL) {
			int a;

			charset_printf(
			        stderr,
			        _("%s has unsaved changes from an editor that "
			          "did "
			          "not close (recovery file). They change:\n"),
			        file);
			cli_print_diff(d, r, 20);
			a = isatty(STDIN_FILENO)
			            ? cli_ask(_("Restore them? [Y/n] "))
			            : 'n';
			if (a != 'n' && a != 'N') {
				restored = r;
			} else {
				char *path = session_recover_path(file);
				char *old = xasprintf("%s.old", path);

				rename(path, old);
				charset_printf(
				        stderr,
				        _("kept the recovery file as %s\n"),
				        old);
				free(path);
				free(old);
				doc_free(&r);
			}
		}
	}
	e = ed_new(c->fd, restored ? restored : d, file);
	e->readonly = readonly;
	if (restored != NULL) {
		/* Unsaved until the user saves: mark the editor modified. */
		e->saved_pos = (size_t)-1;
		ed_message(
		        e, false, "%s",
		        _("restored the unsaved changes; Ctrl-S saves them"));
	}
	if (readonly)
		ed_message(e, true, "%s",
		           _("read-only: another editor has this file open"));
	if (c->replay != NULL) {
		e->host.run_editor = cli_replay_editor;
		rc = cli_replay(c, e);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the editor needs a terminal; use the commands "
		            "(hyoka --help) in scripts"));
		rc = CLI_BAD;
	} else {
		rc = tui_run(e);
		/* A clean quit (saved, or changes thrown away on purpose). */
		if (!readonly)
			session_remove_recovery(file);
	}
	if (!readonly)
		session_unlock(file);
	ed_free(&e);
	doc_free(&d);
	doc_free(&restored);
	return rc;
}

/* Print the usage text. */
static void
cli_usage(void)
{
	charset_fputs(
	        stdout,
	        _("Usage: hyoka FILE\n"
	          "       hyoka COMMAND [OPTION]... [ARGUMENT]...\n"
	          "       hyoka --replay KEYS [--size COLSxROWS] [--dump "
	          "SCREEN] FILE\n"
	          "\n"
	          "Write and check a 特定個人情報保護評価書(重点項目評価書).\n"
	          "\n"
	          "Commands:\n"
	          "  new FILE              create an empty assessment (never "
	          "overwrites)\n"
	          "  fields                list every item: PATH, REF, TYPE, "
	          "LABEL\n"
	          "  get FILE PATH         print one value\n"
	          "  set FILE PATH VALUE   change one value\n"
	          "  set FILE --batch [LIST|-]\n"
	          "                        change many values from "
	          "PATH<TAB>VALUE lines;\n"
	          "                        all or nothing\n"
	          "  check FILE...         report missing answers and "
	          "contradictions\n"
	          "  rules                 list every rule: ID, SEVERITY, "
	          "READS, STATEMENT\n"
	          "  accept FILE PATH|REF RULE REASON\n"
	          "                        accept a warning with a reason\n"
	          "  recover FILE          restore the unsaved changes of an "
	          "editor that\n"
	          "                        did not close (connection lost, "
	          "crash)\n"
	          "\n"
	          "Options:\n"
	          "  --form-version=V      form version for new and fields "
	          "(H30, R8)\n"
	          "  --format=text|tsv     output format of check\n"
	          "  --form-file=FILE      use another form definition file\n"
	          "  --help                show this help and exit\n"
	          "  --version             show the version and exit\n"
	          "\n"
	          "PATH is a path from `hyoka fields` with each * replaced by "
	          "a number,\n"
	          "for example files.1.outline.entrust.items.1.sub\n"
	          "\n"
	          "Exit status: 0 success; 1 check found errors; 2 bad input, "
	          "nothing "
	          "written.\n"
	          "See hyoka(1) and README.md for more.\n"));
}

/* Convert argv to UTF-8 in place; false when an argument is not valid. */
static bool
cli_convert_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *s = charset_to_utf8(argv[i]);

		if (s == NULL) {
			cli_error(_("argument %d is not valid text in the "
			            "charset %s"),
			          i, charset_name());
			return false;
		}
		argv[i] = s;
	}
	return true;
}

/* Parse options and run a command. */
int
cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"form-version", required_argument, NULL, OPT_FORM_VERSION},
	        {"form-file", required_argument, NULL, OPT_FORM_FILE},
	        {"batch", no_argument, NULL, OPT_BATCH},
	        {"format", required_argument, NULL, OPT_FORMAT},
	        {"help", no_argument, NULL, OPT_HELP},
	        {"version", no_argument, NULL, OPT_VERSION},
	        {"replay", required_argument, NULL, OPT_REPLAY},
	        {"size", required_argument, NULL, OPT_SIZE},
	        {"dump", required_argument, NULL, OPT_DUMP},
	        {NULL, 0, NULL, 0},
	};
	struct cli c = {NULL, NULL, NULL, false, NULL, NULL, NULL, NULL};
	const char *cmd;
	int opt, rc;

	i18n_init();
	charset_init();
	/* Over a file-size limit, a write must fail with EFBIG (and be
	 * reported) instead of killing hyoka with SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	{
		/* Terminals that draw East Asian ambiguous characters (○ ※
		 * ①) two columns wide: HYOKA_AMBIGUOUS=wide. */
		const char *amb = getenv("HYOKA_AMBIGUOUS");

		utf8_set_ambiguous_wide(amb != NULL &&
		                        strcmp(amb, "wide") == 0);
	}
	if (!cli_convert_args(argc, argv))
		return CLI_BAD;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_FORM_VERSION:
			c.form_version = optarg;
			break;
		case OPT_FORM_FILE:
			c.form_file = optarg;
			break;
		case OPT_BATCH:
			c.batch = true;
			break;
		case OPT_FORMAT:
			c.format = optarg;
			break;
		case OPT_REPLAY:
			c.replay = optarg;
			break;
		case OPT_SIZE:
			c.size = optarg;
			break;
		case OPT_DUMP:
			c.dump = optarg;
			break;
		case OPT_HELP:
			cli_usage();
			return CLI_OK;
		case OPT_VERSION:
			charset_printf(stdout, "hyoka %s\n", PACKAGE_VERSION);
			return CLI_OK;
		default:
			cli_error(
			        _("unknown option \"%s\"; see `hyoka --help`"),
			        argv[optind - 1]);
			return CLI_BAD;
		}
	}
	if (optind >= argc) {
		cli_usage();
		return CLI_BAD;
	}
	cmd = argv[optind++];
	if (strcmp(cmd, "new") != 0 && strcmp(cmd, "fields") != 0 &&
	    strcmp(cmd, "get") != 0 && strcmp(cmd, "set") != 0 &&
	    strcmp(cmd, "check") != 0 && strcmp(cmd, "rules") != 0 &&
	    strcmp(cmd, "accept") != 0 && strcmp(cmd, "recover") != 0) {
		if (optind != argc) {
			cli_error(
			        _("unknown command \"%s\"; see `hyoka --help`"),
			        cmd);
			return CLI_BAD;
		}
		if (!cli_load_form(&c))
			return CLI_BAD;
		rc = cli_edit(&c, cmd);
		fdef_free(&c.fd);
		return rc;
	}
	if (c.replay != NULL) {
		cli_error(_("--replay is for the editor: hyoka --replay KEYS "
		            "FILE"));
		return CLI_BAD;
	}
	if (!cli_load_form(&c))
		return CLI_BAD;
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "new") == 0)
		rc = cli_new(&c, argc, argv);
	else if (strcmp(cmd, "fields") == 0)
		rc = cli_fields(&c, argc);
	else if (strcmp(cmd, "get") == 0)
		rc = cli_get(&c, argc, argv);
	else if (strcmp(cmd, "set") == 0)
		rc = cli_set(&c, argc, argv);
	else if (strcmp(cmd, "rules") == 0)
		rc = cli_rules(&c, argc);
	else if (strcmp(cmd, "accept") == 0)
		rc = cli_accept(&c, argc, argv);
	else if (strcmp(cmd, "recover") == 0)
		rc = cli_recover(&c, argc, argv);
	else
		rc = cli_check(&c, argc, argv);
	fdef_free(&c.fd);
	return rc;
}
