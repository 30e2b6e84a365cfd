#include <config.h>
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "docio.h"
#include "i18n.h"
#include "paths.h"
#include "sbuf.h"
#include "session.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * The commands, in the order of `hyoka --help`. To add `hyoka NAME`:
 * 1. write src/cmd-NAME.c: its exec function and `const struct cmd_entry
 *    cmd_NAME_entry` (cli.h), with its own options if it has any;
 * 2. declare cmd_NAME_entry here and add it to cmd_table;
 * 3. add src/cmd-NAME.c to hyoka_SOURCES in Makefile.am and to
 *    po/POTFILES.in, and its messages at the end of po/ja.po;
 * 4. add its synopsis to doc/hyoka.1 and README.md (tests/cli/commands.sh
 *    compares both with `hyoka --help`).
 */
extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_fields_entry;
extern const struct cmd_entry cmd_get_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_rules_entry;
extern const struct cmd_entry cmd_accept_entry;
extern const struct cmd_entry cmd_recover_entry;
extern const struct cmd_entry cmd_changes_entry;
extern const struct cmd_entry cmd_resolve_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_entry;

static const struct cmd_entry *const cmd_table[] = {
        &cmd_new_entry,     /* cmd-doc.c */
        &cmd_fields_entry,  /* cmd-check.c */
        &cmd_get_entry,     /* cmd-doc.c */
        &cmd_set_entry,     /* cmd-doc.c */
        &cmd_check_entry,   /* cmd-check.c */
        &cmd_rules_entry,   /* cmd-check.c */
        &cmd_accept_entry,  /* cmd-doc.c */
        &cmd_recover_entry, /* cmd-edit.c */
        &cmd_changes_entry, /* cmd-review.c */
        &cmd_resolve_entry, /* cmd-review.c */
        &cmd_export_entry,  /* cmd-export.c */
        &cmd_import_entry,  /* cmd-import.c */
        NULL,
};

/* The editor: what runs when the first word is not a command. */
extern const struct cmd_entry cmd_edit_entry;

/* The options of every command, by index. */
enum {
	CLI_FORM_VERSION,
	CLI_FORM_FILE,
	CLI_HELP,
	CLI_VERSION,
	CLI_NCOMMON,
};
static const struct cmd_option cli_common[] = {
        {"form-version", 0, "V",
         N_("form version for new and fields (H30, R8)")},
        {"form-file", 0, "FILE", N_("use another form definition file")},
        {"help", 0, NULL, N_("show this help and exit")},
        {"version", 0, NULL, N_("show the version and exit")},
        {NULL, 0, NULL, NULL},
};

/* Columns of the help: the text of a line starts here and is wrapped to
 * this width; closing punctuation may hang 2 columns further (utf8_wrap),
 * so that lines stay within 80 columns. */
#define CLI_HELP_INDENT 24
#define CLI_HELP_WIDTH  78

/* Print one diagnostic in the locale's charset, on one line (its file
 * name shown converted, control characters as escapes). */
void
cli_print_diag(FILE *fp, struct diag *d)
{
	char *line;

	if (d->file != NULL) {
		char *shown = charset_show_names(d->file);

		free(d->file);
		d->file = shown;
	}
	line = diag_format(d);
	charset_fputs(fp, line);
	free(line);
}

/* What is left to the end of the process instead of freed: freeing the
 * form, the document and its findings just before exit only costs time
 * (3 to 5 M instructions after the check of a large document). Held
 * here, they stay reachable: leak checkers see no leak. */
static struct fdef *volatile cli_kept_form; /* never read: volatile keeps
                                               the store */
static struct doc *cli_kept_doc;
static struct diag_list cli_kept_diags;

/* Leave a document and its findings to the end of the process (takes
 * both; what was kept before is freed). */
void
cli_keep(struct doc *d, struct diag_list *dl)
{
	doc_free(&cli_kept_doc);
	diag_list_fini(&cli_kept_diags);
	cli_kept_doc = d;
	cli_kept_diags = *dl;
	diag_list_init(dl);
}

/* Print diagnostics to standard error in the locale's charset. */
void
cli_print_diags(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		cli_print_diag(stderr, &dl->v[i]);
}

