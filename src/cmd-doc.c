#include <config.h>
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "check.h"
#include "i18n.h"

/* hyoka new FILE: create an empty assessment. */
static int
cmd_new(struct cli *c, int argc, char **argv)
{
	size_t version;
	struct doc *d;
	int rc = CLI_OK;

	if (argc != 1)
		return cli_usage_error(c);
	if (cli_opt(c, "from") != NULL)
		return cmd_new_from(c, cli_opt(c, "from"), argv[0]);
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

/* hyoka get FILE PATH: print one value. */
static int
cmd_get(struct cli *c, int argc, char **argv)
{
	struct doc_ptr p;
	struct doc *d;
	char *err = NULL, *s;

	if (argc != 2)
		return cli_usage_error(c);
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
cmd_unescape(char *s)
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
cmd_assign(struct doc *d, const char *path, const char *value, char **err)
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

/* Apply a batch of PATH<TAB>VALUE lines; all or nothing. */
static int
cmd_set_batch(struct doc *d, const char *file, const char *list)
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
		if (!cmd_unescape(tab + 1)) {
			cli_error(_("%s:%d: unknown escape; only \\n, \\t and "
			            "\\\\ "
			            "are allowed"),
			          name, lineno);
			bad++;
			continue;
		}
		if (!cmd_assign(d, line, tab + 1, &err)) {
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
cmd_set(struct cli *c, int argc, char **argv)
{
	bool batch = cli_opt(c, "batch") != NULL;
	struct doc *d;
	int rc = CLI_OK;

	if ((!batch && argc != 3) || (batch && (argc < 1 || argc > 2)))
		return cli_usage_error(c);
	if (!cli_check_lock(argv[0]))
		return CLI_BAD;
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	if (batch) {
		rc = cmd_set_batch(d, argv[0], argc == 2 ? argv[1] : "-");
	} else {
		char *err = NULL;

		if (!cmd_assign(d, argv[1], argv[2], &err)) {
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
cmd_accept(struct cli *c, int argc, char **argv)
{
	struct diag_list dl;
	struct doc *d;
	const struct diag *hit = NULL;
	bool error_hit = false;
	int rc = CLI_OK;

	if (argc != 4 || argv[3][0] == '\0')
		return cli_usage_error(c);
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

/* hyoka new: a row of cmd_table (cli.c). */
/* The options of new. */
static const struct cmd_option cmd_new_options[] = {
        {"from", 0, "LAST",
         N_("start the next version of LAST, the last published one: content kept, 公表日 and V-1-① cleared, LAST recorded as its baseline")},
        {NULL, 0, NULL, NULL},
};

const struct cmd_entry cmd_new_entry = {
        .name = "new",
        .args = "FILE [--form-version V]\n"
                "--from LAST NEW",
        .help = N_("create an empty assessment (never overwrites)"),
        .options = cmd_new_options,
        .exec = cmd_new,
};

/* hyoka get: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_get_entry = {
        .name = "get",
        .args = "FILE PATH",
        .help = N_("print one value"),
        .exec = cmd_get,
};

/* The options of set. */
static const struct cmd_option cmd_set_options[] = {
        {"batch", 0, NULL,
         N_("read PATH<TAB>VALUE lines from LIST or the standard input")},
        {NULL, 0, NULL, NULL},
};

/* hyoka set: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_set_entry = {
        .name = "set",
        .args = "FILE PATH VALUE\n"
                "FILE --batch [LIST|-]",
        .help = N_(
                "change one value, or many from PATH<TAB>VALUE lines (all or nothing)"),
        .options = cmd_set_options,
        .exec = cmd_set,
};

/* hyoka accept: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_accept_entry = {
        .name = "accept",
        .args = "FILE PATH|REF RULE REASON",
        .help = N_("accept a warning with a reason"),
        .exec = cmd_accept,
};
