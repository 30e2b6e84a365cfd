#include <config.h>
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "import.h"
#include "ireport.h"
#include "isrc.h"
#include "xalloc.h"

static const struct cmd_option cmd_import_options[] = {
        {"output", 'o', "OUT", N_("the assessment to write (required)")},
        {"report", 0, "REPORT",
         N_("write the report to this file instead of standard output")},
        {"report-format", 0, "FORMAT",
         N_("text (the default) or tsv: one line per note")},
        {"encoding", 0, "E",
         N_("encoding of a text source: UTF-8, CP932 or EUC-JP (default: "
            "detected)")},
        {"force", 0, NULL, N_("write over an existing OUT (kept as OUT~)")},
        {NULL, 0, NULL, NULL},
};

/* Say whether two paths name the same existing file. No memory. */
static bool
cmd_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Write the report to the file path (UTF-8); false with a message. */
static bool
cmd_write_report(const char *path, const char *text)
{
	char *err = NULL;

	if (fsave_write(path, text, strlen(text), FSAVE_OUTPUT, &err))
		return true;
	cli_error("%s", err);
	free(err);
	return false;
}

/* hyoka import SRC -o OUT: read a published assessment into a document. */
static int
cmd_import(struct cli *c, int argc, char **argv)
{
	const char *out = cli_opt(c, "output");
	const char *report = cli_opt(c, "report");
	const char *format = cli_opt(c, "report-format");
	bool force = cli_opt(c, "force") != NULL, tsv, locked = false;
	struct import_opts opts = {c->form_version, false, NULL};
	struct session lock;
	struct import_result r;
	struct isrc src;
	char *err = NULL, *text;
	int rc = CLI_OK;

	if (argc != 1 || out == NULL || out[0] == '\0')
		return cli_usage_error(c);
	if (format != NULL && strcmp(format, "text") != 0 &&
	    strcmp(format, "tsv") != 0) {
		cli_error(_("unknown report format \"%s\"; use text or tsv"),
		          format);
		return CLI_BAD;
	}
	tsv = format != NULL && strcmp(format, "tsv") == 0;
	if (cmd_same_file(argv[0], out) ||
	    (report != NULL &&
	     (cmd_same_file(argv[0], report) || cmd_same_file(out, report) ||
	      strcmp(out, report) == 0))) {
		cli_error("%s", _("the source, the output and the report must "
		                  "be three different files"));
		return CLI_BAD;
	}
	if (!force && access(out, F_OK) == 0) {
		cli_error(_("%s already exists and was not changed; give "
		            "another name, or --force to write over it (the "
		            "old file is kept as %s~)"),
		          out, out);
		return CLI_BAD;
	}
	/* Over an existing file: not while an editor or a command holds it;
	 * held until the new one is saved. */
	if (force && access(out, F_OK) == 0) {
		if (!cli_lock(&lock, out))
			return CLI_BAD;
		locked = true;
	}
	if (isrc_load(argv[0], cli_opt(c, "encoding"), &src, &err) != ISRC_OK) {
		cli_error("%s: %s", argv[0], err);
		free(err);
		if (locked)
			session_fini(&lock);
		return CLI_BAD;
	}
	opts.pdf = src.pdf;
	opts.box = src.boxed ? &src.box : NULL;
	if (!import_text(c->fd, src.text, src.len, &opts, &r, &err)) {
		cli_error("%s", err);
		free(err);
		isrc_fini(&src);
		if (locked)
			session_fini(&lock);
		return CLI_BAD;
	}
	if (!cli_save(r.doc, out, force ? FSAVE_REPLACE : FSAVE_CREATE)) {
		rc = CLI_BAD;
	} else {
		struct ireport_source rs = {argv[0], src.encoding, src.pdf, out,
		                            src.boxed};

		text = tsv ? ireport_tsv(&r) : ireport_text(&r, &rs);
		if (report != NULL) {
			if (!cmd_write_report(report, text))
				rc = CLI_BAD;
			else
				cli_say(stdout,
				        _("%s written: %zu items read, %zu to "
				          "confirm (要確認), %zu not found, %zu "
				          "source lines unmapped; the report is "
				          "in %s\n"),
				        out, r.nread, r.nuncertain, r.nmissing,
				        r.nunmapped, report);
		} else {
			charset_fputs(stdout, text);
		}
		free(text);
	}
	import_result_fini(&r);
	isrc_fini(&src);
	if (locked)
		session_fini(&lock);
	return rc;
}

/* hyoka import: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_import_entry = {
        .name = "import",
        .args = "SRC -o OUT [--report REPORT] [--force] [OPTION]...",
        .help = N_("read last year's published assessment (a PDF or its "
                   "text) into a new document; uncertain readings are "
                   "marked 要確認"),
        .options = cmd_import_options,
        .exec = cmd_import,
};
