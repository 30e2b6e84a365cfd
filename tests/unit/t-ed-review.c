/* Unit tests of the annual review in the editor model: the baseline read
 * through the host, the marks of changed rows and the count per chapter,
 * the 変更箇所 screen (F8) writing and updating 別添2 rows (undoable, never
 * twice), and the question asked when a ※ item was changed. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "docio.h"
#include "ed.h"
#include "fdef.h"
#include "key.h"
#include "review.h"
#include "utf8.h"
#include "view.h"
#include "xalloc.h"
#include "../tap.h"
#include "edkeys.h"

/* The baseline the fake host gives (NULL: it cannot be read). */
static struct doc *base_doc;
/* What the host was asked to read. */
static char *base_asked;

/* Read the baseline: a copy of base_doc's file, or fail. */
static struct doc *
fake_load_baseline(void *ctx, const struct fdef *fd, const char *file,
                   const char *base, char **err)
{
	(void)ctx;
	(void)fd;
	(void)file;
	free(base_asked);
	base_asked = xstrdup(base);
	if (base_doc == NULL) {
		*err = xstrdup("no such file (fake)");
		return NULL;
	}
	return base_doc;
}

static const struct ed_host host = {.load_baseline = fake_load_baseline};

/* The focused row's item path, or "". Caller frees. */
static char *
focused(struct ed *e)
{
	const struct ed_look *l = look(e);
	const struct ed_row *r =
	        l->focus < l->nrows ? &l->rows[l->focus] : NULL;

	return r && r->kind == ROW_ITEM ? doc_path_of(r->g, r->node)
	                                : xstrdup("");
}

/* The mark of the row of an item path, or "-" when it has none, or "?"
 * when the item is not on screen. */
static const char *
mark_of(struct ed *e, const char *path)
{
	const struct ed_look *l = look(e);

	for (size_t i = 0; i < l->nrows; i++) {
		const struct ed_row *r = &l->rows[i];
		char *p;
		bool same;

		if (r->kind != ROW_ITEM)
			continue;
		p = doc_path_of(r->g, r->node);
		same = strcmp(p, path) == 0;
		free(p);
		if (same) {
			const char *m = ed_change_mark(e, r);

			return m ? m : "-";
		}
	}
	return "?";
}

/* The number of rows in the change log (別添2). */
static size_t
log_rows(const struct doc *d)
{
	const struct fdef_node *log = fdef_role(d->fd, "change_log");
	const struct doc_group *h = doc_holder(d->root, log);

	return doc_slot(h, log)->ninst;
}

/* Column role of log row i (0-based). Borrowed. */
static const char *
log_cell(const struct doc *d, size_t i, const char *role)
{
	const struct fdef_node *log = fdef_role(d->fd, "change_log");
	const struct fdef_node *n = fdef_role(d->fd, role);
	const struct doc_group *row =
	        doc_slot(doc_holder(d->root, log), log)->inst[i];
	const struct doc_value *v = &doc_slot(row, n)->val;

	return v->n > 0 ? v->v[0] : "";
}

/* The number of findings of a rule in the editor. */
static size_t
findings(struct ed *e, const char *rule)
{
	const struct diag_list *dl = look(e)->problems;
	size_t n = 0;

	for (size_t i = 0; i < dl->n; i++)
		n += dl->v[i].rule != NULL && strcmp(dl->v[i].rule, rule) == 0;
	return n;
}

/* The index of the change of an item path, or -1. */
static long
change_of(struct ed *e, const char *path)
{
	const struct review_list *l = ed_changes(e);

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].path, path) == 0)
			return (long)i;
	return -1;
}

