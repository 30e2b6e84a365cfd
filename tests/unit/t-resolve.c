/* Unit tests of the reference resolver on the real form: every item and
 * section of three documents, named by name_item_as(NAME_LOG), resolves back
 * to itself; ※ from the form; the context of the row before. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "docio.h"
#include "fdef.h"
#include "name.h"
#include "resolve.h"
#include "xalloc.h"
#include "../tap.h"

static struct fdef *fd;

struct trip {
	struct resolve *r;
	const struct doc *d;
	int tried, failed;
	int headings; /* printed headings tried */
};

/* The item a section is named by when it holds only that one (II-6 is
 * 保管場所) or its first item has its title (III-9), else the section. No
 * memory. */
static const struct fdef_node *
only_item(const struct fdef_node *n, const struct doc_group **g,
          const struct doc_group *inner)
{
	const struct fdef_node *only = NULL;
	const char *title = n->title ? strchr(n->title, ' ') : NULL;

	if (n->kind != FDEF_GROUP)
		return n;
	if (title != NULL && n->nkids > 0 &&
	    strcmp(title + 1, n->kids[0]->label) == 0) {
		*g = inner;
		return n->kids[0];
	}
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->companion_of != NULL)
			continue;
		if (n->kids[i]->kind != FDEF_ITEM || only != NULL)
			return n;
		only = n->kids[i];
	}
	*g = inner;
	return only;
}

/* Resolve the text of one target and compare; report the first misses. */
static void
round_trip(struct trip *tr, const struct doc_group *g,
           const struct fdef_node *n, const struct doc_group *inner)
{
	struct resolve_target t = {g, n};
	struct resolve_result res;
	char *text = name_item_as(g, n, NAME_LOG);
	const struct doc_group *wg = g;
	const struct fdef_node *wn = only_item(n, &wg, inner);

	resolve_forget(tr->r);
	resolve_ref(tr->r, text, NULL, NULL, &res);
	tr->tried++;
	if (res.status != RESOLVE_SURE || res.n != 1 || res.t[0].g != wg ||
	    res.t[0].node != wn) {
		char *want = resolve_target_path(&t);

		if (tr->failed++ < 10)
			diag("%s (%s) resolves %s: %s", text, want,
			     resolve_status_name(res.status), res.reason);
		free(want);
	}
	resolve_result_fini(&res);
	free(text);
}

/* A printed heading written after the name of its section or block
 * ("III(2. …ファイル)-6 情報提供ネットワークシステムとの接続 リスク2: 不正な
 * 提供が行われるリスク", "II-3 特定個人情報の入手・使用 ④使用の主体")
 * resolves to every item under it in instance g. */
static void
heading_trip(struct trip *tr, const struct doc_group *g,
             const struct fdef_heading *h)
{
	char *where = name_item_as(g, g->def, NAME_LOG);
	char *text = xasprintf("%s %s", where, h->label);
	struct resolve_result res;
	size_t want = 0, hit = 0;

	for (size_t i = 0; i < g->def->nkids; i++)
		if (g->def->kids[i]->heading == h &&
		    fdef_in_version(g->def->kids[i], tr->d->version))
			want++;
	resolve_forget(tr->r);
	resolve_ref(tr->r, text, NULL, NULL, &res);
	for (size_t i = 0; i < res.n; i++)
		hit += res.t[i].g == g && res.t[i].node->heading == h;
	tr->tried++;
	tr->headings++;
	if (res.status != RESOLVE_SURE || res.n != want || hit != want) {
		if (tr->failed++ < 10)
			diag("%s resolves %s (%zu of %zu items): %s", text,
			     resolve_status_name(res.status), hit, want,
			     res.reason);
	}
	resolve_result_fini(&res);
	free(text);
	free(where);
}

/* Round-trip every shown item, heading and section below instance g. */
static void
walk(struct trip *tr, const struct doc_group *g)
{
	const struct fdef_heading *last = NULL;

	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *k = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (!fdef_in_version(k, tr->d->version) ||
		    (k->role != NULL && strcmp(k->role, "change_log") == 0))
			continue;
		if (k->heading != NULL && k->heading != last)
			heading_trip(tr, g, k->heading);
		last = k->heading;
		if (k->kind == FDEF_ITEM) {
			round_trip(tr, g, k, NULL);
		} else if (k->kind == FDEF_GROUP) {
			round_trip(tr, g, k, s->grp);
			walk(tr, s->grp);
		} else {
			for (size_t j = 0; j < s->ninst; j++)
				walk(tr, s->inst[j]);
		}
	}
}

/* Load a document of the tests. Caller frees. */
static struct doc *
load(const char *name)
{
	struct diag_list dl;
	char *path = xasprintf("%s/%s", ABS_TOP_SRCDIR, name);
	struct doc *d;

	diag_list_init(&dl);
	d = docio_load_file(fd, path, &dl);
	if (d == NULL)
		diag("%s does not load", path);
	diag_list_fini(&dl);
	free(path);
	return d;
}

