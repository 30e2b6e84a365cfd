/* Unit tests of document loading and saving. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "docio.h"
#include "fdef.h"
#include "sbuf.h"
#include "xalloc.h"
#include "../tap.h"
#include "testform.h"

static struct fdef *fd;

static const char canonical[] = "hyoka: 1\n"
                                "form: t\n"
                                "form_version: NEW\n"
                                "top:\n"
                                "  name: みどり市\n"
                                "  body: |\n"
                                "    ・一行目\n"
                                "    <本市における措置>\n"
                                "  day: 令和6年5月24日\n"
                                "  num: 9\n"
                                "  future: kept\n"
                                "files:\n"
                                "- has: 委託する\n"
                                "  count: 2\n"
                                "  items:\n"
                                "  - {}\n"
                                "  - sub: 再委託する\n"
                                "    how: |-\n"
                                "      書面\n"
                                "        字下げ\n"
                                "  status:\n"
                                "  - 提供を行っている\n"
                                "  - 移転を行っている\n"
                                "  none: true\n"
                                "  rows:\n"
                                "  - group: 宛名\n"
                                "    number: '1'\n"
                                "    name: 氏名\n"
                                "  - {}\n"
                                "- {}\n"
                                "- has: 委託しない\n"
                                "extra:\n"
                                "  nested:\n"
                                "  - 'true'\n"
                                "  - 3\n";

/* Load text; return the first diagnostic as "L:C: msg" or NULL. */
static char *
load_error(const char *text, size_t len)
{
	struct diag_list dl;
	struct doc *d;
	char *r = NULL;

	diag_list_init(&dl);
	d = docio_load_mem(fd, "d.yaml", text, len, &dl);
	if (d == NULL)
		r = dl.n ? xasprintf("%d:%d: %s", dl.v[0].line, dl.v[0].col,
		                     dl.v[0].msg)
		         : xstrdup("no message");
	doc_free(&d);
	diag_list_fini(&dl);
	return r;
}

/* Expect text to be refused at a position with a message mentioning what. */
static void
refused(const char *name, const char *text, size_t len, const char *where,
        const char *what)
{
	char *e = load_error(text, len);

	ok(e != NULL && strncmp(e, where, strlen(where)) == 0 &&
	           strstr(e, what) != NULL,
	   "%s: refused at %s mentioning \"%s\" (got: %s)", name, where, what,
	   e ? e : "loaded");
	free(e);
}

/* Expect text to be refused (given as a C string). */
static void
refused_s(const char *name, const char *text, const char *where,
          const char *what)
{
	refused(name, text, strlen(text), where, what);
}

/* Prefix text with the header of a test document; caller frees. */
static char *
with_header(const char *body)
{
	return xasprintf("hyoka: 1\nform: t\nform_version: NEW\n%s", body);
}