/* Print prefix and a message to fp in the locale's charset: values,
 * reasons, file names and lock records may hold escape sequences or
 * bidirectional controls, which never reach the terminal raw. */
static void
cli_vsay(FILE *fp, const char *prefix, const char *fmt, va_list ap)
{
	struct sbuf sb;
	char *shown, *safe;

	sbuf_init(&sb);
	sbuf_adds(&sb, prefix);
	sbuf_vaddf(&sb, fmt, ap);
	shown = charset_show_names(sb.buf);
	safe = utf8_escape(shown, "\n\t");
	charset_fputs(fp, safe);
	free(safe);
	free(shown);
	sbuf_fini(&sb);
}

/* Print an error message naming the program. */
void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(stderr, "hyoka: ", fmt, ap);
	va_end(ap);
	charset_fputs(stderr, "\n");
}

/* Print a message (what a command did, a question) to fp, with the
 * escapes of cli_error. */
void
cli_say(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(fp, "", fmt, ap);
	va_end(ap);
}

/* Load the form definition named by options (--form-file), or from the
 * folder HYOKA_FORMS_DIR names, or the one compiled in. */
static bool
cli_load_form(struct cli *c)
{
	struct diag_list dl;
	const char *dir = getenv("HYOKA_FORMS_DIR");
	char *path;

	diag_list_init(&dl);
	if (c->form_file == NULL && (dir == NULL || dir[0] == '\0')) {
		c->fd = fdef_load_builtin(&dl);
		if (c->fd == NULL)
			cli_print_diags(&dl);
		diag_list_fini(&dl);
		return c->fd != NULL;
	}
	path = c->form_file ? xstrdup(c->form_file)
	                    : xasprintf("%s/jyuten.yaml", paths_forms_dir());
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
bool
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

/* Tell whether the folder that would hold file exists. */
bool
cli_folder_exists(const char *file)
{
	char *copy = xstrdup(file);
	struct stat st;
	bool ok = stat(dirname(copy), &st) == 0 && S_ISDIR(st.st_mode);

	free(copy);
	return ok;
}

/* Say that file does not exist and what to do: create it with hyoka new,
 * or, when its folder does not exist either, check the path or create
 * the folder. */
void
cli_say_missing(const char *file)
{
	char *copy = xstrdup(file), *dir = dirname(copy);

	if (!cli_folder_exists(file)) {
		cli_error(
		        _("%s does not exist, nor its folder %s. Check the path (ls shows what a folder holds), or create the folder first (mkdir -p %s)"),
		        file, dir, dir);
	} else {
		char *name = cli_edit_name(file);

		cli_error(_("%s does not exist; create it with `hyoka new %s`"),
		          file, name);
		free(name);
	}
	free(copy);
}

/* Load a document, printing diagnostics on failure. Caller frees. */
struct doc *
cli_load_doc(struct cli *c, const char *file)
{
	struct diag_list dl;
	struct doc *d;

	diag_list_init(&dl);
	d = docio_load_file(c->fd, file, &dl);
	if (d == NULL) {
		cli_print_diags(&dl);
		if (access(file, F_OK) != 0) {
			cli_say_missing(file);
		} else {
			/* Also a file only read (get, export, a baseline):
			 * not "was not changed". */
			cli_error(
			        _("%s cannot be read; correct the problem above and try again"),
			        file);
		}
	}
	diag_list_fini(&dl);
	return d;
}

/* Say why a save failed (err) and what it noted (note, such as a backup
 * that could not be kept; in_place, that the file was written in place);
 * free err, note, in_place and the emitted buf. Returns ok. */
static bool
cli_save_said(bool ok, char *err, char *note, char *in_place, char *buf)
{
	if (!ok)
		cli_error("%s", err);
	if (note != NULL)
		cli_error("%s", note);
	if (in_place != NULL)
		cli_error("%s", in_place);
	free(err);
	free(note);
	free(in_place);
	free(buf);
	return ok;
}

/* Save a document atomically; false with a message on failure. */
bool
cli_save(const struct doc *d, const char *file, enum fsave_mode mode)
{
	size_t len;
	char *err = NULL, *note = NULL, *in_place = NULL;
	struct fsave_opts o = {
	        .owner = FSAVE_IN_PLACE, .note = &note, .in_place = &in_place};
	char *buf = docio_emit_checked(d, file, &len, &err);
	bool ok = buf != NULL &&
	          fsave_write_opts(file, buf, len, mode, &o, &err) == FSAVE_OK;

	return cli_save_said(ok, err, note, in_place, buf);
}

/* Say who holds the lock of a document (SESSION_BUSY or SESSION_HELD). */
void
cli_say_holder(const char *file, const struct session_owner *o)
{
	if (o->host[0] != '\0')
		cli_error(_("%s is being edited by %s on %s (since %s); "
		            "nothing was changed. Try again when that editor "
		            "is closed"),
		          file, o->user, o->host, o->since);
	else
		cli_error(
		        _("%s is in use by another program, or by an editor that opened it under another name (a link); nothing was changed. Try again when it is closed"),
		        file);
}

/* Say that a document cannot be locked (SESSION_NOLOCK). */
void
cli_say_nolock(const struct session *s)
{
	cli_error(
	        _("%s cannot be locked: its file system has no locks, and the lock file %s cannot be created (%s); nothing was changed. Work on a copy in a folder where you may create files"),
	        s->file, s->record, strerror(s->lock_errno));
}

/* Take the lock of a document before a command reads and changes it, so
 * that no other writer comes in between. False with a message when
 * another editor or command holds it (s is then finished). */
bool
cli_lock(struct session *s, const char *file)
{
	struct session_owner o;

	session_init(s, file);
	switch (session_open(s, CLI_WAIT_MS, &o)) {
	case SESSION_BUSY:
	case SESSION_HELD:
		cli_say_holder(file, &o);
		session_fini(s);
		return false;
	case SESSION_NOLOCK:
		cli_say_nolock(s);
		session_fini(s);
		return false;
	default:
		return true;
	}
}

/* Load the document a session holds (read from the locked file, its
 * identity kept to notice other programs' changes). Caller frees. */
struct doc *
cli_load_locked(struct cli *c, struct session *s)
{
	struct diag_list dl;
	struct doc *d;

	if (s->fd < 0)
		return cli_load_doc(c, s->file);
	diag_list_init(&dl);
	d = docio_load_fd(c->fd, s->fd, s->file, &dl, &s->stamp);
	if (d == NULL) {
		cli_print_diags(&dl);
		cli_error(_("%s was not changed; correct the problem above "
		            "and try again"),
		          s->file);
	}
	diag_list_fini(&dl);
	return d;
}

/* Lock a document and load it, for a command that changes it: NULL with a
 * message when another writer holds it or it cannot be read (s is then
 * finished). Caller frees the document and finishes s. */
struct doc *
cli_open_locked(struct cli *c, struct session *s, const char *file)
{
	struct doc *d;

	if (!cli_lock(s, file))
		return NULL;
	d = cli_load_locked(c, s);
	if (d == NULL)
		session_fini(s);
	return d;
}

/* Save the document a session holds: never over a change another program
 * made since it was read; another user's file is written in place, so
 * that it keeps its owner. False with a message. */
bool
cli_save_locked(struct session *s, const struct doc *d)
{
	struct fsave_stamp st;
	char *err = NULL, *note = NULL, *in_place = NULL;
	struct fsave_opts o = {&s->stamp, false, FSAVE_IN_PLACE, &s->fd,
	                       &st,       NULL,  &note,          &in_place};
	size_t len;
	char *buf = docio_emit_checked(d, s->file, &len, &err);
	bool ok = buf != NULL &&
	          fsave_write_opts(s->file, buf, len, FSAVE_REPLACE, &o,
	                           &err) == FSAVE_OK;

	return cli_save_said(ok, err, note, in_place, buf);
}

/* Read a whole stream into a string of *len bytes, reading no more than
 * max + 1 bytes: NULL when the stream is longer than max. Caller frees. */
char *
cli_slurp(FILE *fp, size_t max, size_t *len)
{
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_read(&sb, fp, max);
	if (sb.len > max) {
		sbuf_fini(&sb);
		return NULL;
	}
	*len = sb.len;
	return sbuf_detach(&sb);
}

/* The name to give `hyoka NAME` to open file in the editor: ./NAME when
 * NAME alone would be read as an option (-x.yaml) or a command (check).
 * Caller frees. */
char *
cli_edit_name(const char *file)
{
	bool plain = file[0] != '-';

	for (size_t i = 0; plain && cmd_table[i] != NULL; i++)
		plain = strcmp(file, cmd_table[i]->name) != 0;
	return plain ? xstrdup(file) : xasprintf("./%s", file);
}

/* Return the argument of the command's option NAME: NULL when it was not
 * given, "" for an option without argument. Borrowed. */
const char *
cli_opt(const struct cli *c, const char *name)
{
	const struct cmd_option *o = c->cmd->options;

	for (size_t i = 0; o != NULL && o[i].name != NULL; i++)
		if (strcmp(o[i].name, name) == 0)
			return c->opts[i];
	return NULL;
}

/* Add the synopsis of e to sb, one line per form, the first after prefix
 * and the others below it. No memory. */
static void
cli_forms(struct sbuf *sb, const char *prefix, const struct cmd_entry *e)
{
	size_t indent = utf8_width(prefix, strlen(prefix)) + 1;
	const char *form = e->args;

	sbuf_adds(sb, prefix);
	for (bool first = true; form != NULL; first = false) {
		const char *end = strchr(form, '\n');
		int n = end ? (int)(end - form) : (int)strlen(form);

		if (first)
			sbuf_addc(sb, ' ');
		else
			sbuf_addf(sb, "\n%*s", (int)indent, "");
		sbuf_adds(sb, "hyoka");
		if (e->name != NULL)
			sbuf_addf(sb, " %s", e->name);
		if (n > 0)
			sbuf_addf(sb, " %.*s", n, form);
		form = end ? end + 1 : NULL;
	}
}

/* Print the command's synopsis as an error; return CLI_BAD. No memory. */
int
cli_usage_error(const struct cli *c)
{
	struct sbuf sb;

	sbuf_init(&sb);
	cli_forms(&sb, _("usage:"), c->cmd);
	cli_error("%s", sb.buf);
	sbuf_fini(&sb);
	return CLI_BAD;
}

/* Add text to sb wrapped to the help's width, each line after the first
 * indented to column indent. No memory. */
static void
cli_wrap(struct sbuf *sb, size_t indent, const char *text)
{
	size_t len = strlen(text);
	size_t n;
	size_t *br = utf8_wrap_alloc(text, len, CLI_HELP_WIDTH - indent, &n);

	for (size_t i = 0; i < n; i++) {
		size_t a = br[i], b = br[i + 1];

		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n'))
			b--;
		sbuf_addf(sb, "%*s%.*s\n", i > 0 ? (int)indent : 0, "",
		          (int)(b - a), text + a);
	}
	free(br);
}

/* Add a line of the help to sb: "  left", then text in its column, on the
 * same line when left is short. No memory. */
static void
cli_column(struct sbuf *sb, const char *left, const char *text)
{
	size_t w = utf8_width(left, strlen(left));

	sbuf_addf(sb, "  %s", left);
	if (w + 4 > CLI_HELP_INDENT)
		sbuf_addf(sb, "\n%*s", CLI_HELP_INDENT, "");
	else
		sbuf_addf(sb, "%*s", (int)(CLI_HELP_INDENT - 2 - w), "");
	cli_wrap(sb, CLI_HELP_INDENT, text);
}

/* Add the help lines of a list of options to sb. No memory. */
static void
cli_options_help(struct sbuf *sb, const struct cmd_option *o)
{
	for (size_t i = 0; o != NULL && o[i].name != NULL; i++) {
		struct sbuf left;

		sbuf_init(&left);
		if (o[i].letter)
			sbuf_addf(&left, "-%c, ", o[i].letter);
		sbuf_addf(&left, "--%s", o[i].name);
		if (o[i].arg != NULL)
			sbuf_addf(&left, "=%s", o[i].arg);
		cli_column(sb, left.buf, _(o[i].help));
		sbuf_fini(&left);
	}
}

/* Add the lines of the table of commands to sb: each form of a command,
 * the last one with its help. No memory. */
static void
cli_commands_help(struct sbuf *sb)
{
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];
		const char *form = e->args, *end;
		char *left;

		while ((end = strchr(form, '\n')) != NULL) {
			sbuf_addf(sb, "  %s %.*s\n", e->name, (int)(end - form),
			          form);
			form = end + 1;
		}
		left = xasprintf("%s%s%s", e->name, form[0] ? " " : "", form);
		cli_column(sb, left, _(e->help));
		free(left);
	}
}

