/* Unit tests of how items are named to people (name.h). */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fdef.h"
#include "name.h"
#include "xalloc.h"
#include "../tap.h"
#include "testform.h"

static struct doc *d;

/* Expect the item at a concrete path to be named want in a style. */
static void
named_as(const char *path, enum name_style style, const char *want)
{
	struct doc_ptr p;
	char *err = NULL, *got = NULL;

	if (doc_resolve(d, path, true, &p, &err))
		got = style == NAME_PEOPLE ? name_item(p.g, p.node)
		                           : name_item_as(p.g, p.node, style);
	ok(got != NULL && strcmp(got, want) == 0, "%s is named %s (got %s)",
	   path, want, got ? got : err);
	free(got);
	free(err);
}

/* Expect the item at a concrete path to be named want for people. */
static void
named(const char *path, const char *want)
{
	named_as(path, NAME_PEOPLE, want);
}

int
main(void)
{
	struct diag_list dl;
	struct fdef *fd;
	struct doc_group *g;
	char *s;

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load_mem("t.yaml", testform, strlen(testform), &dl);
	ok(fd != NULL, "the test form loads");
	if (fd == NULL)
		return done_testing();
	d = doc_new(fd, 1);

	/* One file: no file in front; ① joins the reference; ※ goes. */
	named("top.name", "T-1 名前");
	named("files.1.has", "II-4 委託の有無");
	named("files.1.count", "II-4-件数");
	named("files.1.items.1.sub", "II-4-委託事項1-④再委託の有無");
	named("files.1.items.2.how", "II-4-委託事項2-⑤再委託の許諾方法");
	named("files.1.rows", "別添1 記録項目");
	named("files.1.provide_count", "II-5 提供件数");
	g = doc_find_group(d, "files.1.items.2");
	s = g ? name_item(g, g->def) : NULL;
	is_str(s, "II-4-委託事項2", "a block is named by its reference");
	free(s);
	g = doc_find_group(d, "files.1");
	s = g ? name_item(g, fdef_find(fd, "files.*.items")) : NULL;
	is_str(s, "II-4 委託事項", "a repeat seen from its holder: no number");
	free(s);
	s = name_item(d->root, fdef_find(fd, "top"));
	is_str(s, "T 1. 表紙", "a section: reference and title");
	free(s);

	/* The same items as a 別添2 row writes them. */
	named_as("files.1.items.1.sub", NAME_LOG,
	         "II-4-委託事項1-④再委託の有無");
	named_as("files.1.provide_count", NAME_LOG, "II-5-提供件数");
	named_as("files.1.count", NAME_LOG, "II-4-件数");
	named_as("files.1.rows", NAME_LOG, "別添1 記録項目");
	named_as("top.name", NAME_LOG, "T-1 名前");

	/* Two files: the form's name_prefix comes first. */
	named("files.2.items.1.sub", "ファイル2 II-4-委託事項1-④再委託の有無");
	named("files.1.has", "ファイル1 II-4 委託の有無");
	named("top.name", "T-1 名前");
	named_as("files.2.items.1.sub", NAME_LOG,
	         "II(2)-4-委託事項1-④再委託の有無");
	g = doc_find_group(d, "files.2");
	s = g ? name_item(g, g->def) : NULL;
	is_str(s, "ファイル2", "a file as a block: no file in front of it");
	free(s);
	s = name_item(doc_find_group(d, "files.2"),
	              fdef_find(fd, "files.*.items.*.sub"));
	ok(s != NULL && strchr(s, '*') == NULL,
	   "an instance that lacks a number leaves no * (got %s)", s);
	free(s);

	doc_free(&d);
	fdef_free(&fd);
	diag_list_fini(&dl);
	return done_testing();
}
