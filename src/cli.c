#include <config.h>
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "docio.h"
#include "i18n.h"
#include "paths.h"
#include "sbuf.h"
#include "session.h"
#include "utf8.h"
#include "xalloc.h"

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

/* Print diagnostics to standard error in the locale's charset. */
void
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
void
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
bool
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
bool
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

/* Read a whole stream into a string; caller frees. */
char *
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
		rc = cmd_edit(&c, cmd);
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
		rc = cmd_new(&c, argc, argv);
	else if (strcmp(cmd, "fields") == 0)
		rc = cmd_fields(&c, argc);
	else if (strcmp(cmd, "get") == 0)
		rc = cmd_get(&c, argc, argv);
	else if (strcmp(cmd, "set") == 0)
		rc = cmd_set(&c, argc, argv);
	else if (strcmp(cmd, "rules") == 0)
		rc = cmd_rules(&c, argc);
	else if (strcmp(cmd, "accept") == 0)
		rc = cmd_accept(&c, argc, argv);
	else if (strcmp(cmd, "recover") == 0)
		rc = cmd_recover(&c, argc, argv);
	else
		rc = cmd_check(&c, argc, argv);
	fdef_free(&c.fd);
	return rc;
}
