#include <config.h>
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "check.h"
#include "docio.h"
#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* hyoka fields: one line per item, PATH TAB REF TAB TYPE TAB LABEL; a
 * printed heading over items (risk statement, row group) is a line of
 * TYPE heading with PATH "-" before its first item. */
static int
cmd_fields(struct cli *c, int argc, char **argv)
{
	size_t version;
	const struct fdef_heading *last = NULL;
	char *label;

	(void)argv;
	if (argc != 0)
		return cli_usage_error(c);
	if (!cli_version(c, &version))
		return CLI_BAD;
	for (size_t i = 0; i < c->fd->nall; i++) {
		const struct fdef_node *n = c->fd->all[i];

		if (n->kind != FDEF_ITEM || !fdef_in_version(n, version))
			continue;
		/* Labels come from a form file that may be another's: no
		 * escape sequence of theirs reaches the terminal. */
		if (n->heading != NULL && n->heading != last) {
			char *h = utf8_escape(n->heading->label, "");

			charset_printf(stdout, "-\t%s\theading\t%s\n",
			               n->heading->ref ? n->heading->ref : "-",
			               h);
			free(h);
		}
		last = n->heading;
		label = utf8_escape(n->label, "");
		charset_printf(stdout, "%s\t%s\t%s\t%s\n", n->path, n->ref,
		               fdef_type_name(n->type), label);
		free(label);
	}
	return CLI_OK;
}

/* Append the references of the items a condition reads to sb. */
static void
cmd_add_ref(void *arg, const struct fdef_node *n)
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
cmd_rule_line(const char *id, const char *sev, const char *reads,
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
cmd_rules(struct cli *c, int argc, char **argv)
{
	const struct fdef *fd = c->fd;

	(void)argv;
	if (argc != 0)
		return cli_usage_error(c);
	cmd_rule_line(
	        "required", "error", "",
	        _("An item that is shown and required must be filled in."));
	cmd_rule_line(
	        "min", "error", "",
	        _("A repeat block must have at least its minimum number of "
	          "entries (one 特定個人情報ファイル, one システム in I-2)."));
	cmd_rule_line("R6", "error", "",
	              _("An exclusive checkbox (such as 行っていない) is never "
	                "checked "
	                "together with the others."));
	cmd_rule_line(
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
			cond_reads(m->show, cmd_add_ref, &reads);
			cond_reads(m->required, cmd_add_ref, &reads);
		}
		cmd_rule_line(n->rule, "error", reads.buf,
		              fdef_rule_find(fd, n->rule)->statement);
		sbuf_fini(&reads);
	}
	for (size_t i = 0; i < fd->nchecks; i++) {
		const struct fdef_check *k = &fd->checks[i];
		struct sbuf reads;

		sbuf_init(&reads);
		for (size_t r = 0; r < k->nreads; r++)
			cmd_add_ref(&reads, k->reads[r]);
		cmd_rule_line(k->id, diag_sev_name(k->sev), reads.buf,
		              k->statement ? k->statement : k->message);
		sbuf_fini(&reads);
	}
	return CLI_OK;
}

/* A field of a TSV line: one finding, one line, so no tab or line break
 * inside a field (a space instead); other control characters as escapes.
 * Caller frees. */
static char *
cmd_tsv_field(const char *s)
{
	char *flat = charset_show_names(s), *r;

	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	r = utf8_escape(flat, "");
	free(flat);
	return r;
}

/* Print one finding in tab-separated form for scripts. */
static void
cmd_print_tsv(const struct diag *dg)
{
	char *msg = dg->accepted
	                    ? xasprintf("%s (%s: %s)", dg->msg, _("accepted"),
	                                dg->note ? dg->note : "")
	                    : xstrdup(dg->msg);
	const char *raw[] = {dg->file ? dg->file : "", dg->ref ? dg->ref : "",
	                     dg->rule ? dg->rule : "", msg,
	                     dg->name  ? dg->name
	                     : dg->ref ? dg->ref
	                               : ""};
	char *f[5];

	for (size_t i = 0; i < 5; i++)
		f[i] = cmd_tsv_field(raw[i]);
	charset_printf(stdout, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", f[0],
	               dg->line, dg->col, diag_sev_name(dg->sev), f[1], f[2],
	               f[3], f[4]);
	for (size_t i = 0; i < 5; i++)
		free(f[i]);
	free(msg);
}

/* hyoka check FILE...: report findings; 0 clean, 1 errors, 2 unreadable. */
static int
cmd_check(struct cli *c, int argc, char **argv)
{
	const char *format = cli_opt(c, "format");
	bool tsv = format != NULL && strcmp(format, "tsv") == 0;
	int rc = CLI_OK;

	if (argc < 1)
		return cli_usage_error(c);
	if (format != NULL && !tsv && strcmp(format, "text") != 0) {
		cli_error(_("unknown format \"%s\"; use text or tsv"), format);
		return CLI_BAD;
	}
	for (int i = 0; i < argc; i++) {
		struct diag_list dl;
		struct doc *d;

		diag_list_init(&dl);
		d = docio_load_file(c->fd, argv[i], &dl);
		if (d == NULL) {
			/* With --format=tsv, why a file cannot be read comes
			 * out as TSV too. */
			for (size_t k = 0; tsv && k < dl.n; k++)
				cmd_print_tsv(&dl.v[k]);
			if (!tsv)
				cli_print_diags(&dl);
			if (!tsv && access(argv[i], F_OK) != 0)
				cli_say_missing(argv[i]);
			diag_list_fini(&dl);
			rc = CLI_BAD;
			continue;
		}
		{
			struct doc *base;

			cmd_load_baseline(c, d, argv[i], &base);
			check_doc_lean(d, argv[i], &dl);
			doc_free(&base);
		}
		for (size_t k = 0; k < dl.n; k++) {
			if (tsv)
				cmd_print_tsv(&dl.v[k]);
			else
				cli_print_diag(stdout, &dl.v[k]);
		}
		if (diag_count(&dl, DIAG_ERROR) > 0 && rc == CLI_OK)
			rc = CLI_FINDINGS;
		cli_keep(d, &dl);
	}
	return rc;
}

/* hyoka fields: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_fields_entry = {
        .name = "fields",
        .args = "[--form-version V]",
        .help = N_("list every item: PATH, REF, TYPE, LABEL"),
        .exec = cmd_fields,
};

/* The options of check. */
static const struct cmd_option cmd_check_options[] = {
        {"format", 0, "text|tsv",
         N_("text, or tsv for scripts: FILE, LINE, COL, SEVERITY, REF, RULE, MESSAGE, NAME")},
        {NULL, 0, NULL, NULL},
};

/* hyoka check: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_check_entry = {
        .name = "check",
        .args = "[--format=text|tsv] FILE...",
        .help = N_("report missing answers and contradictions"),
        .options = cmd_check_options,
        .exec = cmd_check,
};

/* hyoka rules: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_rules_entry = {
        .name = "rules",
        .args = "",
        .help = N_("list every rule: ID, SEVERITY, READS, STATEMENT"),
        .exec = cmd_rules,
};
