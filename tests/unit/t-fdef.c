/* Unit tests of the form definition loader. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "fbuiltin.h"
#include "fdef.h"
#include "sbuf.h"
#include "xalloc.h"
#include "../tap.h"
#include "testform.h"

/* Count the nodes where two trees differ (kind, text, style, position,
 * number of kids), comparing the kids of equal nodes too. No memory. */
static size_t
tree_diffs(const struct ytree *a, const struct ytree *b, size_t *nodes)
{
	size_t d = 0;

	(*nodes)++;
	if (a->kind != b->kind || a->len != b->len || a->style != b->style ||
	    a->plain_implicit != b->plain_implicit || a->line != b->line ||
	    a->col != b->col || a->n != b->n ||
	    (a->kind == YT_SCALAR &&
	     (a->s[a->len] != '\0' || b->s[b->len] != '\0' ||
	      memcmp(a->s, b->s, a->len) != 0)))
		return 1;
	for (size_t i = 0; i < a->n; i++)
		d += tree_diffs(a->kids[i], b->kids[i], nodes);
	return d;
}

/* Load text as a form; return the first diagnostic (caller frees) or NULL. */
static char *
load_error(const char *text)
{
	struct diag_list dl;
	struct fdef *fd;
	char *r = NULL;

	diag_list_init(&dl);
	fd = fdef_load_mem("f.yaml", text, strlen(text), &dl);
	if (fd == NULL && dl.n > 0)
		r = xasprintf("%d:%d: %s", dl.v[0].line, dl.v[0].col,
		              dl.v[0].msg);
	else if (fd == NULL)
		r = xstrdup("failed without a message");
	fdef_free(&fd);
	diag_list_fini(&dl);
	return r;
}

/* Replace the first occurrence of from in testform by to; caller frees. */
static char *
mutate(const char *from, const char *to)
{
	const char *p = strstr(testform, from);
	struct sbuf sb;

	if (p == NULL)
		return xstrdup(testform);
	sbuf_init(&sb);
	sbuf_add(&sb, testform, (size_t)(p - testform));
	sbuf_adds(&sb, to);
	sbuf_adds(&sb, p + strlen(from));
	return sbuf_detach(&sb);
}

/* Expect a mutation of the test form to fail with a message at a line. */
static void
expect_error(const char *from, const char *to, const char *where,
             const char *what)
{
	char *text = mutate(from, to);
	char *e = load_error(text);

	ok(e != NULL && strncmp(e, where, strlen(where)) == 0 &&
	           strstr(e, what) != NULL,
	   "%s -> error at %s mentioning \"%s\" (got: %s)", to, where, what,
	   e ? e : "no error");
	free(e);
	free(text);
}