int
main(void)
{
	struct diag_list dl;
	struct doc *d;
	char *out, *s;
	size_t len;

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load_mem("t.yaml", testform, strlen(testform), &dl);
	ok(fd != NULL, "the test form loads");
	if (fd == NULL)
		return done_testing();

	d = docio_load_mem(fd, "c.yaml", canonical, strlen(canonical), &dl);
	ok(d != NULL, "a canonical document loads");
	for (size_t i = 0; i < dl.n; i++)
		diag("%d:%d: %s", dl.v[i].line, dl.v[i].col, dl.v[i].msg);
	if (d == NULL)
		return done_testing();
	out = docio_emit(d, &len);
	is_str(out, canonical, "saving it again gives the same bytes");
	ok(strstr(out, "future: kept") != NULL, "an unknown key is kept");
	doc_free(&d);
	free(out);

	/* A text that YAML 1.1 tools would read as something else is
	 * written quoted; other text plain. */
	{
		static const char *const quoted[] = {
		        "yes",  "On",    "n",         "~",   "<<",
		        "=",    "0x1F",  "-1.5",      "+.5", ".inf",
		        "0o17", "12:30", "2024-01-02"};
		static const char *const plain[] = {"はい", "abc", "x=1",
		                                    "令和6年", "Yes please"};
		size_t wrong = 0;

		for (size_t i = 0; i < 18; i++) {
			bool q = i < 13;
			const char *v = q ? quoted[i] : plain[i - 13];
			char *want = xasprintf(
			        q ? "  name: '%s'\n" : "  name: %s\n", v);

			s = xasprintf("hyoka: 1\nform: t\nform_version: NEW\n"
			              "top:\n  name: '%s'\n",
			              v);
			d = docio_load_mem(fd, "q.yaml", s, strlen(s), &dl);
			out = d ? docio_emit(d, &len) : NULL;
			if (out == NULL || strstr(out, want) == NULL) {
				if (wrong++ == 0)
					diag("%s: got %s", v, out ? out : "-");
			}
			free(out);
			free(want);
			free(s);
			doc_free(&d);
		}
		is_int((long long)wrong, 0,
		       "look-alikes of YAML 1.1 values are quoted, other text "
		       "is not");
	}

	/* CRLF line ends and a byte-order mark load fine. */
	{
		struct sbuf sb;

		sbuf_init(&sb);
		sbuf_adds(&sb, "\xEF\xBB\xBF");
		for (const char *p = canonical; *p; p++) {
			if (*p == '\n')
				sbuf_addc(&sb, '\r');
			sbuf_addc(&sb, *p);
		}
		d = docio_load_mem(fd, "crlf.yaml", sb.buf, sb.len, &dl);
		ok(d != NULL, "a document with a BOM and CRLF line ends loads");
		out = d ? docio_emit(d, &len) : NULL;
		is_str(out, canonical,
		       "and is saved with LF line ends, no BOM");
		free(out);
		doc_free(&d);
		sbuf_fini(&sb);
	}

	/* 別添1's No. was keyed no, which YAML 1.1 tools read as false:
	 * the old key is still read, and written as number. */
	s = with_header("files:\n- rows:\n  - group: 宛名\n    no: '7'\n"
	                "    name: 氏名\n");
	d = docio_load_mem(fd, "old.yaml", s, strlen(s), &dl);
	free(s);
	out = d ? docio_emit(d, &len) : NULL;
	ok(out != NULL &&
	           strstr(out, "  - group: 宛名\n    number: '7'\n") != NULL &&
	           strstr(out, " no:") == NULL,
	   "the old column key no is read and saved as number (got %s)",
	   out ? out : "not loaded");
	free(out);
	doc_free(&d);
	s = with_header("files:\n- rows:\n  - group: 宛名\n    no: '7'\n"
	                "    number: '8'\n");
	refused_s("the old and the new key of one column", s, "8:5", "twice");
	free(s);

	/* Imported values to confirm are kept beside their items. */
	{
		static const char review[] = "hyoka: 1\n"
		                             "form: t\n"
		                             "form_version: NEW\n"
		                             "top:\n"
		                             "  name: みどり市\n"
		                             "  review:\n"
		                             "  - item: name\n"
		                             "    reason: 印が消えています\n"
		                             "  - item: day\n"
		                             "    reason: ''\n";

		d = docio_load_mem(fd, "r.yaml", review, strlen(review), &dl);
		ok(d != NULL && d->root->slots[0].grp->nrev == 2,
		   "the items to confirm of a section load");
		out = d ? docio_emit(d, &len) : NULL;
		is_str(out, review, "and are saved back the same");
		free(out);
		doc_free(&d);
	}
	s = with_header("top:\n  review:\n  - item: nosuch\n");
	refused_s("an item to confirm that is not in the section", s, "6:5",
	          "item");
	free(s);
	s = with_header("top:\n  review: yes\n");
	refused_s("review that is not a list", s, "5:11", "list");
	free(s);

	refused_s("empty file", "", "", "empty");
	refused_s("not a mapping", "- a\n", "1:1", "not a hyoka document");
	refused_s("missing hyoka key", "form: t\n", "1:1", "hyoka: 1");
	refused_s("newer format", "hyoka: 2\nform: t\nform_version: NEW\n",
	          "1:8", "newer");
	refused_s("other form", "hyoka: 1\nform: x\nform_version: NEW\n", "2:7",
	          "form");
	refused_s("unknown version", "hyoka: 1\nform: t\nform_version: V9\n",
	          "3:15", "OLD, NEW");
	s = with_header("top:\n  name: a\n  name: b\n");
	refused_s("duplicate key", s, "6:3", "duplicate");
	free(s);
	s = with_header("top:\n  name: &a x\n  body: *a\n");
	refused_s("anchor", s, "5:9", "anchors");
	free(s);
	s = with_header("top: *x\n");
	refused_s("alias", s, "4:6", "");
	free(s);
	s = with_header("top:\n  name: [a, b]\n");
	refused_s("wrong type (list for text)", s, "5:9", "must be");
	free(s);
	s = with_header("top:\n  num: 九\n");
	refused_s("not a number", s, "5:8", "whole number");
	free(s);
	s = with_header("files:\n- has: 委託\n");
	refused_s("option not in the list", s, "5:8", "not an option");
	free(s);
	s = with_header(
	        "files:\n- status:\n  - 提供を行っている\n  - 旧だけ\n");
	refused_s("member of another version", s, "7:5", "not a checkbox");
	free(s);
	s = with_header("files:\n- {}\n- {}\n- {}\n- {}\n");
	refused_s("repeat beyond its limit", s, "8:3", "at most 3");
	free(s);
	s = with_header("top:\n  day: 平成32年1月1日\n");
	refused_s("a date after the end of 平成", s, "5:8", "");
	free(s);
	{
		struct sbuf deep;

		sbuf_init(&deep);
		sbuf_adds(&deep, "top:\n");
		for (int i = 1; i < 20; i++) {
			for (int k = 0; k < i; k++)
				sbuf_adds(&deep, "  ");
			sbuf_addf(&deep, "k%d:\n", i);
		}
		s = with_header(deep.buf);
		sbuf_fini(&deep);
	}
	refused_s("nesting too deep", s, "20:", "nested");
	free(s);
	{
		struct sbuf sb;
		char *big = xmalloc((1u << 20) + 2);

		memset(big, 'a', (1u << 20) + 1);
		big[(1u << 20) + 1] = '\0';
		sbuf_init(&sb);
		sbuf_adds(
		        &sb,
		        "hyoka: 1\nform: t\nform_version: NEW\ntop:\n  body: ");
		sbuf_adds(&sb, big);
		sbuf_adds(&sb, "\n");
		refused("a value over 1 MiB", sb.buf, sb.len, "5:9", "limit");
		sbuf_fini(&sb);
		free(big);
	}
	refused("invalid UTF-8", "hyoka: 1\nform: t\n\xff\n", 19, "3:1",
	        "UTF-8");
	/* 「テスト」 in Shift_JIS */
	refused("Shift_JIS text",
	        "hyoka: 1\nform: t\ntop:\n  name: \x83\x65\x83\x58\x83\x67\n",
	        33, "4:9", "Shift_JIS");
	refused("a NUL byte", "hyoka: 1\nform: t\0\n", 18, "2:8", "NUL");
	refused_s("two documents", "hyoka: 1\n---\nhyoka: 1\n", "2:1",
	          "more than one");
	refused_s("malformed YAML", "hyoka: 1\nform: [t\n", "", "YAML");

	/* The header first is the usual case; anywhere else it is still
	 * read, and what is wrong is said where it is. */
	s = xasprintf("%s%s", strstr(canonical, "top:\n"),
	              "form_version: NEW\nhyoka: 1\nform: t\n");
	diag_list_init(&dl);
	d = docio_load_mem(fd, "h.yaml", s, strlen(s), &dl);
	out = d != NULL ? docio_emit(d, &len) : NULL;
	is_str(out ? out : "refused", canonical,
	       "the header at the end: loads and saves as the canonical one");
	free(out);
	doc_free(&d);
	diag_list_fini(&dl);
	diag_list_init(&dl);
	free(s);
	refused_s("the header after other keys, of a newer format",
	          "top:\n  name: a\nhyoka: 2\nform: t\nform_version: NEW\n",
	          "3:8", "newer");
	refused_s("no header, other keys first", "top:\n  name: a\nform: t\n",
	          "1:1", "hyoka: 1");
	/* A YAML error is the only message, even after a wrong value. */
	s = with_header("top:\n  num: x\n  name: a\n  name: b\n");
	refused_s("a duplicate key after a wrong value", s, "7:3", "duplicate");
	free(s);
	/* A repeat with too many blocks: that alone is said, not what is
	 * wrong inside its first blocks. */
	s = with_header("files:\n- count: x\n- {}\n- {}\n- {}\n");
	refused_s("repeat beyond its limit, an error inside", s, "8:3",
	          "at most 3");
	free(s);

	diag_list_fini(&dl);
	fdef_free(&fd);
	return done_testing();
}