/* Print the help of the command being run; the editor's is hyoka's, with
 * the table of commands. */
static void
cli_help(const struct cli *c)
{
	const struct cmd_entry *e = c->cmd;
	bool all = e == &cmd_edit_entry;
	const char *usage = _("Usage:");
	struct sbuf sb;

	sbuf_init(&sb);
	cli_forms(&sb, usage, e);
	if (all)
		sbuf_addf(&sb, "\n%*shyoka COMMAND [OPTION]... [ARGUMENT]...",
		          (int)utf8_width(usage, strlen(usage)) + 1, "");
	sbuf_adds(&sb, "\n\n");
	cli_wrap(&sb, 0, _(e->help));
	if (all) {
		sbuf_addf(&sb, "\n%s\n", _("Commands:"));
		cli_commands_help(&sb);
	}
	/* The command's own options first; hyoka's help starts with those of
	 * every command. */
	sbuf_addf(&sb, "\n%s\n", _("Options:"));
	cli_options_help(&sb, all ? cli_common : e->options);
	cli_options_help(&sb, all ? e->options : cli_common);
	if (all)
		sbuf_addf(
		        &sb, "\n%s",
		        _("PATH is a path from `hyoka fields` with each * replaced by a number,\n"
		          "for example files.1.outline.entrust.items.1.sub\n"
		          "\n"
		          "`hyoka COMMAND --help` shows the help of a command.\n"
		          "Exit status: 0 success; 1 check found errors; 2 bad input, nothing written.\n"
		          "See hyoka(1) and README.md for more.\n"));
	charset_fputs(stdout, sb.buf);
	sbuf_fini(&sb);
}