/* Every item and section of a document resolves back from its text. */
static void
test_round_trip(const char *name)
{
	struct doc *d = load(name);
	struct trip tr = {NULL, d, 0, 0, 0};

	if (d == NULL) {
		ok(0, "%s: loads", name);
		return;
	}
	tr.r = resolve_new(d);
	walk(&tr, d->root);
	ok(tr.tried > 100 && tr.headings >= 11 && tr.failed == 0,
	   "%s: %d items, headings and sections resolve back from their text "
	   "(%d headings; %d missed)",
	   name, tr.tried, tr.headings, tr.failed);
	resolve_free(&tr.r);
	doc_free(&d);
}

/* Resolve one text in a fresh context; the first path or the status. */
static char *
first(struct resolve *r, const char *text)
{
	struct resolve_result res;
	char *out;

	resolve_ref(r, text, NULL, NULL, &res);
	out = res.status == RESOLVE_SURE && res.n > 0
	              ? resolve_target_path(&res.t[0])
	              : xstrdup(resolve_status_name(res.status));
	resolve_result_fini(&res);
	return out;
}

/* ※ comes from the form: items, sections, III but 7-②. */
static void
test_important(void)
{
	struct doc *d = load("tests/data/seed003.yaml");
	struct resolve *r = d ? resolve_new(d) : NULL;
	static const struct {
		const char *ref;
		int important;
	} cases[] = {
	        {"II-3-①入手元", 1},
	        {"II-3-②入手方法", 0},
	        {"I-4 法令上の根拠", 1},
	        {"I-5-②法令上の根拠", 1},
	        {"III-3", 1},
	        {"III-7-②", 0},
	        {"III-7-②-再発防止策の内容", 0},
	        {"III-7-①", 1},
	        {"II-3", 0},
	        {"II-6 特定個人情報の保管・消去", 1},
	        {"II-4-委託事項1-④", 1},
	        {"公表日", 0},
	};

	for (size_t i = 0; r != NULL && i < sizeof cases / sizeof cases[0];
	     i++) {
		struct resolve_result res;

		resolve_forget(r);
		resolve_ref(r, cases[i].ref, NULL, NULL, &res);
		ok(res.status == RESOLVE_SURE && res.n == 1 &&
		           resolve_target_important(&res.t[0]) ==
		                   (cases[i].important != 0),
		   "%s is %s※", cases[i].ref, cases[i].important ? "" : "not ");
		resolve_result_fini(&res);
	}
	resolve_free(&r);
	doc_free(&d);
}

/* A short form takes the previous row's block until the context is
 * forgotten; a checkbox shown in the values names the item of a
 * section. */
static void
test_context(void)
{
	struct doc *d = load("tests/data/seed003.yaml");
	struct resolve *r = d ? resolve_new(d) : NULL;
	struct resolve_result res;
	char *s;

	if (r == NULL) {
		ok(0, "seed003 loads");
		return;
	}
	s = first(r, "II-5 移転先2");
	is_str(s, "files.1.outline.sharing.transfer.2.name", "移転先2");
	free(s);
	s = first(r, "II-5-① 法令上の根拠");
	is_str(s, "files.1.outline.sharing.transfer.2.basis",
	       "the next short form belongs to 移転先2");
	free(s);
	resolve_forget(r);
	s = first(r, "II-5-① 法令上の根拠");
	is_str(s, "ambiguous", "forgotten: 提供先1 or 移転先1 or 移転先2");
	free(s);
	resolve_forget(r);
	resolve_ref(r, "III 6. 情報提供ネットワークシステムとの接続",
	            "[○]接続しない(入手)", "[]接続しない(入手)", &res);
	s = res.n == 1 ? resolve_target_path(&res.t[0]) : xstrdup("?");
	is_str(s, "files.1.risk.network.no_obtain",
	       "the checkbox in the values names the flag");
	free(s);
	resolve_result_fini(&res);
	resolve_ref(r, "III 6. 情報提供ネットワークシステムとの接続", NULL,
	            NULL, &res);
	s = res.n == 1 ? resolve_target_path(&res.t[0]) : xstrdup("?");
	is_str(s, "files.1.risk.network", "without values: the section");
	free(s);
	resolve_result_fini(&res);
	resolve_free(&r);
	doc_free(&d);
}

int
main(void)
{
	struct diag_list dl;
	char *path = xasprintf("%s/forms/jyuten.yaml", ABS_TOP_SRCDIR);

	setlocale(LC_ALL, "C.UTF-8");
	diag_list_init(&dl);
	fd = fdef_load(path, &dl);
	free(path);
	diag_list_fini(&dl);
	if (fd == NULL) {
		ok(0, "the form loads");
		return done_testing();
	}
	test_round_trip("tests/data/seed000.yaml");
	test_round_trip("tests/data/seed002.yaml");
	test_round_trip("tests/data/seed003.yaml");
	test_round_trip("tests/data/multi-file.yaml");
	test_round_trip("examples/example.yaml");
	test_important();
	test_context();
	fdef_free(&fd);
	return done_testing();
}
