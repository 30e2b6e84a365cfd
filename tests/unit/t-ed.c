/* Unit tests of the editor without a terminal: keys in, document and
 * findings out. The incremental validation after each change must agree
 * with a full check of the same document. */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "docio.h"
#include "ed.h"
#include "fdef.h"
#include "key.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "../tap.h"

/* The findings of a list as sorted "rule path" lines; caller frees. */
static char *
findings(const struct diag_list *dl)
{
	struct sbuf sb;
	char **v = xcalloc(dl->n + 1, sizeof *v);

	for (size_t i = 0; i < dl->n; i++)
		v[i] = xasprintf(
		        "%s %s %s %d\n", dl->v[i].rule ? dl->v[i].rule : "",
		        dl->v[i].path ? dl->v[i].path : "",
		        dl->v[i].ref ? dl->v[i].ref : "", dl->v[i].accepted);
	for (size_t i = 0; i < dl->n; i++)
		for (size_t j = i + 1; j < dl->n; j++)
			if (strcmp(v[i], v[j]) > 0) {
				char *t = v[i];

				v[i] = v[j];
				v[j] = t;
			}
	sbuf_init(&sb);
	for (size_t i = 0; i < dl->n; i++) {
		sbuf_adds(&sb, v[i]);
		free(v[i]);
	}
	free(v);
	return sbuf_detach(&sb);
}

/* Compare the editor's findings with a full check of its document. */
static void
agrees(struct ed *e, const char *when)
{
	struct diag_list full;
	char *a, *b;

	diag_list_init(&full);
	check_doc(e->doc, e->file, &full);
	a = findings(&e->problems);
	b = findings(&full);
	ok(strcmp(a, b) == 0, "incremental findings equal a full check %s",
	   when);
	if (strcmp(a, b) != 0)
		diag("editor:\n%s\nfull:\n%s", a, b);
	free(a);
	free(b);
	diag_list_fini(&full);
}

/* The screen of the tests, kept between keys as a terminal keeps it. */
static struct ed_view view;

/* Feed keys, drawing after each as key replay does. */
static void
keys(struct ed *e, const uint32_t *k, size_t n)
{
	struct grid g;

	grid_init(&g, 80, 24);
	for (size_t i = 0; i < n; i++) {
		ed_key(e, k[i]);
		ed_draw(e, &view, &g);
	}
	grid_fini(&g);
}

/* Type UTF-8 text as keys. */
static void
type(struct ed *e, const char *s)
{
	uint32_t k[256];
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len && n < 256;)
		i += utf8_decode(s + i, len - i, &k[n++]);
	keys(e, k, n);
}

/* Press one key. */
static void
press(struct ed *e, uint32_t key)
{
	keys(e, &key, 1);
}

/* The value at a path as get prints it; caller frees. */
static char *
value(struct ed *e, const char *path)
{
	struct doc_ptr p;
	char *err = NULL;

	if (!doc_resolve(e->doc, path, false, &p, &err))
		return err;
	return doc_format_value(p.node, &doc_slot(p.g, p.node)->val);
}