/* Return the number of options in a list. No memory. */
static size_t
cli_count(const struct cmd_option *o)
{
	size_t n = 0;

	while (o != NULL && o[n].name != NULL)
		n++;
	return n;
}

/* Add a list of options to a getopt_long table at lo and their letters to
 * so; an option without letter returns 256 + first + its index. Returns
 * the number added. No memory. */
static size_t
cli_getopt_table(const struct cmd_option *o, size_t first, struct option *lo,
                 struct sbuf *so)
{
	size_t n = cli_count(o);

	for (size_t i = 0; i < n; i++) {
		lo[i].name = o[i].name;
		lo[i].has_arg = o[i].arg ? required_argument : no_argument;
		lo[i].flag = NULL;
		lo[i].val = o[i].letter ? o[i].letter : 256 + (int)(first + i);
		if (o[i].letter)
			sbuf_addf(so, "%c%s", o[i].letter, o[i].arg ? ":" : "");
	}
	return n;
}

/* Return the index in argv of the command word: the first argument that is
 * neither an option of some command nor an option's argument; argc when
 * there is none. No memory. */
static int
cli_find_command(int argc, char **argv)
{
	size_t n = cli_count(cli_common) + cli_count(cmd_edit_entry.options);
	struct option *lo;
	struct sbuf so;

	for (size_t i = 0; cmd_table[i] != NULL; i++)
		n += cli_count(cmd_table[i]->options);
	lo = xcalloc(n + 1, sizeof *lo);
	sbuf_init(&so);
	sbuf_addc(&so, '+');
	n = cli_getopt_table(cli_common, 0, lo, &so);
	n += cli_getopt_table(cmd_edit_entry.options, 0, lo + n, &so);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		n += cli_getopt_table(cmd_table[i]->options, 0, lo + n, &so);
	/* One value for all: an option of two commands is not ambiguous. */
	for (size_t i = 0; i < n; i++)
		lo[i].val = 1;
	optind = 0;
	opterr = 0;
	while (getopt_long(argc, argv, so.buf, lo, NULL) != -1)
		;
	sbuf_fini(&so);
	free(lo);
	return optind;
}

