/* Unit tests of the editor without a terminal: keys in, document and
 * findings out. The incremental validation after each change must agree
 * with a full check of the same document. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "docio.h"
#include "ed.h"
#include "fdef.h"
#include "key.h"
#include "sbuf.h"
#include "utf8.h"
#include "view.h"
#include "xalloc.h"
#include "../tap.h"
#include "edkeys.h"

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
	check_doc(look(e)->doc, look(e)->file, &full);
	a = findings(look(e)->problems);
	b = findings(&full);
	ok(strcmp(a, b) == 0, "incremental findings equal a full check %s",
	   when);
	if (strcmp(a, b) != 0)
		diag("editor:\n%s\nfull:\n%s", a, b);
	free(a);
	free(b);
	diag_list_fini(&full);
}

/* The document the editor works on (the one read again after a
 * reload). */
static struct doc *doc_now;

/* An in-memory host: what the editor would write and run, and what the
 * files and programs answer. */
static struct fake {
	enum ed_written save; /* the answer to the next save */
	unsigned how;         /* how of the last save */
	char *text;           /* the text last saved */
	const char *exists;   /* a file that exists */
	char *saved_as;       /* where Save As wrote */
	bool lock_lost;       /* Save As cannot record the lock */
	bool recovery_fails;
	char *recovery;          /* the last recovery text */
	const char *edited;      /* what the external editor gives back
	                            (NULL: it cannot run) */
	char *edit_in;           /* what it was given */
	const char *reload_from; /* the file read again */
	char *exported;          /* where the last export went */
	enum export_format export_fmt;
	bool export_force;
} fake;

/* Save: remember the text, answer fake.save. */
static enum ed_written
fake_save(void *ctx, const char *file, const char *buf, size_t len,
          unsigned how, char **err)
{
	(void)ctx;
	(void)file;
	fake.how = how;
	if (fake.save == ED_WRITE_FAILED)
		*err = xstrdup("no such folder (fake)");
	if (fake.save != ED_WRITTEN)
		return fake.save;
	free(fake.text);
	fake.text = xstrndup(buf, len);
	return ED_WRITTEN;
}

/* Tell whether path is the one file that exists. */
static bool
fake_exists(void *ctx, const char *path)
{
	(void)ctx;
	return fake.exists != NULL && strcmp(path, fake.exists) == 0;
}

/* Save As: remember where; lose the lock when told to. */
static enum ed_written
fake_save_as(void *ctx, const char *path, const char *buf, size_t len,
             char **err, char **alert)
{
	(void)ctx;
	(void)err;
	free(fake.saved_as);
	fake.saved_as = xstrdup(path);
	free(fake.text);
	fake.text = xstrndup(buf, len);
	if (fake.lock_lost)
		*alert = xstrdup("the lock was lost (fake)");
	return ED_WRITTEN;
}

/* Write the recovery text, or fail when told to. */
static bool
fake_write_recovery(void *ctx, const char *buf, size_t len, char **err)
{
	(void)ctx;
	if (fake.recovery_fails) {
		*err = xstrdup("disk full (fake)");
		return false;
	}
	free(fake.recovery);
	fake.recovery = xstrndup(buf, len);
	return true;
}

/* Read the file again: fake.reload_from, held by another editor. */
static struct doc *
fake_reload(void *ctx, const struct fdef *fd, const char *file, bool *held,
            char **err)
{
	struct diag_list dl;
	struct doc *d;

	(void)ctx;
	(void)file;
	diag_list_init(&dl);
	d = docio_load_file(fd, fake.reload_from, &dl);
	diag_list_fini(&dl);
	doc_now = d;
	if (d == NULL)
		*err = xstrdup("cannot read (fake)");
	*held = true;
	return d;
}

