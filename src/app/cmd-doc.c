#include <config.h>
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "check.h"
#include "docio.h"
#include "i18n.h"
#include "xalloc.h"
#include "utf8.h"

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
	else {
		char *open = cli_edit_name(argv[0]);

		cli_say(stdout,
		        _("created %s (form version %s); open it with "
		          "`hyoka %s`\n"),
		        argv[0], c->fd->versions[version].id, open);
		free(open);
	}
	doc_free(&d);
	return rc;
}

/* Print a value of the item at path and a newline: on a terminal its
 * control characters as escapes (\e, \x07), into a pipe or a file as they
 * are. A value the locale's charset cannot show exactly is printed as
 * near as it can be, and the status is 2 with a message naming the
 * characters: a script must not write the changed text back. */
static int
cmd_print_value(const char *path, const char *value)
{
	char *shown = isatty(STDOUT_FILENO) ? utf8_escape(value, "\n\t")
	                                    : xstrdup(value);
	char *lossy = NULL, *out = charset_from_utf8_exact(shown, &lossy);
	int rc = CLI_OK;

	fputs(out, stdout);
	fputc('\n', stdout);
	if (lossy != NULL) {
		cli_error(_("%s holds characters that the charset %s cannot "
		            "show exactly: %s; what was printed differs from "
		            "the value. Read it in a UTF-8 terminal "
		            "(LANG=ja_JP.UTF-8)"),
		          path, charset_name(), lossy);
		rc = CLI_BAD;
	}
	free(lossy);
	free(out);
	free(shown);
	return rc;
}

/* hyoka get FILE PATH: print one value. */
static int
cmd_get(struct cli *c, int argc, char **argv)
{
	struct doc_ptr p;
	struct doc *d;
	char *err = NULL, *s;
	int rc = CLI_OK;

	if (argc != 2)
		return cli_usage_error(c);
	if (!cli_texts(c, argv, 1, 2))
		return CLI_BAD;
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	if (!doc_resolve(d, argv[1], DOC_FIND, &p, &err)) {
		struct doc *probe = doc_new(c->fd, d->version);
		char *err2 = NULL;
		/* A valid path into an entry not created yet reads as empty. */
		bool absent = doc_resolve(probe, argv[1], DOC_PROBE, &p, &err2);

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
	if (s[0] != '\0' || p.node->type == FT_FLAG)
		rc = cmd_print_value(argv[1], s);
	free(s);
	doc_free(&d);
	return rc;
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

	if (!doc_resolve(d, path, DOC_APPEND, &p, err))
		return false;
	if (!doc_parse_input(d, p.node, value, &v, err))
		return false;
	doc_set(d, &p, &v);
	return true;
}

/* The name of a batch list in messages. Static string. */
static const char *
cmd_batch_name(const char *list)
{
	return strcmp(list, "-") == 0 ? _("(standard input)") : list;
}

/* Read a batch list (- for standard input), at most a document's worth,
 * before the document is locked: a list still being typed or piped holds
 * nobody up. NULL with a message. Caller frees. */
static char *
cmd_read_batch(const char *file, const char *list, size_t *size)
{
	FILE *fp = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	char *raw;

	if (fp == NULL) {
		cli_error(_("cannot read the batch list %s: %s"), list,
		          strerror(errno));
		return NULL;
	}
	/* At most a document's worth: /dev/zero or `yes` is no list. */
	raw = cli_slurp(fp, DOCIO_MAX_FILE, size);
	if (fp != stdin)
		fclose(fp);
	if (raw == NULL)
		cli_error(_("the batch list %s is longer than %u bytes, the "
		            "limit of a document; nothing was written to %s"),
		          cmd_batch_name(list), DOCIO_MAX_FILE, file);
	return raw;
}

/* Apply a batch of PATH<TAB>VALUE lines read from list (raw, size bytes,
 * freed here); all or nothing. */
static int
cmd_set_batch(struct doc *d, const char *file, const char *list, char *raw,
              size_t size)
{
	const char *name = cmd_batch_name(list);
	char *text, *nul;
	int lineno = 0, bad = 0;

	nul = memchr(raw, '\0', size);
	if (nul != NULL) {
		/* A NUL would end the text early: lines after it would be
		 * dropped without a word. */
		const char *bol = raw;

		lineno = 1;
		for (const char *p = raw; p < nul; p++)
			if (*p == '\n') {
				lineno++;
				bol = p + 1;
			}
		cli_error(_("%s:%d:%d: a NUL byte; the list must be text. "
		            "Nothing was written to %s"),
		          name, lineno, (int)(nul - bol) + 1, file);
		free(raw);
		return CLI_BAD;
	}
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
	const char *list = argc == 2 ? argv[1] : "-";
	struct session s;
	struct doc *d;
	char *raw = NULL;
	size_t size = 0;
	int rc = CLI_OK;

	if ((!batch && argc != 3) || (batch && (argc < 1 || argc > 2)))
		return cli_usage_error(c);
	if (!batch && !cli_texts(c, argv, 1, 3))
		return CLI_BAD;
	if (batch) {
		raw = cmd_read_batch(argv[0], list, &size);
		if (raw == NULL)
			return CLI_BAD;
	}
	d = cli_open_locked(c, &s, argv[0]);
	if (d == NULL) {
		free(raw);
		return CLI_BAD;
	}
	if (batch) {
		rc = cmd_set_batch(d, argv[0], list, raw, size);
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
		if (!cli_save_locked(&s, d))
			rc = CLI_BAD;
	}
	doc_free(&d);
	session_fini(&s);
	return rc;
}

/* hyoka accept FILE TARGET RULE REASON: accept a warning with a reason.
 * TARGET is the item's path or its reference as `check` prints it. */
static int
cmd_accept(struct cli *c, int argc, char **argv)
{
	struct session s;
	struct diag_list dl;
	struct doc *d;
	const struct diag *hit = NULL;
	bool error_hit = false;
	int rc = CLI_OK;
	char *err = NULL;

	if (argc != 4)
		return cli_usage_error(c);
	if (!cli_texts(c, argv, 1, 4))
		return CLI_BAD;
	if (argv[3][strspn(argv[3], " \t\n\r")] == '\0') {
		cli_error("%s", _("the reason is empty; say why the warning "
		                  "does not apply"));
		return CLI_BAD;
	}
	if (!doc_text_ok(argv[3], _("the reason"), &err)) {
		cli_error("%s", err);
		free(err);
		return CLI_BAD;
	}
	d = cli_open_locked(c, &s, argv[0]);
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

		if (!doc_resolve(d, hit->path, DOC_FIND, &p, &err)) {
			cli_error("%s", err);
			free(err);
			rc = CLI_BAD;
		} else {
			doc_accept_add(p.g, hit->rule, p.node->key, argv[3],
			               hit->values);
			check_prune_accepts(d);
			if (!cli_save_locked(&s, d))
				rc = CLI_BAD;
		}
	}
	diag_list_fini(&dl);
	doc_free(&d);
	session_fini(&s);
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