/* The argument getopt took for an unknown option when it looks like a
 * value that begins with - ("- 項目", "---"): it holds a space or a
 * character beyond ASCII, or is dashes only. NULL when not. Borrowed. */
static const char *
cli_value_like(int argc, char **argv, int optopt_)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool value = strlen(a) >= 3 && a[strspn(a, "-")] == '\0';

		if (a[0] != '-' || (a[1] == '-' && !value))
			continue;
		if (optopt_ > 0 && optopt_ < 256 &&
		    strchr(a + 1, optopt_) == NULL)
			continue;
		for (const char *p = a; *p && !value; p++)
			value = *p == ' ' || (unsigned char)*p >= 0x80;
		if (value)
			return a;
	}
	return NULL;
}

/* Tell whether arg is one of the long options of table lo (--to, or
 * --to=html). */
static bool
cli_is_option(const struct option *lo, const char *arg)
{
	if (strncmp(arg, "--", 2) != 0)
		return false;
	for (size_t i = 0; lo[i].name != NULL; i++) {
		size_t n = strlen(lo[i].name);

		if (strncmp(arg + 2, lo[i].name, n) == 0 &&
		    (arg[2 + n] == '\0' || arg[2 + n] == '='))
			return true;
	}
	return false;
}

/* The option as it was typed, for a message: the last argument getopt
 * read when its value was missing (at_end), else the one before it.
 * Borrowed. */
