/* The annual review on the command line: `hyoka resolve` (what a 別添2
 * 項目 names), `hyoka changes` (the rows of a new version's 別添2 from the
 * last published one) and `hyoka new --from` (start the next version). */
#include <config.h>
#include "cli.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "resolve.h"
#include "review.h"
#include "sbuf.h"
#include "wareki.h"
#include "utf8.h"
#include "xalloc.h"

/* Copy s with tabs and line breaks made spaces, for one TSV cell. Caller
 * frees. */
static char *
cmd_review_flat(const char *s)
{
	char *f = xstrdup(s ? s : "");

	for (char *p = f; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return f;
}

/* Print text on standard output in the locale's charset; the control
 * characters of the values in it (escape sequences) as escapes, so that
 * a document cannot drive the reader's terminal. */
static void
cmd_review_out(const char *text)
{
	char *safe = utf8_escape(text, "\n\t");

	charset_fputs(stdout, safe);
	free(safe);
}

/* Print one resolved reference: REF, PATH[,PATH...], status, reason. */
static void
cmd_review_print_ref(const char *ref, const struct resolve_result *res)
{
	struct sbuf sb;
	char *flat = cmd_review_flat(ref), *why = cmd_review_flat(res->reason);

	sbuf_init(&sb);
	sbuf_addf(&sb, "%s\t", flat);
	for (size_t i = 0; i < res->n; i++) {
		char *p = resolve_target_path(&res->t[i]);

		sbuf_addf(&sb, "%s%s", i ? "," : "", p);
		free(p);
	}
	sbuf_addf(&sb, "\t%s\t%s\n", resolve_status_name(res->status), why);
	cmd_review_out(sb.buf);
	sbuf_fini(&sb);
	free(flat);
	free(why);
}

/* hyoka resolve FILE [REF]...: what each reference names in FILE, in
 * order (a short form takes the context of the one before); without REF,
 * the rows of FILE's own 別添2. Exit 1 when one is not sure. */
static int
cmd_resolve(struct cli *c, int argc, char **argv)
{
	struct doc *d;
	bool all_sure = true;

	if (argc < 1)
		return cli_usage_error(c);
	if (!cli_texts(c, argv, 1, argc))
		return CLI_BAD;
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	if (argc == 1) {
		const struct fdef_node *item = fdef_role(d->fd, "change_item");
		struct resolve_log log;

		resolve_log(d, &log);
		for (size_t i = 0; i < log.n; i++) {
			const struct doc_group *row =
			        doc_slot(doc_holder(d->root, item->parent),
			                 item->parent)
			                ->inst[i];
			const struct doc_value *v = &doc_slot(row, item)->val;

			cmd_review_print_ref(v->n ? v->v[0] : "", &log.rows[i]);
			all_sure &= log.rows[i].status == RESOLVE_SURE;
		}
		resolve_log_fini(&log);
	} else {
		struct resolve *r = resolve_new(d);

		for (int i = 1; i < argc; i++) {
			struct resolve_result res;

			resolve_ref(r, argv[i], NULL, NULL, &res);
			cmd_review_print_ref(argv[i], &res);
			all_sure &= res.status == RESOLVE_SURE;
			resolve_result_fini(&res);
		}
		resolve_free(&r);
	}
	doc_free(&d);
	return all_sure ? CLI_OK : CLI_FINDINGS;
}

/* The label of a column of the change log (変更日 ...), or its role. */
static const char *
cmd_review_column(const struct fdef *fd, const char *role)
{
	const struct fdef_node *n = fdef_role(fd, role);

	return n != NULL ? n->label : role;
}

/* Append one labelled value of a row in the text format; lines after the
 * first are indented. */
static void
cmd_review_field(struct sbuf *sb, const char *label, const char *value)
{
	sbuf_addf(sb, "%s: ", label);
	for (const char *p = value ? value : ""; *p; p++) {
		sbuf_addc(sb, *p);
		if (*p == '\n')
			sbuf_adds(sb, "    ");
	}
	sbuf_addc(sb, '\n');
}

/* Print the rows of a list as text or TSV. */
static void
cmd_review_print(const struct fdef *fd, const struct review_list *l,
                 const char *date, bool tsv)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < l->n; i++) {
		const struct review_change *c = &l->v[i];

		if (tsv) {
			const char *cells[] = {date,     c->item,   c->before,
			                       c->after, c->timing, c->reason};

			for (size_t k = 0; k < 6; k++) {
				char *f = cmd_review_flat(cells[k]);

				sbuf_addf(&sb, "%s\t", f);
				free(f);
			}
			sbuf_addf(&sb, "%s\n",
			          c->recorded ? "recorded" : "new");
			continue;
		}
		cmd_review_field(&sb, cmd_review_column(fd, "change_date"),
		                 date);
		cmd_review_field(&sb, cmd_review_column(fd, "change_item"),
		                 c->item);
		cmd_review_field(&sb, cmd_review_column(fd, "change_before"),
		                 c->before);
		cmd_review_field(&sb, cmd_review_column(fd, "change_after"),
		                 c->after);
		cmd_review_field(&sb, cmd_review_column(fd, "change_timing"),
		                 c->timing);
		cmd_review_field(&sb, cmd_review_column(fd, "change_reason"),
		                 c->reason);
		if (c->recorded)
			sbuf_addf(&sb, "%s\n",
			          _("(the change log already has this row)"));
		sbuf_addc(&sb, '\n');
	}
	if (!tsv && l->n == 0)
		sbuf_addf(&sb, "%s\n", _("no differences"));
	cmd_review_out(sb.buf ? sb.buf : "");
	sbuf_fini(&sb);
}