/* The chapter (section) count of changes of the chapter named name. */
static int
changed_in(struct ed *e, const char *name)
{
	const struct ed_look *l = look(e);

	for (size_t i = 0; i < l->nsecs; i++)
		if (strncmp(l->secs[i].name, name, strlen(name)) == 0)
			return l->secs[i].nchanged;
	return -1;
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	char *form = xasprintf("%s/forms/jyuten.yaml", top ? top : "..");
	char *example = xasprintf("%s/examples/example.yaml", top ? top : "..");
	struct diag_list dl;
	struct fdef *fd;
	struct doc *d;
	struct ed *e;
	size_t rows0;
	long k;
	char *s;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("HYOKA_TODAY", "2026-06-01", 1);
	diag_list_init(&dl);
	fd = fdef_load(form, &dl);
	ok(fd != NULL, "the form loads");
	d = fd ? docio_load_file(fd, example, &dl) : NULL;
	if (d == NULL)
		return done_testing();

	/* The form holds the answers to the ※ question. */
	{
		const struct fdef_node *r = fdef_role(fd, "change_reason");
		size_t labelled = 0;

		for (size_t i = 0; r && i < r->npresets; i++)
			labelled += r->presets[i].label != NULL;
		is_int((int)labelled, 3,
		       "three presets of 提出時期に係る説明 are offered");
	}

	/* A document without a baseline: no marks, F8 says why. */
	e = ed_new(fd, d, "/nonexistent/R7.yaml");
	ed_set_host(e, &host);
	view_init(&view);
	view_resize(&view, e, 80, 24);
	ed_open_baseline(e);
	ok(base_asked == NULL, "no baseline named: the host is not asked");
	press(e, HK_F(8));
	ok(look(e)->popup == POP_NONE && look(e)->msg != NULL &&
	           strstr(look(e)->msg, "hyoka new --from") != NULL,
	   "F8 without a baseline says how to get one");
	ed_free(&e);

	/* A baseline that cannot be read: one message, editing goes on. */
	review_start_next(d, "R6.yaml");
	base_doc = NULL;
	e = ed_new(fd, d, "/nonexistent/R7.yaml");
	ed_set_host(e, &host);
	view_resize(&view, e, 80, 24);
	ed_open_baseline(e);
	is_str(base_asked, "R6.yaml", "the host is asked for the baseline");
	ok(look(e)->msg_error && strstr(look(e)->msg, "R6.yaml") != NULL &&
	           strstr(look(e)->msg, "no such file (fake)") != NULL,
	   "an unreadable baseline is named with the reason");
	go(e, "I-6-①");
	type(e, "改");
	press(e, HK_ESC);
	s = focused(e);
	is_str(s, "basic.dept.name", "editing goes on without the baseline");
	free(s);
	is_int((int)ed_changes(e)->n, 0, "and nothing is marked");
	press(e, HK_CTRL('z'));
	ed_free(&e);

	/* With the baseline: the example as it was published. */
	diag_list_fini(&dl);
	diag_list_init(&dl);
	base_doc = docio_load_file(fd, example, &dl);
	e = ed_new(fd, d, "/nonexistent/R7.yaml");
	ed_set_host(e, &host);
	view_resize(&view, e, 80, 24);
	ed_open_baseline(e);
	ok(!look(e)->msg_error && strstr(look(e)->msg, "F8") != NULL,
	   "opening with a baseline says that F8 lists the changes");
	is_int((int)ed_changes(e)->n, 0, "no change yet");
	rows0 = log_rows(d);

	/* A non-※ item changed: marked 変更, counted, no question. */
	go(e, "I-6-①");
	type(e, "改");
	press(e, HK_ENTER);
	is_str(mark_of(e, "basic.dept.name"), "changed",
	       "the changed item is marked on its row");
	is_int(changed_in(e, "I "), 1, "the chapter I counts one change");
	ok(look(e)->popup == POP_NONE, "a non-※ item asks nothing");
	is_str(mark_of(e, "basic.dept.head"), "-",
	       "an item that did not change has no mark");

	/* A ※ item changed: the question when the item is left. */
	go(e, "I-4");
	type(e, "追記");
	press(e, HK_ESC);
	ok(look(e)->popup == POP_NONE, "no question while still on the item");
	press(e, HK_TAB);
	ok(look(e)->popup == POP_IMPORTANT,
	   "leaving the changed ※ item asks at once");
	{
		char **answers;
		size_t n;
		char *q = ed_important_question(e, &answers, &n);

		ok(strstr(q, "I-4 法令上の根拠") != NULL &&
		           strstr(q, "重要な変更") != NULL,
		   "the question names the item and the 重要な変更");
		is_int((int)n, 4, "four answers");
		ok(n == 4 && strstr(answers[0], "1) 事前") != NULL &&
		           strstr(answers[1], "2) 事後") != NULL &&
		           strstr(answers[2], "3) 事後") != NULL &&
		           strstr(answers[3], "4) later") != NULL,
		   "1 事前, 2 and 3 事後, 4 later");
		for (size_t i = 0; i < n; i++)
			free(answers[i]);
		free(answers);
		free(q);
	}
	/* On a 40x12 screen the answers still show, whole. */
	{
		struct view small;
		struct grid g;
		char *all;

		view_init(&small);
		view_resize(&small, e, 40, 12);
		grid_init(&g, 40, 12);
		view_draw(e, &small, &g);
		all = grid_dump(&g);
		ok(strstr(all, "1) 事前") != NULL &&
		           strstr(all, "4) later") != NULL,
		   "at 40x12 the answers 1 to 4 are on screen");
		free(all);
		grid_fini(&g);
		view_resize(&view, e, 80, 24);
	}
	is_int((int)findings(e, "X18b"), 1,
	       "X18b warns while the ※ change has no row");
	press(e, 'x');
	ok(look(e)->popup == POP_IMPORTANT,
	   "a key that is no answer keeps the question");
	press(e, '2');
	ok(look(e)->popup == POP_NONE, "a digit answers");
	is_int((int)log_rows(d), (int)rows0 + 1, "the answer writes one row");
	is_str(log_cell(d, rows0, "change_item"), "I-4 法令上の根拠",
	       "the row names the item as hyoka changes does");
	is_str(log_cell(d, rows0, "change_timing"), "事後", "2: 提出時期 事後");
	ok(strstr(log_cell(d, rows0, "change_reason"), "軽減") != NULL,
	   "2: the 説明 of a change that reduces the risk");
	is_str(log_cell(d, rows0, "change_date"), "令和8年6月1日",
	       "dated today when there is no 公表日 yet");
	is_int((int)findings(e, "X18b"), 0, "X18b is satisfied");
	k = change_of(e, "basic.legal_basis");
	ok(k >= 0 && ed_changes(e)->v[k].recorded, "the change is recorded");
	{
		struct diag_list full;

		diag_list_init(&full);
		check_doc(d, "/nonexistent/R7.yaml", &full);
		is_int((int)full.n, (int)look(e)->problems->n,
		       "the editor's findings are those of a full check");
		diag_list_fini(&full);
	}

	/* Undo takes the row away in one step. */
	press(e, HK_CTRL('z'));
	is_int((int)log_rows(d), (int)rows0, "Ctrl-Z removes the row");
	k = change_of(e, "basic.legal_basis");
	ok(k >= 0 && !ed_changes(e)->v[k].recorded,
	   "and the change is not recorded any more, but still there");

	/* Asked when the item was changed, once per item. */
	go(e, "I-4");
	press(e, HK_TAB);
	ok(look(e)->popup == POP_NONE,
	   "passing a changed ※ item without changing it asks nothing");
	go(e, "I-4");
	type(e, "又");
	press(e, HK_ESC);
	press(e, HK_TAB);
	ok(look(e)->popup == POP_NONE, "the same item is not asked twice");
	go(e, "I-4");
	press(e, HK_BSPACE);
	press(e, HK_ESC);
	press(e, HK_TAB);

	/* The 変更箇所 screen: r writes the row, again updates it. */
	press(e, HK_F(8));
	ok(look(e)->popup == POP_CHANGES, "F8 opens the changes");
	k = change_of(e, "basic.legal_basis");
	for (long i = 0; i < k; i++)
		press(e, HK_DOWN);
	press(e, 'r');
	is_int((int)log_rows(d), (int)rows0 + 1, "r writes the row");
	is_str(log_cell(d, rows0, "change_timing"), "事前",
	       "a ※ change is suggested 事前");
	is_str(log_cell(d, rows0, "change_reason"), "重要な変更に伴う再実施",
	       "with 「重要な変更に伴う再実施」");
	press(e, 'r');
	is_int((int)log_rows(d), (int)rows0 + 1, "r again adds no row");
	ok(strstr(look(e)->msg, "already") != NULL,
	   "and says that the row already says it");
	ok(look(e)->popup == POP_CHANGES, "the screen stays open");
	press(e, HK_ENTER);
	s = focused(e);
	is_str(s, "basic.legal_basis", "Enter goes to the item");
	free(s);
	type(e, "再");
	press(e, HK_ESC);
	press(e, HK_F(8));
	k = change_of(e, "basic.legal_basis");
	ok(k >= 0 && ed_change_recorded(e, (size_t)k) == ED_REC_STALE,
	   "changed again, its row's 変更後 is out of date");
	for (long i = 0; i < k; i++)
		press(e, HK_DOWN);
	press(e, 'r');
	is_int((int)log_rows(d), (int)rows0 + 1,
	       "a changed value updates the row, adds none");
	k = change_of(e, "basic.legal_basis");
	ok(k >= 0 && ed_change_recorded(e, (size_t)k) == ED_REC_YES,
	   "and the row is up to date again");
	ok(strstr(log_cell(d, rows0, "change_after"), "追記再") != NULL,
	   "the row's 変更後 is the new value");
	press(e, HK_ESC);
	press(e, HK_CTRL('z'));
	ok(strstr(log_cell(d, rows0, "change_after"), "追記再") == NULL &&
	           strstr(log_cell(d, rows0, "change_after"), "追記") != NULL,
	   "one Ctrl-Z takes the whole update back");

	/* A deleted value is marked 削除. */
	go(e, "I-6-②");
	press(e, HK_DEL);
	is_str(mark_of(e, "basic.dept.head"), "deleted",
	       "a value deleted is marked deleted");

	/* Another session on a document with a ※ change made before: passing
	 * the item asks nothing, changing it asks. (The editor owns the
	 * baseline it was given: read it again.) */
	ed_free(&e);
	base_doc = docio_load_file(fd, example, &dl);
	{
		struct doc_ptr p;
		struct doc_value v = {NULL, 0, 0, 0};
		char **sv = xcalloc(2, sizeof *sv), *err = NULL;

		ok(doc_resolve(d, "files.1.outline.storage.place", DOC_FIND, &p,
		               &err),
		   "II-6 保管場所 of file 1 is there");
		free(err);
		sv[0] = xstrdup("庁舎地下の施錠されたサーバ室");
		doc_value_take(&v, sv, 1);
		doc_set(d, &p, &v);
		doc_value_clear(&v);
	}
	{
		const struct fdef_node *files = fdef_find(fd, "files");
		struct doc_group *h =
		        (struct doc_group *)doc_holder(d->root, files);
		char *err = NULL;

		ok(doc_add_instance(d, h, files, doc_slot(h, files)->ninst,
		                    &err) != NULL,
		   "a third file is added");
		free(err);
	}
	e = ed_new(fd, d, "/nonexistent/R7.yaml");
	ed_set_host(e, &host);
	view_resize(&view, e, 80, 24);
	ed_open_baseline(e);
	/* The chapters of the new file: counted, their items marked 新規. */
	{
		size_t sec = (size_t)-1, marked = 0, items = 0;

		for (size_t i = 0; i < look(e)->nsecs; i++)
			if (strncmp(look(e)->secs[i].name, "II[3]", 5) == 0)
				sec = i;
		ok(sec != (size_t)-1 && look(e)->secs[sec].nchanged == 1,
		   "the chapter II of the new file counts one change");
		for (size_t i = 0; i < 100 && look(e)->cur < sec; i++)
			press(e, HK_PGDN);
		for (size_t i = 0; i < look(e)->nrows; i++) {
			const struct ed_row *r = &look(e)->rows[i];
			const char *m;

			if (r->kind != ROW_ITEM)
				continue;
			items++;
			m = ed_change_mark(e, r);
			marked += m != NULL && strcmp(m, "new") == 0;
		}
		ok(items > 0 && marked == items,
		   "every item of the new file's II is marked new (%zu of %zu)",
		   marked, items);
	}
	go(e, "保管場所");
	s = focused(e);
	is_str(s, "files.1.outline.storage.place", "on II-6 保管場所");
	free(s);
	press(e, HK_TAB);
	ok(look(e)->popup == POP_NONE,
	   "passing a ※ item changed in an earlier session asks nothing");
	go(e, "保管場所");
	type(e, "(二重施錠)");
	press(e, HK_ESC);
	press(e, HK_TAB);
	ok(look(e)->popup == POP_IMPORTANT, "changing it asks");
	press(e, HK_ESC);
	ok(look(e)->popup == POP_NONE && strstr(look(e)->msg, "F8") != NULL,
	   "Esc leaves it for later and names F8");

	/* A count changed: the question is about the choice it goes with
	 * (委託の有無 and its 件数 make one row). */
	go(e, "II-4-委託の有無-件数");
	s = focused(e);
	is_str(s, "files.1.outline.entrust.count", "on the 件数 of II-4");
	free(s);
	type(e, "3");
	press(e, HK_ENTER);
	ok(look(e)->popup == POP_IMPORTANT,
	   "changing the 件数 asks about the ※ change");
	{
		char **answers;
		size_t n;
		char *q = ed_important_question(e, &answers, &n);

		ok(strstr(q, "II-4-委託の有無") != NULL,
		   "of 委託の有無, whose row holds the 件数");
		for (size_t i = 0; i < n; i++)
			free(answers[i]);
		free(answers);
		free(q);
	}
	press(e, '4');

	/* III-7-② (重大事故の有無) is no ※ item in III: 事後, nothing asked. */
	rows0 = log_rows(d);
	go(e, "III-7-②");
	s = focused(e);
	is_str(s, "files.1.risk.storage.incident", "on III-7-② of file 1");
	free(s);
	press(e, '1');
	press(e, HK_TAB);
	ok(look(e)->popup == POP_NONE, "changing III-7-② asks nothing");
	press(e, HK_F(8));
	k = change_of(e, "files.1.risk.storage.incident");
	ok(k >= 0 && !ed_changes(e)->v[k].important,
	   "III-7-② is listed, not as an important change");
	for (long i = 0; i < k; i++)
		press(e, HK_DOWN);
	press(e, 'r');
	is_int((int)log_rows(d), (int)rows0 + 1, "r writes its row");
	is_str(log_cell(d, rows0, "change_timing"), "事後", "III-7-② is 事後");

	/* A block added: its items are marked 新規. */
	press(e, HK_ESC);
	go(e, "委託事項の名称");
	for (size_t i = 0;
	     i < 200 && look(e)->rows[look(e)->focus].kind != ROW_ADD; i++)
		press(e, HK_TAB);
	press(e, HK_ENTER);
	s = focused(e);
	ok(strncmp(s, "files.1.outline.entrust.items.", 30) == 0 &&
	           strstr(s, ".name") != NULL,
	   "Enter on the row that adds a block goes to its name (%s)", s);
	type(e, "封入業務");
	press(e, HK_ENTER);
	is_str(mark_of(e, s), "new", "the item of the new block is marked new");
	free(s);
	press(e, HK_F(8));

	/* a writes the rows of every change not recorded yet, one undo
	 * step. */
	{
		size_t open = 0, before = log_rows(d), after;

		for (size_t i = 0; i < ed_changes(e)->n; i++)
			open += !ed_changes(e)->v[i].recorded;
		ok(open >= 2, "%zu changes are not recorded yet", open);
		press(e, 'a');
		after = log_rows(d);
		is_int((int)after, (int)(before + open),
		       "a writes one row for each");
		open = 0;
		for (size_t i = 0; i < ed_changes(e)->n; i++)
			open += !ed_changes(e)->v[i].recorded;
		is_int((int)open, 0, "and every change is recorded");
		press(e, 'a');
		is_int((int)log_rows(d), (int)after, "a again writes nothing");
		ok(strstr(look(e)->msg, "every change") != NULL,
		   "and says that every change has its row");
		press(e, HK_ESC);
		press(e, HK_CTRL('z'));
		is_int((int)log_rows(d), (int)before,
		       "one Ctrl-Z takes all those rows back");
	}
	ed_free(&e);
	doc_free(&d);
	fdef_free(&fd);
	diag_list_fini(&dl);
	free(base_asked);
	free(form);
	free(example);
	return done_testing();
}
