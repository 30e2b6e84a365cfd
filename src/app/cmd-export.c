#include <config.h>
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "charset.h"
#include "export.h"
#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* The most characters without a code listed one by one. */
#define CMD_EXPORT_MAX_LISTED 50

/* A character of the issues: how many places, whether it was told. */
struct cmd_export_char {
	uint32_t cp; /* 0: a free slot */
	size_t places;
	bool told;
};

/* The slot of cp in a table of n (a power of two) slots: its own, or the
 * free one where it goes. Borrowed. */
static struct cmd_export_char *
cmd_export_slot(struct cmd_export_char *t, size_t n, uint32_t cp)
{
	size_t i = (cp * 2654435761u) & (n - 1);

	while (t[i].cp != 0 && t[i].cp != cp)
		i = (i + 1) & (n - 1);
	return &t[i];
}

/* Print the characters the encoding lacks, each with its item, and once
 * each the look-alikes it writes instead of a character (in time linear
 * in the number of places). */
static void
cmd_export_issues(const struct export_result *r, const char *enc, bool lossy)
{
	size_t listed = 0, n = 16;
	struct cmd_export_char *t;

	while (n < 2 * r->nissues)
		n *= 2;
	t = xcalloc(n, sizeof *t);
	for (size_t i = 0; i < r->nissues; i++) {
		struct cmd_export_char *c =
		        cmd_export_slot(t, n, r->issues[i].cp);

		c->cp = r->issues[i].cp;
		c->places++;
	}
	for (size_t i = 0; i < r->nissues; i++) {
		const struct export_issue *is = &r->issues[i];
		struct cmd_export_char *c = cmd_export_slot(t, n, is->cp);
		char ch[8] = {0}, as[8] = {0};
		const char *where = is->name ? is->name : _("the form's text");

		if ((is->becomes != 0 && c->told) ||
		    (is->becomes == 0 && listed++ >= CMD_EXPORT_MAX_LISTED))
			continue;
		c->told = true;
		u8_uctomb((uint8_t *)ch, is->cp, 6);
		if (is->becomes != 0) {
			u8_uctomb((uint8_t *)as, is->becomes, 6);
			cli_say(stderr,
			        _("hyoka: note: 「%s」 (U+%04X) has no %s "
			          "code of its own and is written as 「%s」 "
			          "(U+%04X), which looks the same: %zu "
			          "places, the first in %s\n"),
			        ch, (unsigned)is->cp, enc, as,
			        (unsigned)is->becomes, c->places, where);
		} else {
			cli_say(stderr,
			        lossy ? _("hyoka: %s: 「%s」 (U+%04X) has "
			                  "no %s code; it is written as "
			                  "〓\n")
			              : _("hyoka: %s: 「%s」 (U+%04X) has "
			                  "no %s code\n"),
			        where, ch, (unsigned)is->cp, enc);
		}
	}
	free(t);
	if (r->nlost > CMD_EXPORT_MAX_LISTED)
		cli_say(stderr,
		        _("hyoka: ... and %zu more characters without "
		          "a %s code\n"),
		        r->nlost - CMD_EXPORT_MAX_LISTED, enc);
}

/* Write an export to standard output: on a terminal its control
 * characters (and in UTF-8 its bidirectional controls) are shown as
 * escapes, never sent raw; into a pipe or a file the bytes stay. */
static bool
cmd_export_stdout(const struct export_result *r, bool utf8)
{
	struct sbuf sb;
	bool ok;

	if (!isatty(STDOUT_FILENO))
		return fwrite(r->buf, 1, r->len, stdout) == r->len;
	sbuf_init(&sb);
	if (utf8) {
		char *safe = utf8_escape(r->buf, "\n\t\r");

		sbuf_adds(&sb, safe);
		free(safe);
	} else {
		/* CP932 and EUC-JP: no character has a byte below 0x20 or
		 * 0x7F. */
		for (size_t i = 0; i < r->len; i++) {
			unsigned char b = (unsigned char)r->buf[i];

			if ((b < 0x20 && !strchr("\n\t\r", b)) || b == 0x7F)
				sbuf_addf(&sb, "\\x%02x", b);
			else
				sbuf_addc(&sb, (char)b);
		}
	}
	ok = fwrite(sb.buf, 1, sb.len, stdout) == sb.len;
	sbuf_fini(&sb);
	return ok;
}

/* Export a loaded document to out (NULL: next to file; "-": standard
 * output) and say what happened; returns the exit status. */