int
main(void)
{
	struct diag_list dl;
	struct fdef *fd;
	const struct fdef_node *n;
	char *s;
	size_t idx[2] = {1, 0};

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load_mem("t.yaml", testform, strlen(testform), &dl);
	ok(fd != NULL, "the test form loads");
	if (fd == NULL) {
		for (size_t i = 0; i < dl.n; i++)
			diag("%d:%d %s", dl.v[i].line, dl.v[i].col,
			     dl.v[i].msg);
		return done_testing();
	}
	is_int((int)fd->nversions, 2, "two versions");
	is_int((int)fd->default_version, 1, "default version is NEW");
	n = fdef_find(fd, "files.*.items.*.sub");
	ok(n != NULL && n->type == FT_CHOICE, "find a choice two repeats deep");
	is_str(n ? n->path : NULL, "files.*.items.*.sub",
	       "its path has two stars");
	is_str(n ? n->ref : NULL, "F*:II-4-委託事項*-④",
	       "its ref has the F*: prefix");
	s = n ? fdef_ref_at(n, idx, 2) : NULL;
	is_str(s, "F2:II-4-委託事項1-④", "ref with indices filled in");
	free(s);
	n = fdef_find(fd, "files.*.provide_count");
	ok(n != NULL && n->companion_of != NULL && n->member == 0,
	   "a companion knows its member");
	n = fdef_find(fd, "files.*.has");
	ok(n != NULL && n->nreaders == 2,
	   "has is read by two conditions (count, items)");
	n = fdef_find(fd, "files.*.status");
	ok(n != NULL && fdef_member_index(n, "旧だけ", 1) < 0 &&
	           fdef_member_index(n, "旧だけ", 0) == 3,
	   "a member limited to one version");
	ok(fdef_find(fd, "files.*.nosuch") == NULL, "unknown path is NULL");
	is_int((int)fd->nchecks, 2, "two checks");
	ok(fd->checks[1].nreads == 3, "check R5 reads items, sub and count");
	is_str(fdef_type_name(FT_TABLE), "table", "type names");
	/* A heading adds no level: its items keep their paths. */
	is_int((int)fd->nheadings, 1, "one heading");
	n = fdef_find(fd, "files.*.items.*.sub");
	ok(n != NULL && n->heading == fd->headings[0] && n->heading->first == n,
	   "④ is the first item under the heading");
	is_str(n && n->heading ? n->heading->label : NULL, "再委託",
	       "the heading's label as printed");
	is_str(n && n->heading ? n->heading->ref : NULL,
	       "F*:II-4-委託事項*-再委託", "its ref has the F*: prefix");
	n = fdef_find(fd, "files.*.items.*.how");
	ok(n != NULL && n->heading == fd->headings[0] && n->show != NULL,
	   "⑤ is under it too, with its condition");
	n = fdef_find(fd, "files.*.has");
	ok(n != NULL && n->heading == NULL, "委託の有無 has no heading");
	n = fdef_find(fd, "files.*.rows");
	ok(n != NULL && n->ncolumns == 3 && n->columns[1].old_key != NULL &&
	           strcmp(n->columns[1].old_key, "no") == 0,
	   "a column keeps its old key");
	n = fdef_find(fd, "files");
	is_str(n ? n->name_prefix : NULL, "ファイル*",
	       "a repeat's name prefix");
	is_str(n ? n->kids[0]->ref_local : NULL, "II-4",
	       "ref_local leaves out the F*: prefix");
	fdef_free(&fd);
	ok(fd == NULL, "fdef_free nulls the pointer");

	expect_error("{key: name, type: line,", "{key: Name, type: line,",
	             "13:", "key");
	expect_error("{key: body, type: text,", "{key: name, type: text,",
	             "14:", "twice");
	expect_error("{key: num, type: number,", "{key: num, type: numbr,",
	             "17:", "type");
	expect_error(
	        "{key: num, type: number,", "{key: num, type: numbr,", "",
	        "one of line, text, choice, multi, flag, count, date, number, table (got \"numbr\")");
	expect_error("ref: T-5}", "ref: T-5, colour: red}", "17:", "colour");
	expect_error("options: [委託する, 委託しない]}", "}",
	             "26:", "no options");
	expect_error("show: 'has == \"委託する\"'}",
	             "show: 'hass == \"委託する\"'}", "27:", "unknown item");
	expect_error("show: 'has == \"委託する\"'}", "show: 'has == \"委託\"'}",
	             "27:", "not an option");
	expect_error("show: 'has == \"委託する\"'}", "show: 'has == 3'}",
	             "27:", "different types");
	expect_error("show: 'has == \"委託する\"'}", "show: 'has(has, \"x\")'}",
	             "27:", "checkbox");
	expect_error("show: 'has == \"委託する\"'}",
	             "show: 'has == \"委託する\" &&'}",
	             "27:", "end of condition");
	expect_error("{key: count, type: count, label: 件数, ref: II-4-件数, "
	             "show: 'has == \"委託する\"'}",
	             "{key: count, type: count, label: 件数, ref: II-4-件数, "
	             "show: 'count > 0'}",
	             "27:", "depends on itself");
	expect_error("versions: [OLD]}", "versions: [MID]}",
	             "49:", "unknown form version");
	expect_error("companion_of: status, member: 提供を行っている}",
	             "companion_of: status, member: 提供}", "50:", "member");
	expect_error("max: 3\n", "max: 0\n", "22:", "max");
	expect_error("    at: none\n", "    at: nobody\n",
	             "63:", "unknown item");
	expect_error("form: t\n", "form: t\n  x: [\n", "2:", "YAML");
	expect_error("form: t\n", "form: t\nform: u\n", "2:", "duplicate");
	expect_error("items:\n", "anchor: &a 1\nitems:\n", "7:", "anchors");
	expect_error("            label: 再委託\n", "", "",
	             "heading needs a \"label\"");
	expect_error("          - kind: heading\n",
	             "          - kind: heading\n            key: x\n", "",
	             "unknown field \"key\"");
	expect_error("              - {key: how,",
	             "              - {key: g, kind: group, label: G, items: "
	             "[{key: x, type: line, label: X}]}\n"
	             "              - {key: how,",
	             "", "holds items only");
	expect_error("      - {key: has,", "      - {key: has, rule: R9,", "",
	             "no statement under rules:");
	expect_error("kind: group\n    title: 1. 表紙\n",
	             "kind: group\n    name_prefix: x\n    title: 1. 表紙\n",
	             "", "only a repeat");
	/* The change-log checks take their words from the form. */
	expect_error("checks:\n",
	             "checks:\n  - {id: X19, kind: change_ref, severity: "
	             "warning, scope: files.*, item: has, message: m, texts: "
	             "{two: a}}\n",
	             "60:", "needs the text \"many\" under texts:");
	expect_error("checks:\n",
	             "checks:\n  - {id: X18, kind: change_timing, severity: "
	             "warning, scope: files.*, item: has, timing: has, reason: "
	             "has, message: m, texts: {more: b}}\n",
	             "60:", "preset of its reason item with important: false");
	diag_list_fini(&dl);
	{
		/* The form compiled in is forms/jyuten.yaml as the loader
		 * reads it: the same tree, node for node. */
		const char *top = getenv("top_srcdir");
		char *path = xasprintf("%s/forms/jyuten.yaml",
		                       top ? top : ABS_TOP_SRCDIR);
		static const struct ytree_limits lim = {4u << 20, 1u << 20, 64,
		                                        300000};
		struct ytree *t;
		size_t nodes = 0;

		diag_list_init(&dl);
		t = ytree_load_file(path, &lim, &dl);
		ok(t != NULL, "forms/jyuten.yaml loads");
		if (t != NULL) {
			is_int((int)tree_diffs(t, fbuiltin_root, &nodes), 0,
			       "the form compiled in is the tree of "
			       "forms/jyuten.yaml");
			ok(nodes > 1000, "compared node for node (%zu nodes)",
			   nodes);
		}
		ytree_free(&t);
		fd = fdef_load_builtin(&dl);
		ok(fd != NULL && dl.n == 0,
		   "the form compiled in loads without a message");
		fdef_free(&fd);
		diag_list_fini(&dl);
		free(path);
	}
	return done_testing();
}
