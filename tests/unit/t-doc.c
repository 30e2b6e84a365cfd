/* Unit tests of the document model and the condition language. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "fdef.h"
#include "xalloc.h"
#include "../tap.h"
#include "testform.h"

/* Set path to input; return NULL or the error (caller frees). */
static char *
set(struct doc *d, const char *path, const char *input)
{
	struct doc_ptr p;
	struct doc_value v;
	char *err = NULL;

	if (!doc_resolve(d, path, true, &p, &err))
		return err;
	if (!doc_parse_input(d, p.node, input, &v, &err))
		return err;
	doc_set(d, &p, &v);
	return NULL;
}

/* Get the formatted value at path; caller frees. */
static char *
get(struct doc *d, const char *path)
{
	struct doc_ptr p;
	char *err = NULL;

	if (!doc_resolve(d, path, false, &p, &err))
		return err;
	return doc_format_value(p.node, &doc_slot(p.g, p.node)->val);
}

/* Tell whether the item at path is shown. */
static int
shown(struct doc *d, const char *path)
{
	struct doc_ptr p;
	char *err = NULL;
	int r;

	if (!doc_resolve(d, path, true, &p, &err)) {
		free(err);
		return -1;
	}
	r = doc_visible(d, p.g, p.node);
	return r;
}

/* Expect set to succeed and get to return want. */
static void
roundtrip(struct doc *d, const char *path, const char *in, const char *want)
{
	char *e = set(d, path, in), *g = e ? NULL : get(d, path);

	ok(e == NULL && g != NULL && strcmp(g, want) == 0,
	   "set %s to \"%s\" reads \"%s\" (got %s)", path, in, want, e ? e : g);
	free(e);
	free(g);
}

/* Expect set to fail with a message containing what. */
static void
refused(struct doc *d, const char *path, const char *in, const char *what)
{
	char *e = set(d, path, in);

	ok(e != NULL && strstr(e, what) != NULL,
	   "set %s to \"%s\" is refused mentioning \"%s\" (got %s)", path, in,
	   what, e ? e : "success");
	free(e);
}