static const char *
cli_option_text(char **argv, bool at_end)
{
	return argv[optind - (at_end ? 1 : 2)];
}

/* The name of the value of the option getopt returned as val (OUT, FORMAT),
 * from the common options or the command's own (n of them). Static. */
static const char *
cli_option_arg(const struct option *lo, const struct cmd_option *own, size_t n,
               int val)
{
	for (size_t i = 0; i < CLI_NCOMMON; i++)
		if (lo[i].val == val && cli_common[i].arg != NULL)
			return cli_common[i].arg;
	for (size_t k = 0; k < n; k++)
		if ((own[k].letter ? own[k].letter
		                   : 256 + (int)(CLI_NCOMMON + k)) == val &&
		    own[k].arg != NULL)
			return own[k].arg;
	return "VALUE";
}

/* Parse the options of the command being run and the common ones; false
 * when hyoka is done (--help, --version, a bad option) with the exit
 * status in *rc. Sets optind to the first argument. */
static bool
cli_parse(struct cli *c, int argc, char **argv, int *rc)
{
	const struct cmd_option *own = c->cmd->options;
	size_t nown = cli_count(own);
	struct option *lo = xcalloc(CLI_NCOMMON + nown + 1, sizeof *lo);
	struct sbuf so;
	bool go = true;
	int opt;

	sbuf_init(&so);
	/* A leading ':': a missing value is told from an unknown option. */
	sbuf_addc(&so, ':');
	cli_getopt_table(cli_common, 0, lo, &so);
	cli_getopt_table(own, CLI_NCOMMON, lo + CLI_NCOMMON, &so);
	c->opts = xcalloc(nown + 1, sizeof *c->opts);
	optind = 0;
	opterr = 0;
	while (go && (opt = getopt_long(argc, argv, so.buf, lo, NULL)) != -1) {
		size_t i = CLI_NCOMMON + nown;

		if (opt >= 256)
			i = (size_t)(opt - 256);
		for (size_t k = 0; opt < 256 && k < nown; k++)
			if (own[k].letter == opt)
				i = CLI_NCOMMON + k;
		if (opt == ':' ||
		    (optarg != NULL && cli_is_option(lo, optarg))) {
			/* -o at the end, or -o --to html: no value. */
			char *how = c->cmd->name ? xasprintf("hyoka %s",
			                                     c->cmd->name)
			                         : xstrdup("hyoka");

			cli_error(
			        _("the option %s needs a value (%s %s); see `%s --help`"),
			        cli_option_text(argv, opt == ':'),
			        cli_option_text(argv, opt == ':'),
			        cli_option_arg(lo, own, nown,
			                       opt == ':' ? optopt : opt),
			        how);
			free(how);
			*rc = CLI_BAD;
			go = false;
		} else if (i == CLI_FORM_VERSION) {
			c->form_version = optarg;
		} else if (i == CLI_FORM_FILE) {
			c->form_file = optarg;
		} else if (i == CLI_HELP) {
			cli_help(c);
			*rc = CLI_OK;
			go = false;
		} else if (i == CLI_VERSION) {
			charset_printf(stdout, "hyoka %s\n", PACKAGE_VERSION);
			*rc = CLI_OK;
			go = false;
		} else if (i < CLI_NCOMMON + nown) {
			c->opts[i - CLI_NCOMMON] = optarg ? optarg : "";
		} else {
			/* A letter in a group such as -xy is not
			 * argv[optind-1]. */
			char letter[3] = {'-', (char)optopt, '\0'};
			const char *value = cli_value_like(argc, argv, optopt);

			if (value != NULL)
				cli_error(
				        _("\"%s\" is not an option: a value that "
				          "begins with - goes after --, as in "
				          "hyoka set FILE PATH -- VALUE"),
				        value);
			else
				cli_error(_("unknown option \"%s\"; see `hyoka "
				            "--help`"),
				          optopt > 0 && optopt < 256
				                  ? letter
				                  : argv[optind - 1]);
			*rc = CLI_BAD;
			go = false;
		}
	}
	sbuf_fini(&so);
	free(lo);
	return go;
}