/* The external editor: give back fake.edited. */
static char *
fake_edit_text(void *ctx, const char *text, char **err)
{
	(void)ctx;
	free(fake.edit_in);
	fake.edit_in = xstrdup(text);
	if (fake.edited == NULL) {
		*err = xstrdup("no editor (fake)");
		return NULL;
	}
	return xstrdup(fake.edited);
}

/* Export: remember where, in which format and whether over a file. */
static bool
fake_export(void *ctx, const struct doc *d, enum export_format f,
            const char *out, bool force, char **where, char **err)
{
	(void)ctx;
	(void)d;
	(void)err;
	free(fake.exported);
	fake.exported = xstrdup(out);
	fake.export_fmt = f;
	fake.export_force = force;
	*where = xstrdup(out);
	return true;
}

static const struct ed_host fake_host = {
        .save = fake_save,
        .exists = fake_exists,
        .save_as = fake_save_as,
        .write_recovery = fake_write_recovery,
        .reload = fake_reload,
        .edit_text = fake_edit_text,
        .export = fake_export,
};

/* Go to section k (0-based) with PgUp and PgDn. */
static void
to_section(struct ed *e, size_t k)
{
	for (size_t i = 0; i < 100 && look(e)->cur > k; i++)
		press(e, HK_PGUP);
	for (size_t i = 0; i < 100 && look(e)->cur < k; i++)
		press(e, HK_PGDN);
}

/* Move the focus with Tab and Shift-Tab to the last row of the section
 * that adds a block (to a repeat named key when key is not NULL). */
static void
to_add_row(struct ed *e, const char *key)
{
	size_t want = (size_t)-1;

	for (size_t i = 0; i < look(e)->nrows; i++) {
		const struct ed_row *r = &look(e)->rows[i];

		if (r->kind == ROW_ADD &&
		    (key == NULL || strcmp(r->node->key, key) == 0))
			want = i;
	}
	for (size_t i = 0;
	     i < 1000 && want != (size_t)-1 && look(e)->focus != want; i++)
		press(e, look(e)->focus < want ? HK_TAB : HK_BTAB);
	ok(want != (size_t)-1 && look(e)->focus == want,
	   "Tab reaches the row that adds %s", key ? key : "a block");
}