int
main(void)
{
	struct diag_list dl;
	struct fdef *fd;
	struct doc *d;
	struct ed *e;
	char *s, *form, *example;
	const char *top = getenv("top_srcdir");

	setlocale(LC_ALL, "C.UTF-8");
	form = xasprintf("%s/forms/jyuten.yaml", top ? top : "..");
	example = xasprintf("%s/examples/example.yaml", top ? top : "..");
	diag_list_init(&dl);
	fd = fdef_load(form, &dl);
	ok(fd != NULL, "the form loads");
	d = fd ? docio_load_file(fd, example, &dl) : NULL;
	ok(d != NULL, "the example loads");
	if (d == NULL)
		return done_testing();
	e = ed_new(fd, d, "/nonexistent/example.yaml");
	ed_view_init(&view);
	ed_view_resize(&view, e, 80, 24);
	is_int((int)diag_count(&e->problems, DIAG_ERROR), 0,
	       "the example has no error");

	/* What goes in which cell, at 80x24, without a terminal. */
	{
		struct grid g;
		char *row0, *row1, *last;

		grid_init(&g, 80, 24);
		ed_draw(e, &view, &g);
		row0 = grid_row_text(&g, 0);
		row1 = grid_row_text(&g, 1);
		last = grid_row_text(&g, 23);
		ok(strstr(row0, "example.yaml") != NULL &&
		           strstr(row0, "5情報の様式") != NULL,
		   "the status line names the file and the form version");
		ok(strncmp(row1, "表紙", strlen("表紙")) == 0,
		   "the section tree starts with 表紙 in column 0");
		ok(strstr(row1, "│ 評価書番号") != NULL,
		   "the first item's label is right of the tree");
		ok(strstr(last, "Tab") != NULL,
		   "the last line holds key hints");
		ok(g.cur_y == -1, "no cursor while nothing is edited");
		free(row0);
		free(row1);
		free(last);
		/* Typing into 評価書名 shows the cursor after the wide text. */
		press(e, HK_TAB);
		type(e, "あい");
		ed_draw(e, &view, &g);
		{
			char *row = grid_row_text(&g, g.cur_y);
			const char *p = strstr(row, "あい");

			ok(p != NULL, "the typed text is on the cursor's row");
			/* The cursor column is the display width before it. */
			if (p != NULL)
				is_int(g.cur_x,
				       (int)utf8_width(row, (size_t)(p - row)) +
				               4,
				       "the cursor stands after あい (2 columns each)");
			free(row);
		}
		press(e, HK_ESC);
		press(e, HK_CTRL('z'));
		press(e, HK_BTAB);
		grid_fini(&g);
	}

	/* Find 委託の有無 of file 1 and choose 委託しない with a digit. */
	press(e, HK_CTRL('f'));
	type(e, "委託の有無");
	press(e, HK_ENTER);
	press(e, HK_ENTER);
	press(e, '2');
	s = value(e, "files.1.outline.entrust.status");
	is_str(s, "委託しない", "Enter opens the list and 2 picks 委託しない");
	free(s);
	ok(diag_count(&e->problems, DIAG_ERROR) > 0,
	   "委託しない without the III-4 flag is an error");
	agrees(e, "after 委託しない");
	press(e, HK_CTRL('z'));
	s = value(e, "files.1.outline.entrust.status");
	is_str(s, "委託する", "Ctrl-Z undoes the choice");
	free(s);
	agrees(e, "after undo");
	press(e, HK_CTRL('y'));
	s = value(e, "files.1.outline.entrust.status");
	is_str(s, "委託しない", "Ctrl-Y redoes it");
	free(s);
	press(e, HK_CTRL('z'));

	/* 再委託 of 委託事項1 to 再委託しない: ⑤⑥ hidden with text kept. */
	press(e, HK_CTRL('f'));
	type(e, "④再委託の有無");
	press(e, HK_ENTER);
	{
		char *before =
		        value(e, "files.1.outline.entrust.items.1.sub_method");
		struct doc_ptr p;
		char *err = NULL;

		press(e, '2');
		s = value(e, "files.1.outline.entrust.items.1.sub");
		is_str(s, "再委託しない", "2 picks 再委託しない for 委託事項1");
		free(s);
		s = value(e, "files.1.outline.entrust.items.1.sub_method");
		ok(before[0] != '\0' && strcmp(s, before) == 0 &&
		           doc_resolve(e->doc,
		                       "files.1.outline.entrust.items.1."
		                       "sub_method",
		                       false, &p, &err) &&
		           !doc_visible(e->doc, p.g, p.node),
		   "⑤ is hidden and keeps its text, unchanged");
		free(s);
		free(before);
		free(err);
	}
	agrees(e, "after 再委託しない");

	/* Type into a long text item: Japanese, Left, BSpace in the middle. */
	press(e, HK_CTRL('f'));
	type(e, "特記事項");
	press(e, HK_ENTER);
	type(e, "あいう");
	press(e, HK_LEFT);
	press(e, HK_BSPACE);
	type(e, "X");
	press(e, HK_ESC);
	s = value(e, "cover.remarks");
	is_str(s, "なしあXう",
	       "typing appends; Left and BSpace edit in the middle");
	free(s);
	agrees(e, "after typing");

	/* A date typed as R6.5.24 is stored in 和暦; a bad one keeps the edit.
	 */
	press(e, HK_CTRL('f'));
	type(e, "公表日");
	press(e, HK_ENTER);
	for (int i = 0; i < 12; i++)
		press(e, HK_BSPACE);
	type(e, "R6.5.24");
	press(e, HK_ENTER);
	s = value(e, "cover.published");
	is_str(s, "令和6年5月24日",
	       "a date typed as R6.5.24 is stored in 和暦");
	free(s);
	agrees(e, "after the date");

	/* Checkbox set: toggle the first member of 提供・移転の有無 of file 2.
	 */
	press(e, HK_CTRL('f'));
	type(e, "提供・移転の有無");
	press(e, HK_ENTER);
	s = value(e, "files.1.outline.sharing.status");
	is_str(s, "提供を行っている\n移転を行っている",
	       "file 1 both provides and transfers");
	free(s);
	press(e, HK_SPACE);
	s = value(e, "files.1.outline.sharing.status");
	is_str(s, "移転を行っている",
	       "Space unchecks the first member, 提供を行っている");
	free(s);
	agrees(e, "after a checkbox");
	press(e, HK_SPACE);
	s = value(e, "files.1.outline.sharing.status");
	is_str(s, "提供を行っている\n移転を行っている",
	       "Space again checks it, in printed order");
	free(s);

	/* Add and remove a block, undo brings it back. */
	{
		size_t before =
		        doc_slot(doc_find_group(e->doc,
		                                "files.1.outline.entrust"),
		                 fdef_find(fd, "files.*.outline.entrust.items"))
		                ->ninst;
		struct doc_group *g;

		press(e, HK_CTRL('f'));
		type(e, "委託事項");
		press(e, HK_ESC);
		/* Walk to the add row of 委託事項 in the current section. */
		for (size_t i = 0; i < e->nrows; i++)
			if (e->rows[i].kind == ROW_ADD &&
			    strcmp(e->rows[i].node->key, "items") == 0)
				e->focus = i;
		press(e, HK_ENTER);
		g = doc_find_group(e->doc, "files.1.outline.entrust");
		is_int((int)doc_slot(
		               g,
		               fdef_find(fd, "files.*.outline.entrust.items"))
		               ->ninst,
		       (int)before + 1, "Enter on the add row adds a 委託事項");
		agrees(e, "after adding a block");
		press(e, HK_CTRL('z'));
		g = doc_find_group(e->doc, "files.1.outline.entrust");
		is_int((int)doc_slot(
		               g,
		               fdef_find(fd, "files.*.outline.entrust.items"))
		               ->ninst,
		       (int)before, "Ctrl-Z removes it again");
	}

	/* Add a 特定個人情報ファイル from the file list (its "+ add" row). */
	{
		size_t nsecs;

		e->cur = 0;
		press(e, HK_PGUP);
		press(e, HK_PGDN);
		press(e, HK_PGDN);
		nsecs = e->nsecs;
		for (size_t i = 0; i < e->nrows; i++)
			if (e->rows[i].kind == ROW_ADD)
				e->focus = i;
		press(e, HK_ENTER);
		is_int((int)doc_slot(e->doc->root, fdef_find(fd, "files.*"))
		               ->ninst,
		       3, "a third file is added from the file list");
		is_int((int)e->nsecs, (int)nsecs + 3,
		       "its II, 別添1 and III sections appear");
		agrees(e, "after adding a file");
		press(e, HK_CTRL('z'));
		is_int((int)doc_slot(e->doc->root, fdef_find(fd, "files.*"))
		               ->ninst,
		       2, "Ctrl-Z removes the file again");
	}

	/* At its limit, a repeat's add row says so instead of offering. */
	{
		struct doc_ptr p;
		char *err = NULL;
		struct grid g;
		bool said = false;

		doc_resolve(e->doc, "basic.systems.20.name", DOC_PROBE, &p,
		            &err);
		free(err);
		e->cur = 0;
		press(e, HK_PGUP);
		press(e, HK_PGDN);
		for (size_t i = 0; i < e->nrows; i++)
			if (e->rows[i].kind == ROW_ADD &&
			    strcmp(e->rows[i].node->key, "systems") == 0)
				e->focus = i;
		grid_init(&g, 80, 24);
		ed_draw(e, &view, &g);
		for (int y = 0; y < g.rows; y++) {
			char *row = grid_row_text(&g, y);

			said |= strstr(row, "the limit of 20 is reached") !=
			        NULL;
			free(row);
		}
		ok(said, "20 システム: the add row says the limit is reached");
		press(e, HK_ENTER);
		ok(e->msg_error && strstr(e->msg, "at most 20") != NULL,
		   "and adding a 21st is refused with a message");
		grid_fini(&g);
	}

	/* A failed save keeps the changes and offers another file. */
	{
		char dir[] = "/tmp/hyoka-t-ed-XXXXXX";
		char *gone, *other;

		if (mkdtemp(dir) == NULL) {
			ok(0, "a temporary folder for the failed save (%s)",
			   strerror(errno));
		} else {
			gone = xasprintf("%s/missing/doc.yaml", dir);
			other = xasprintf("%s/saved.yaml", dir);
			free(e->file);
			e->file = xstrdup(gone);
			press(e, HK_CTRL('s'));
			ok(e->popup == POP_SAVEAS && e->msg_error,
			   "a failed save says why and asks for another file");
			ok(ed_modified(e), "the changes are kept");
			while (e->query.len > 0)
				press(e, HK_BSPACE);
			type(e, other);
			press(e, HK_ENTER);
			ok(access(other, F_OK) == 0 && !ed_modified(e),
			   "saving to another file works");
			is_str(e->file, other,
			       "the editor now works on that file");
			unlink(other);
			rmdir(dir);
			free(gone);
			free(other);
		}
	}

	/* Quit asks when there are unsaved changes; Esc stays. */
	press(e, HK_CTRL('f'));
	type(e, "特記事項");
	press(e, HK_ENTER);
	type(e, "Z");
	press(e, HK_ESC);
	press(e, HK_CTRL('q'));
	ok(e->popup == POP_CONFIRM_QUIT && !e->quit,
	   "Ctrl-Q asks when unsaved");
	press(e, HK_ESC);
	ok(!e->quit, "Esc stays in the editor");
	press(e, HK_CTRL('q'));
	press(e, 'n');
	ok(e->quit, "n quits without saving");

	ed_free(&e);
	doc_free(&d);
	fdef_free(&fd);
	diag_list_fini(&dl);
	free(form);
	free(example);
	return done_testing();
}