/* Convert the text arguments argv[from] to argv[to - 1] (paths, values,
 * reasons) from the locale's charset to UTF-8, in place; false with a
 * message when one is not valid. File names are never converted: a file
 * named in EUC-JP is opened by its bytes. */
bool
cli_texts(struct cli *c, char **argv, int from, int to)
{
	for (int i = from; i < to; i++) {
		char *s = charset_to_utf8(argv[i]);

		if (s == NULL) {
			cli_error(_("argument %d is not valid text in the "
			            "charset %s"),
			          i + 1, charset_name());
			return false;
		}
		c->texts = xreallocarray(c->texts, c->ntexts + 1,
		                         sizeof *c->texts);
		c->texts[c->ntexts++] = s;
		argv[i] = s;
	}
	return true;
}

/* Check that standard output took everything (a full disk, /dev/full, a
 * closed pipe): false with a message. */
static bool
cli_flush_stdout(void)
{
	int e = fflush(stdout) != 0 ? errno : 0;

	if (e == 0 && !ferror(stdout))
		return true;
	cli_error(_("cannot write the output: %s"), strerror(e ? e : EIO));
	return false;
}

/* Run the command of c on the arguments that are not options: check
 * them for the editor, load the form and run it. Returns the exit status. */
static int
cli_run(struct cli *c, int argc, char **argv)
{
	int rc;

	if (c->cmd == &cmd_edit_entry && argc == 0) {
		cli_help(c);
		return CLI_BAD;
	}
	if (c->cmd == &cmd_edit_entry && argc > 1) {
		cli_error(_("unknown command \"%s\"; see `hyoka --help`"),
		          argv[0]);
		return CLI_BAD;
	}
	if (!cli_load_form(c))
		return CLI_BAD;
	rc = c->cmd->exec(c, argc, argv);
	cli_kept_form = c->fd;
	c->fd = NULL;
	return rc;
}

/* Find the command, parse its options, load the form and run it. */
int
cli_main(int argc, char **argv)
{
	struct cli c = {&cmd_edit_entry, NULL, NULL, NULL, NULL, NULL, 0};
	char **args;
	int at, nargs = 0, rc;

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
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		charset_add_name(argv[i][0] == '-' && eq ? eq + 1 : argv[i]);
	}
	at = cli_find_command(argc, argv);
	for (size_t i = 0; at < argc && cmd_table[i] != NULL; i++)
		if (strcmp(argv[at], cmd_table[i]->name) == 0)
			c.cmd = cmd_table[i];
	/* The arguments of the command: all but the command word. */
	args = xcalloc((size_t)argc + 1, sizeof *args);
	for (int i = 0; i < argc; i++)
		if (i != at || c.cmd == &cmd_edit_entry)
			args[nargs++] = argv[i];
	if (cli_parse(&c, nargs, args, &rc))
		rc = cli_run(&c, nargs - optind, args + optind);
	if (!cli_flush_stdout())
		rc = CLI_BAD;
	for (size_t i = 0; i < c.ntexts; i++)
		free(c.texts[i]);
	free(c.texts);
	free(c.opts);
	free(args);
	return rc;
}