/* The value at a path as get prints it; caller frees. */
static char *
value(struct ed *e, const char *path)
{
	struct doc_ptr p;
	char *err = NULL;

	(void)e;
	if (!doc_resolve(doc_now, path, false, &p, &err))
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
	doc_now = d;
	e = ed_new(fd, d, "/nonexistent/example.yaml");
	ed_set_host(e, &fake_host);
	view_init(&view);
	view_resize(&view, e, 80, 24);
	is_int((int)diag_count(look(e)->problems, DIAG_ERROR), 0,
	       "the example has no error");

	/* What goes in which cell, at 80x24, without a terminal. */
	{
		struct grid g;
		char *row0, *row1, *last;

		grid_init(&g, 80, 24);
		view_draw(e, &view, &g);
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
		ok(strstr(last, "Ctrl-N") != NULL &&
		           strstr(last, "Ctrl-Q") != NULL,
		   "the last line holds key hints");
		ok(g.cur_y == -1, "no cursor while nothing is edited");
		free(row0);
		free(row1);
		free(last);
		/* Typing into 評価書名 shows the cursor after the wide text. */
		press(e, HK_TAB);
		type(e, "あい");
		view_draw(e, &view, &g);
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
	go(e, "委託の有無");
	press(e, HK_ENTER);
	press(e, '2');
	s = value(e, "files.1.outline.entrust.status");
	is_str(s, "委託しない", "Enter opens the list and 2 picks 委託しない");
	free(s);
	ok(diag_count(look(e)->problems, DIAG_ERROR) > 0,
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
	go(e, "④再委託の有無");
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
		           doc_resolve(doc_now,
		                       "files.1.outline.entrust.items.1."
		                       "sub_method",
		                       false, &p, &err) &&
		           !doc_visible(doc_now, p.g, p.node),
		   "⑤ is hidden and keeps its text, unchanged");
		free(s);
		free(before);
		free(err);
	}
	agrees(e, "after 再委託しない");

	/* Type into a long text item: Japanese, Left, BSpace in the middle. */
	go(e, "特記事項");
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
	go(e, "公表日");
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
	go(e, "提供・移転の有無");
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
		        doc_slot(doc_find_group(doc_now,
		                                "files.1.outline.entrust"),
		                 fdef_find(fd, "files.*.outline.entrust.items"))
		                ->ninst;
		struct doc_group *g;

		press(e, HK_CTRL('f'));
		type(e, "委託事項");
		press(e, HK_ESC);
		/* Walk to the add row of 委託事項 in the current section. */
		to_add_row(e, "items");
		press(e, HK_ENTER);
		g = doc_find_group(doc_now, "files.1.outline.entrust");
		is_int((int)doc_slot(
		               g,
		               fdef_find(fd, "files.*.outline.entrust.items"))
		               ->ninst,
		       (int)before + 1, "Enter on the add row adds a 委託事項");
		agrees(e, "after adding a block");
		press(e, HK_CTRL('z'));
		g = doc_find_group(doc_now, "files.1.outline.entrust");
		is_int((int)doc_slot(
		               g,
		               fdef_find(fd, "files.*.outline.entrust.items"))
		               ->ninst,
		       (int)before, "Ctrl-Z removes it again");
	}

	/* Add a 特定個人情報ファイル from the file list (its "+ add" row). */
	{
		size_t nsecs;

		to_section(e, 2);
		nsecs = look(e)->nsecs;
		to_add_row(e, NULL);
		press(e, HK_ENTER);
		is_int((int)doc_slot(doc_now->root, fdef_find(fd, "files.*"))
		               ->ninst,
		       3, "a third file is added from the file list");
		is_int((int)look(e)->nsecs, (int)nsecs + 3,
		       "its II, 別添1 and III sections appear");
		agrees(e, "after adding a file");
		press(e, HK_CTRL('z'));
		is_int((int)doc_slot(doc_now->root, fdef_find(fd, "files.*"))
		               ->ninst,
		       2, "Ctrl-Z removes the file again");
	}

	/* At its limit, a repeat's add row says so instead of offering. */
	{
		struct doc_ptr p;
		char *err = NULL;
		struct grid g;
		bool said = false;

		doc_resolve(doc_now, "basic.systems.20.name", DOC_PROBE, &p,
		            &err);
		free(err);
		to_section(e, 1);
		to_add_row(e, "systems");
		grid_init(&g, 80, 24);
		view_draw(e, &view, &g);
		for (int y = 0; y < g.rows; y++) {
			char *row = grid_row_text(&g, y);

			said |= strstr(row, "the limit of 20 is reached") !=
			        NULL;
			free(row);
		}
		ok(said, "20 システム: the add row says the limit is reached");
		press(e, HK_ENTER);
		ok(look(e)->msg_error &&
		           strstr(look(e)->msg, "at most 20") != NULL,
		   "and adding a 21st is refused with a message");
		grid_fini(&g);
	}

	/* A failed save keeps the changes and offers another file; Save As
	 * that cannot record the lock says so until the editor ends. */
	fake.save = ED_WRITE_FAILED;
	press(e, HK_CTRL('s'));
	ok(look(e)->popup == POP_SAVEAS && look(e)->msg_error &&
	           strcmp(look(e)->msg, "no such folder (fake)") == 0,
	   "a failed save says why and asks for another file");
	ok(ed_modified(e), "the changes are kept");
	while (look(e)->query[0] != '\0')
		press(e, HK_BSPACE);
	fake.exists = "/mem/taken.yaml";
	type(e, "/mem/taken.yaml");
	press(e, HK_ENTER);
	ok(look(e)->popup == POP_SAVEAS && fake.saved_as == NULL,
	   "Save As never writes over a file that exists");
	while (look(e)->query[0] != '\0')
		press(e, HK_BSPACE);
	fake.lock_lost = true;
	type(e, "/mem/saved.yaml");
	press(e, HK_ENTER);
	is_str(fake.saved_as, "/mem/saved.yaml",
	       "saving to another file goes to the host");
	ok(!ed_modified(e), "and the editor is saved");
	is_str(look(e)->file, "/mem/saved.yaml",
	       "the editor now works on that file");
	is_str(look(e)->alert, "the lock was lost (fake)",
	       "a lock that could not be recorded is said until the end");
	fake.lock_lost = false;

	/* Another program changed the file: ask; o and y write over it. */
	go(e, "特記事項");
	type(e, "Q");
	press(e, HK_ESC);
	fake.save = ED_WRITE_CHANGED;
	press(e, HK_CTRL('s'));
	ok(look(e)->popup == POP_CONFLICT && ed_modified(e),
	   "a change by another program stops the save and asks");
	fake.save = ED_WRITTEN;
	press(e, 'o');
	ok(look(e)->popup == POP_CONFLICT_CONFIRM, "o asks to confirm");
	press(e, 'y');
	ok(!ed_modified(e) && (fake.how & ED_SAVE_OVERWRITE) != 0,
	   "y writes over the other program's change");
	ok(fake.text != NULL && strstr(fake.text, "なしあXうQ") != NULL,
	   "the host got the document's text");

	/* The recovery file: the typed text, and a loud status when it
	 * cannot be written. */
	press(e, HK_ENTER);
	type(e, "R");
	fake.recovery_fails = true;
	ed_write_recovery(e);
	ok(ed_autosave_error(e) != NULL &&
	           strstr(ed_autosave_error(e), "NOT PROTECTED") != NULL &&
	           strstr(ed_autosave_error(e), "disk full (fake)") != NULL,
	   "a recovery file that cannot be written is reported with why");
	fake.recovery_fails = false;
	ed_write_recovery(e);
	ok(ed_autosave_error(e) == NULL && fake.recovery != NULL &&
	           strstr(fake.recovery, "なしあXうQR") != NULL,
	   "the recovery file holds the text being typed");
	press(e, HK_ESC);

	/* Ctrl-E: the external editor gets the value and gives it back. */
	fake.edited = "外部で書いた文";
	press(e, HK_CTRL('e'));
	is_str(fake.edit_in, "なしあXうQR",
	       "the external editor gets the item's text");
	s = value(e, "cover.remarks");
	is_str(s, "外部で書いた文", "its text becomes the value");
	free(s);
	fake.edited = NULL;
	press(e, HK_CTRL('e'));
	ok(look(e)->msg_error && strcmp(look(e)->msg, "no editor (fake)") == 0,
	   "an external editor that cannot run says why");
	s = value(e, "cover.remarks");
	is_str(s, "外部で書いた文", "and changes nothing");
	free(s);

	/* Read the file again after a conflict: another editor holds it
	 * now, so the editor turns read-only. */
	fake.save = ED_WRITE_CHANGED;
	press(e, HK_CTRL('s'));
	fake.reload_from = example;
	press(e, 'r');
	press(e, 'y');
	s = value(e, "cover.remarks");
	is_str(s, "なし", "r and y read the file again, dropping the changes");
	free(s);
	ok(ed_readonly(e) && !ed_modified(e),
	   "the file held by another editor is read-only here");
	ed_set_readonly(e, false);
	fake.save = ED_WRITTEN;

	/* Ctrl-P: the format by its digit, beside the document, asking
	 * before a file is replaced. */
	press(e, HK_CTRL('p'));
	ok(look(e)->popup == POP_EXPORT, "Ctrl-P asks the format");
	press(e, '2');
	is_str(fake.exported, "/mem/saved.xlsx",
	       "2 exports beside the document, as FILE.xlsx");
	ok(fake.export_fmt == EXPORT_XLSX && !fake.export_force &&
	           look(e)->popup == POP_NONE,
	   "in Excel, over no file");
	ok(look(e)->msg != NULL && strstr(look(e)->msg, "saved.xlsx"),
	   "and says where it wrote");
	fake.exists = "/mem/saved.txt";
	press(e, HK_CTRL('p'));
	press(e, '3');
	ok(look(e)->popup == POP_EXPORT_REPLACE &&
	           strcmp(fake.exported, "/mem/saved.xlsx") == 0,
	   "a FILE.txt that exists: asked first, nothing written");
	press(e, 'n');
	ok(look(e)->popup == POP_NONE &&
	           strcmp(fake.exported, "/mem/saved.xlsx") == 0,
	   "n writes nothing");
	press(e, HK_CTRL('p'));
	press(e, '3');
	press(e, 'y');
	is_str(fake.exported, "/mem/saved.txt", "y exports the text");
	ok(fake.export_fmt == EXPORT_TEXT && fake.export_force,
	   "over the file there");
	fake.exists = NULL;
	press(e, HK_CTRL('p'));
	press(e, HK_ESC);
	ok(look(e)->popup == POP_NONE && fake.export_fmt == EXPORT_TEXT,
	   "Esc cancels the question");

	/* Quit asks when there are unsaved changes; Esc stays. */
	go(e, "特記事項");
	type(e, "Z");
	press(e, HK_ESC);
	press(e, HK_CTRL('q'));
	ok(look(e)->popup == POP_CONFIRM_QUIT && !ed_quitting(e),
	   "Ctrl-Q asks when unsaved");
	press(e, HK_ESC);
	ok(!ed_quitting(e), "Esc stays in the editor");
	press(e, HK_CTRL('q'));
	press(e, 'n');
	ok(ed_quitting(e), "n quits without saving");

	ed_free(&e);

	/* An imported value to confirm (要確認): F4 confirms it, one undo
	 * step brings the mark back with its reason. */
	{
		struct doc *d2 = docio_load_file(fd, example, &dl);
		struct doc_ptr p;
		char *err = NULL;
		const struct doc_review *rv;

		ok(d2 != NULL && doc_resolve(d2, "cover.name", false, &p, &err),
		   "the example again, for a value to confirm");
		doc_review_add(p.g, p.node->key, "印刷の崩れ(テスト)");
		doc_now = d2;
		e = ed_new(fd, d2, "/nonexistent/example.yaml");
		ed_set_host(e, &fake_host);
		go(e, "評価書名");
		ok(look(e)->focus < look(e)->nrows &&
		           look(e)->rows[look(e)->focus].node == p.node,
		   "on 評価書名, marked to confirm");
		press(e, HK_F(4));
		ok(doc_review_of(p.g, p.node) == NULL && ed_modified(e),
		   "F4 confirms it: the mark goes, the document is changed");
		ok(look(e)->popup == POP_NONE, "without asking a reason");
		press(e, HK_CTRL('z'));
		rv = doc_review_of(p.g, p.node);
		ok(rv != NULL && strcmp(rv->reason, "印刷の崩れ(テスト)") == 0,
		   "Ctrl-Z marks it again, with its reason");
		press(e, HK_CTRL('y'));
		ok(doc_review_of(p.g, p.node) == NULL,
		   "Ctrl-Y confirms it again");
		s = value(e, "cover.name");
		is_str(s, "国民健康保険に関する事務 重点項目評価書",
		       "the value stays as it was");
		free(s);
		ed_free(&e);
		doc_free(&d2);
		free(err);
	}
	free(fake.exported);
	free(fake.text);
	free(fake.saved_as);
	free(fake.recovery);
	free(fake.edit_in);
	doc_free(&d);
	fdef_free(&fd);
	diag_list_fini(&dl);
	free(form);
	free(example);
	return done_testing();
}