/* The 変更日 of the rows: --date, else NEW's 公表日, else today, as 和暦;
 * NULL (with a message) for a --date that is no date. Caller frees. */
static char *
cmd_review_date(const struct doc *new, const char *opt)
{
	struct wareki_date wd;
	char *err = NULL, *text;
	bool ok;

	if (opt == NULL)
		return review_default_date(new);
	/* Typed in the terminal's charset (令和 in EUC-JP). */
	text = charset_to_utf8(opt);
	ok = text != NULL && wareki_parse(text, false, &wd, &err);
	if (!ok) {
		cli_error(_("--date %s: %s"), text ? text : opt,
		          err ? err : charset_name());
		free(err);
		free(text);
		return NULL;
	}
	free(text);
	return wareki_format(&wd);
}

/* hyoka changes OLD NEW [--date D] [--apply] [--format=text|tsv]: the
 * differences as 別添2 rows; --apply appends the new ones to NEW. */
static int
cmd_changes(struct cli *c, int argc, char **argv)
{
	const char *format = cli_opt(c, "format");
	bool apply = cli_opt(c, "apply") != NULL, tsv;
	struct doc *old, *new;
	struct review_list l;
	struct session s;
	char *date;
	int rc = CLI_OK;

	if (argc != 2)
		return cli_usage_error(c);
	if (format != NULL && strcmp(format, "text") != 0 &&
	    strcmp(format, "tsv") != 0) {
		cli_error(_("unknown format \"%s\"; use text or tsv"), format);
		return CLI_BAD;
	}
	tsv = format != NULL && strcmp(format, "tsv") == 0;
	/* --apply changes NEW: hold its lock from reading to saving. */
	if (apply && !cli_lock(&s, argv[1]))
		return CLI_BAD;
	old = cli_load_doc(c, argv[0]);
	new = old == NULL ? NULL
	      : apply     ? cli_load_locked(c, &s)
	                  : cli_load_doc(c, argv[1]);
	date = new != NULL ? cmd_review_date(new, cli_opt(c, "date")) : NULL;
	if (date == NULL) {
		doc_free(&old);
		doc_free(&new);
		if (apply)
			session_fini(&s);
		return CLI_BAD;
	}
	review_diff(old, new, &l);
	cmd_review_print(c->fd, &l, date, tsv);
	if (apply) {
		size_t added = 0;
		char *err = NULL;

		if (!review_apply(new, &l, date, &added, &err)) {
			cli_error(_("%s was not changed: %s"), argv[1], err);
			rc = CLI_BAD;
		} else if (added > 0 && !cli_save_locked(&s, new)) {
			rc = CLI_BAD;
		} else {
			cli_say(stderr,
			        _("%zu rows added to the change log of "
			          "%s (%zu were there already)\n"),
			        added, argv[1], l.n - added);
		}
		free(err);
	}
	free(date);
	review_list_fini(&l);
	doc_free(&old);
	doc_free(&new);
	if (apply)
		session_fini(&s);
	return rc;
}