static int
cmd_export_doc(const struct doc *d, const char *file, const char *out,
               bool force, const struct export_opts *o)
{
	struct export_result r;
	char *path = out ? xstrdup(out) : export_default_out(file, o->format);
	const char *enc =
	        o->encoding ? charset_canonical(o->encoding) : "UTF-8";
	bool ok;
	int rc = CLI_OK;

	if (strcmp(path, "-") == 0) {
		ok = export_render(d, o, &r);
		if (ok && !cmd_export_stdout(&r, strcmp(enc, "UTF-8") == 0))
			ok = false;
	} else {
		ok = export_write(d, path, force, o, &r);
	}
	cmd_export_issues(&r, enc, o->lossy);
	if (!ok) {
		if (r.err != NULL)
			cli_error("%s", r.err);
		else if (r.nlost > 0)
			cli_error(
			        _("%zu characters have no %s code; nothing was "
			          "written. Replace them, export in UTF-8, or "
			          "give --lossy to write them as 〓"),
			        r.nlost, enc);
		else
			cli_error(_("cannot write %s"), path);
		rc = CLI_BAD;
	} else if (strcmp(path, "-") != 0) {
		cli_say(stdout, _("wrote %s\n"), path);
		if (r.note != NULL)
			cli_error("%s", r.note);
		if (r.in_place != NULL)
			cli_error("%s", r.in_place);
	}
	export_result_fini(&r);
	free(path);
	return rc;
}

/* Read the options of export into o; false with a message when they do
 * not go together. */
static bool
cmd_export_options(struct cli *c, struct export_opts *o)
{
	const char *to = cli_opt(c, "to");

	memset(o, 0, sizeof *o);
	o->encoding = cli_opt(c, "encoding");
	o->bom = cli_opt(c, "bom") != NULL;
	o->crlf = cli_opt(c, "crlf") != NULL;
	o->lossy = cli_opt(c, "lossy") != NULL;
	o->draft = cli_opt(c, "draft") != NULL;
	if (!export_format_parse(to, &o->format)) {
		cli_error(_("unknown format \"%s\"; use html, xlsx, text or "
		            "csv"),
		          to);
		return false;
	}
	if (o->encoding != NULL && charset_canonical(o->encoding) == NULL) {
		cli_error(_("unknown encoding \"%s\"; use UTF-8, CP932 or "
		            "EUC-JP"),
		          o->encoding);
		return false;
	}
	if ((o->encoding || o->lossy) && o->format != EXPORT_TEXT &&
	    o->format != EXPORT_CSV) {
		cli_error("%s",
		          _("--encoding and --lossy are for --to text and "
		            "--to csv (HTML and xlsx are always UTF-8)"));
		return false;
	}
	if ((o->bom || o->crlf) && o->format != EXPORT_TEXT &&
	    o->format != EXPORT_CSV) {
		cli_error("%s", _("--bom and --crlf are for --to text and --to "
		                  "csv (a CSV file in UTF-8 always has both)"));
		return false;
	}
	if (o->bom && o->encoding &&
	    strcmp(charset_canonical(o->encoding), "UTF-8") != 0) {
		cli_error("%s", _("--bom is for UTF-8 only"));
		return false;
	}
	return true;
}

/* hyoka export FILE --to FORMAT ...: write the document in the printed
 * layout. */
static int
cmd_export(struct cli *c, int argc, char **argv)
{
	const char *out = cli_opt(c, "output");
	struct export_opts o;
	struct doc *d;
	int rc;

	if (argc != 1 || cli_opt(c, "to") == NULL)
		return cli_usage_error(c);
	if (!cmd_export_options(c, &o))
		return CLI_BAD;
	if (out != NULL && strcmp(out, "-") == 0 && o.format == EXPORT_XLSX) {
		cli_error("%s", _("a workbook cannot be written to standard "
		                  "output; give -o FILE.xlsx"));
		return CLI_BAD;
	}
	d = cli_load_doc(c, argv[0]);
	if (d == NULL)
		return CLI_BAD;
	rc = cmd_export_doc(d, argv[0], out, cli_opt(c, "force") != NULL, &o);
	doc_free(&d);
	return rc;
}

/* The options of export. */
static const struct cmd_option cmd_export_options_table[] = {
        {"to", 0, "FORMAT", N_("html, xlsx, text or csv")},
        {"output", 'o', "OUT",
         N_("the file to write (default: next to FILE; - for the standard output)")},
        {"encoding", 0, "E",
         N_("text and csv: UTF-8 (the default), CP932 or EUC-JP")},
        {"bom", 0, NULL, N_("text: start with a byte-order mark")},
        {"crlf", 0, NULL, N_("text: CRLF line ends")},
        {"lossy", 0, NULL,
         N_("write a character the encoding lacks as 〓 (and list it)")},
        {"draft", 0, NULL,
         N_("add a footer with the items not filled in and the findings")},
        {"force", 0, NULL,
         N_("replace OUT if it exists (the old file is kept as OUT~)")},
        {NULL, 0, NULL, NULL},
};

/* hyoka export: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_export_entry = {
        .name = "export",
        .args = "FILE --to html|xlsx|text|csv [-o OUT] [OPTION]...",
        .help = N_("write the assessment in the printed layout of the form"),
        .options = cmd_export_options_table,
        .exec = cmd_export,
};