int
main(void)
{
	struct diag_list dl;
	struct fdef *fd;
	struct doc *d;
	char *e;

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load_mem("t.yaml", testform, strlen(testform), &dl);
	ok(fd != NULL, "the test form loads");
	if (fd == NULL)
		return done_testing();
	d = doc_new(fd, fd->default_version);

	roundtrip(d, "top.name", "みどり市", "みどり市");
	refused(d, "top.name", "一行目\n二行目", "one-line");
	roundtrip(d, "top.body", "一行目\n二行目\n", "一行目\n二行目\n");
	roundtrip(d, "top.day", "R6.5.24", "令和6年5月24日");
	roundtrip(d, "top.day", "2019-05-01", "令和元年5月1日");
	refused(d, "top.day", "平成31年5月1日", "");
	refused(d, "top.day", "平成27年10月", "");
	roundtrip(d, "top.ym", "平成27年10月", "平成27年10月");
	roundtrip(d, "top.num", "０９", "9");
	refused(d, "top.num", "九", "whole number");
	refused(d, "files.2.has", "委託する", "the next one is number 1");
	roundtrip(d, "files.1.has", "委託する", "委託する");
	roundtrip(d, "files.2.has", "委託する", "委託する");
	refused(d, "files.1.items.2.sub", "再委託する",
	        "the next one is number 1");
	roundtrip(d, "files.2.has", "2", "委託しない");
	refused(d, "files.2.has", "委託", "1) 委託する  2) 委託しない");
	refused(d, "files.4.has", "委託する", "at most 3");
	refused(d, "files.1.items.3.sub", "再委託する", "at most 2");
	refused(d, "files.1.nosuch", "x", "unknown item");
	refused(d, "files.x.has", "委託する", "number of the entry");
	refused(d, "files.1", "委託する", "block, not an item");
	roundtrip(d, "files.1.status", "提供を行っている\n移転を行っている",
	          "提供を行っている\n移転を行っている");
	refused(d, "files.1.status", "行っていない\n提供を行っている",
	        "exclusive");
	refused(d, "files.1.status", "旧だけ", "not a checkbox");
	refused(d, "files.1.status", "提供を行っている\n提供を行っている",
	        "twice");
	roundtrip(d, "files.1.none", "true", "true");
	roundtrip(d, "files.1.none", "false", "false");
	refused(d, "files.1.none", "maybe", "true or false");
	roundtrip(d, "files.1.rows", "宛名\t1\t氏名\n資格\t\t番号",
	          "宛名\t1\t氏名\n資格\t\t番号");
	refused(d, "files.1.rows", "a\tb\tc\td", "at most 3");
	refused(d, "files.1.rows", "a\nb\nc\nd\ne\nf", "at most 5 rows");

	/* Visibility follows the conditions, and hiding keeps the value. */
	e = set(d, "files.1.has", "委託する");
	free(e);
	e = set(d, "files.1.items.1.sub", "再委託する");
	free(e);
	e = set(d, "files.1.items.1.how", "書面で許諾");
	free(e);
	is_int(shown(d, "files.1.items.1.how"), 1, "⑤ shown when 再委託する");
	e = set(d, "files.1.items.1.sub", "再委託しない");
	free(e);
	is_int(shown(d, "files.1.items.1.how"), 0,
	       "⑤ hidden when 再委託しない");
	e = get(d, "files.1.items.1.how");
	is_str(e, "書面で許諾", "a hidden item keeps its text");
	free(e);
	e = set(d, "files.1.items.1.sub", "再委託する");
	free(e);
	e = set(d, "files.1.has", "委託しない");
	free(e);
	is_int(shown(d, "files.1.items.1.how"), 0,
	       "⑤ hidden when the whole repeat is hidden by 委託しない");
	is_int(shown(d, "files.1.count"), 0, "count hidden when 委託しない");
	e = set(d, "files.1.status", "移転を行っている");
	free(e);
	is_int(shown(d, "files.1.provide_count"), 0,
	       "a companion is hidden while its member is unchecked");
	e = set(d, "files.1.status", "提供を行っている");
	free(e);
	is_int(shown(d, "files.1.provide_count"), 1,
	       "a companion is shown when its member is checked");

	/* Checks written in the condition language. */
	e = set(d, "files.1.none", "false");
	free(e);
	check_doc(d, "d.yaml", &dl);
	{
		int r1 = 0, req = 0;

		for (size_t i = 0; i < dl.n; i++) {
			if (dl.v[i].rule && strcmp(dl.v[i].rule, "R1") == 0 &&
			    strcmp(dl.v[i].ref, "F1:III-4") == 0)
				r1++;
			if (dl.v[i].rule &&
			    strcmp(dl.v[i].rule, "required") == 0 &&
			    strcmp(dl.v[i].path, "files.1.provide_count") == 0)
				req++;
		}
		is_int(r1, 1,
		       "R1 fires on file 1 (委託しない without the flag)");
		is_int(req, 1, "the shown companion count is required");
	}
	diag_list_fini(&dl);
	e = set(d, "files.1.none", "true");
	free(e);
	check_doc(d, "d.yaml", &dl);
	{
		int r1 = 0;

		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].rule && strcmp(dl.v[i].rule, "R1") == 0 &&
			    strcmp(dl.v[i].ref, "F1:III-4") == 0)
				r1++;
		is_int(r1, 0, "R1 is quiet once the flag is checked");
	}
	diag_list_fini(&dl);
	e = set(d, "files.1.has", "委託する");
	free(e);
	check_doc(d, "d.yaml", &dl);
	{
		int r5 = 0;

		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].rule && strcmp(dl.v[i].rule, "R5") == 0)
				r5++;
		is_int(r5, 1,
		       "any() over a repeat: R5 fires with 再委託する and no "
		       "count");
	}
	diag_list_fini(&dl);

	/* An imported value to confirm (要確認): check warns about it, the
	 * guided walk stops on it, and changing or confirming the value
	 * clears it. */
	{
		struct doc_ptr p;
		char *err = NULL;
		const struct diag *hit = NULL;

		e = set(d, "top.name", "いわき市");
		free(e);
		doc_resolve(d, "top.name", false, &p, &err);
		doc_review_add(p.g, "name", "印が消えています");
		check_doc(d, "d.yaml", &dl);
		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].rule &&
			    strcmp(dl.v[i].rule, CHECK_REVIEW_RULE) == 0)
				hit = &dl.v[i];
		ok(hit != NULL && hit->sev == DIAG_WARNING &&
		           strstr(hit->msg, "印が消えています") != NULL &&
		           strcmp(hit->path, "top.name") == 0,
		   "a value to confirm is a warning naming the item and the "
		   "reason");
		ok(hit != NULL && check_stops_walk(hit),
		   "the guided walk stops on it");
		diag_list_fini(&dl);
		e = set(d, "top.name", "いわき市");
		free(e);
		ok(doc_review_of(p.g, p.node) != NULL,
		   "setting the same value does not confirm it");
		e = set(d, "top.name", "いわき市長");
		free(e);
		ok(doc_review_of(p.g, p.node) == NULL,
		   "changing the value clears the mark");
		doc_review_add(p.g, "name", "");
		ok(doc_review_confirm(p.g, p.node) &&
		           doc_review_of(p.g, p.node) == NULL,
		   "confirming the value clears the mark");
		ok(!doc_review_confirm(p.g, p.node),
		   "confirming twice finds nothing to clear");
		check_doc(d, "d.yaml", &dl);
		hit = NULL;
		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].rule &&
			    strcmp(dl.v[i].rule, CHECK_REVIEW_RULE) == 0)
				hit = &dl.v[i];
		ok(hit == NULL, "no warning once confirmed");
		diag_list_fini(&dl);
	}

	doc_free(&d);
	ok(d == NULL, "doc_free nulls the pointer");
	fdef_free(&fd);
	return done_testing();
}