/* The path of last as seen from the folder of file: its name alone when
 * both are in one folder, else an absolute path. Caller frees. */
static char *
cmd_review_relative(const char *last, const char *file)
{
	char *a = realpath(last, NULL);
	char *copy = xstrdup(file), *dir = realpath(dirname(copy), NULL);
	char *out;

	if (a == NULL || dir == NULL) {
		out = xstrdup(last);
	} else {
		size_t n = strlen(dir);

		if (strncmp(a, dir, n) == 0 && a[n] == '/' &&
		    strchr(a + n + 1, '/') == NULL)
			out = xstrdup(a + n + 1);
		else
			out = xstrdup(a);
	}
	free(a);
	free(dir);
	free(copy);
	return out;
}

/* hyoka new --from LAST NEW: the next version of LAST, with LAST as its
 * baseline and 公表日 and V-1-① cleared (cmd-doc.c calls it). */
int
cmd_new_from(struct cli *c, const char *last, const char *file)
{
	struct doc *d = cli_load_doc(c, last);
	char *base;
	int rc = CLI_OK;

	if (d == NULL)
		return CLI_BAD;
	base = cmd_review_relative(last, file);
	review_start_next(d, base);
	if (!cli_save(d, file, FSAVE_CREATE))
		rc = CLI_BAD;
	else
		cli_say(stdout,
		        _("created %s from %s (the last published version, 公表日 %s); edit it with `hyoka %s` (changed items are marked, F8 lists them and writes their 別添2 rows), or list the changes with `hyoka changes %s %s`\n"),
		        file, last, d->base_published ? d->base_published : "-",
		        file, last, file);
	free(base);
	doc_free(&d);
	return rc;
}

/* Load the baseline of a document for `check` (cmd-check.c); false (with
 * a message) when it names one that cannot be read. The caller frees
 * *base. */
bool
cmd_load_baseline(struct cli *c, struct doc *d, const char *file,
                  struct doc **base)
{
	char *path;

	*base = NULL;
	if (d->base_file == NULL)
		return true;
	if (d->base_file[0] == '/') {
		path = xstrdup(d->base_file);
	} else {
		char *copy = xstrdup(file);

		path = xasprintf("%s/%s", dirname(copy), d->base_file);
		free(copy);
	}
	*base = cli_load_doc(c, path);
	if (*base == NULL)
		cli_error(_("%s: its baseline %s cannot be read, so the "
		            "changes against it are not checked"),
		          file, path);
	d->base = *base;
	free(path);
	return *base != NULL;
}

/* hyoka resolve: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_resolve_entry = {
        .name = "resolve",
        .args = "FILE [--] [REF]...",
        .help = N_(
                "what 別添2 項目 texts name: REF, PATHS, sure|ambiguous|none, reason (no REF: FILE's own 別添2)"),
        .exec = cmd_resolve,
};

/* The options of changes. */
static const struct cmd_option cmd_changes_options[] = {
        {"date", 0, "D",
         N_("the 変更日 of the rows (default: NEW's 公表日, else today)")},
        {"apply", 0, NULL,
         N_("add the rows NEW's 別添2 does not have yet (all or nothing)")},
        {"format", 0, "text|tsv",
         N_("text, or tsv for scripts: the six columns of 別添2 and new|recorded")},
        {NULL, 0, NULL, NULL},
};

/* hyoka changes: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_changes_entry = {
        .name = "changes",
        .args = "OLD NEW [--date D] [--apply] [--format=text|tsv]",
        .help = N_(
                "the changes from OLD to NEW as 別添2 rows; --apply adds them to NEW"),
        .options = cmd_changes_options,
        .exec = cmd_changes,
};
