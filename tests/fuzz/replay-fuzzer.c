/* Fuzz target: the key-replay parser (replay_parse) and the editor.
 *
 * The input is a keys file (one key name per line, or text:...). When it
 * parses, at most MAX_KEYS keys go through ed_key()/view_draw() on a new
 * blank document of the real form with an 80x24 grid, as `hyoka --replay`
 * does.
 *
 * Nothing is written outside a private directory: the editor's file is
 * DIR/doc.yaml in a mkdtemp directory (on /dev/shm when there is one, so
 * that Ctrl-S's fsync is cheap), and the editor's host only saves (with
 * fsave, as the program does), so Ctrl-E runs nothing. A failed save
 * would open the save-as prompt, where typed keys could name any file: it
 * is a broken invariant, and the run stops before another key is pressed.
 * The directory is emptied after every input and removed at exit.
 *
 * Invariants checked after every input:
 * - a refused keys file produced an error with a line number; a parsed
 *   one gives at most one key per byte, each a code point or a named key;
 * - after every key: no failed save; the focus, section, cursor, undo
 *   position and find selection are in range; the text being edited is
 *   valid UTF-8 with the cursor on a character boundary; the grid holds
 *   no control character, no surrogate and nothing past U+10FFFF, and its
 *   cursor is on screen;
 * - afterwards the edited document satisfies the save-reload fixpoint
 *   with the same findings; if Ctrl-S saved, the file loads, and when the
 *   editor says there are no changes since then the file is exactly what
 *   saving now would write; the directory holds only doc.yaml and its
 *   backup doc.yaml~. */
#include <config.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ed.h"
#include "fsave.h"
#include "fuzz.h"
#include "grid.h"
#include "key.h"
#include "replay.h"
#include "utf8.h"
#include "view.h"

#define MAX_KEYS 200
#define COLS     80
#define ROWS     24

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fdef *form;
static char dir[256];
static char *file, *backup;

/* Remove everything in the private directory. */
static void
empty_dir(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		char *p;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
}

static void
cleanup(void)
{
	empty_dir();
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");
	struct stat st;

	(void)argc;
	(void)argv;
	fuzz_setup_env();
	form = fuzz_load_real_form();
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
	    access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	snprintf(dir, sizeof dir, "%s/hyoka-replay-fuzz-XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	/* Ctrl-E's private file (hyoka honours TMPDIR) goes here too. */
	setenv("TMPDIR", dir, 1);
	file = xasprintf("%s/doc.yaml", dir);
	backup = xasprintf("%s/doc.yaml~", dir);
	atexit(cleanup);
	return 0;
}

/* The grid is fit for a terminal. */
static void
check_grid(const struct grid *g)
{
	FUZZ_CHECK(g->cols == COLS && g->rows == ROWS, "the grid changed size");
	FUZZ_CHECK((g->cur_y == -1 && g->cur_x == -1) ||
	                   (g->cur_y >= 0 && g->cur_y < g->rows &&
	                    g->cur_x >= 0 && g->cur_x < g->cols),
	           "cursor off screen at %d,%d", g->cur_y, g->cur_x);
	for (int y = 0; y < g->rows; y++)
		for (int x = 0; x < g->cols; x++) {
			const struct grid_cell *c = &g->cells[y * g->cols + x];

			FUZZ_CHECK(c->role < GR_NROLES, "bad role at %d,%d", y,
			           x);
			FUZZ_CHECK(c->cp < 0x110000 && !(c->cp >= 0xD800 &&
			                                 c->cp <= 0xDFFF),
			           "bad code point U+%04X at %d,%d",
			           (unsigned)c->cp, y, x);
			FUZZ_CHECK(c->cp == 0
			                   ? x > 0
			                   : !(c->cp < 0x20 || c->cp == 0x7f ||
			                       (c->cp >= 0x80 && c->cp < 0xa0)),
			           "control character U+%04X drawn at %d,%d",
			           (unsigned)c->cp, y, x);
		}
}

/* The editor's state is in range. */
static void
check_editor(const struct ed *ed)
{
	struct ed_look look;
	const struct ed_look *e = &look;

	ed_look(ed, &look);
	FUZZ_CHECK(e->nsecs == 0 || e->cur < e->nsecs, "section %zu of %zu",
	           e->cur, e->nsecs);
	FUZZ_CHECK(e->nrows == 0 || e->focus < e->nrows,
	           "focus %zu of %zu rows", e->focus, e->nrows);
	FUZZ_CHECK(e->undo_pos <= e->nundo, "undo position %zu of %zu",
	           e->undo_pos, e->nundo);
	FUZZ_CHECK(e->edit[e->edit_len] == '\0' &&
	                   strlen(e->edit) == e->edit_len,
	           "the text being edited is not a string");
	FUZZ_CHECK(utf8_valid(e->edit, e->edit_len, NULL),
	           "the text being edited is not valid UTF-8");
	FUZZ_CHECK(e->cursor <= e->edit_len, "cursor %zu past %zu", e->cursor,
	           e->edit_len);
	FUZZ_CHECK(e->cursor == e->edit_len ||
	                   ((unsigned char)e->edit[e->cursor] & 0xC0) != 0x80,
	           "cursor inside a character");
	if (e->popup == POP_FIND)
		FUZZ_CHECK(e->nhits == 0 || e->pop_sel < e->nhits,
		           "find selection %zu of %zu", e->pop_sel, e->nhits);
	FUZZ_CHECK(utf8_valid(e->query, strlen(e->query), NULL),
	           "the find query is not valid UTF-8");
}

/* Save through fsave as the program does, without a lock. */
static enum ed_written
fuzz_save(void *ctx, const char *path, const char *buf, size_t len,
          unsigned how, char **err)
{
	(void)ctx;
	(void)how;
	return fsave_write(path, buf, len, FSAVE_REPLACE, err)
	               ? ED_WRITTEN
	               : ED_WRITE_FAILED;
}

/* The editor's host: saving only; Ctrl-E runs nothing. */
static const struct ed_host fuzz_host = {.save = fuzz_save};

/* Only the document and its backup may be in the directory. */
static void
check_dir(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	FUZZ_CHECK(dp != NULL, "the private directory is gone");
	while ((de = readdir(dp)) != NULL)
		FUZZ_CHECK(strcmp(de->d_name, ".") == 0 ||
		                   strcmp(de->d_name, "..") == 0 ||
		                   strcmp(de->d_name, "doc.yaml") == 0 ||
		                   strcmp(de->d_name, "doc.yaml~") == 0,
		           "saving left \"%s\" behind", de->d_name);
	closedir(dp);
}

/* If Ctrl-S saved, the file must load; with no changes since the save it
 * must be exactly what saving now would write. */
static void
check_saved(struct ed *e, struct doc *doc)
{
	size_t flen = 0, elen = 0;
	char *ftext = fuzz_read_file(file, &flen), *etext;
	struct diag_list dl;
	struct doc *d;

	if (ftext == NULL)
		return;
	diag_list_init(&dl);
	d = docio_load_mem(form, file, ftext, flen, &dl);
	if (d == NULL) {
		fuzz_dump_text("saved file", ftext, flen);
		fuzz_dump_diags("loading the saved file", &dl);
	}
	FUZZ_CHECK(d != NULL, "the file Ctrl-S saved does not load");
	doc_free(&d);
	diag_list_fini(&dl);
	if (!ed_modified(e)) {
		etext = docio_emit(doc, &elen);
		FUZZ_CHECK(etext != NULL, "the document does not emit");
		if (elen != flen || memcmp(etext, ftext, flen) != 0) {
			fuzz_dump_text("saved file", ftext, flen);
			fuzz_dump_text("document now", etext, elen);
		}
		FUZZ_CHECK(elen == flen && memcmp(etext, ftext, flen) == 0,
		           "the editor reports no changes, but the document "
		           "differs from the saved file");
		free(etext);
	}
	free(ftext);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	uint32_t *keys = NULL;
	size_t nkeys = 0;
	char *text;
	bool ok;

	if (memchr(data, '\0', size) != NULL)
		return -1; /* a keys file is text; replay reads it as a string
		            */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	diag_list_init(&dl);
	ok = replay_parse("fuzz.keys", text, &keys, &nkeys, &dl);
	free(text);
	if (!ok) {
		if (!fuzz_has_positioned_error(&dl))
			fuzz_dump_diags("parse", &dl);
		FUZZ_CHECK(
		        fuzz_has_positioned_error(&dl),
		        "a refused keys file has no error with a line number");
		FUZZ_CHECK(keys == NULL && nkeys == 0,
		           "a refused keys file still gave keys");
		diag_list_fini(&dl);
		return 0;
	}
	FUZZ_CHECK(diag_count(&dl, DIAG_ERROR) == 0,
	           "keys parsed although errors were reported");
	diag_list_fini(&dl);
	FUZZ_CHECK(nkeys <= size, "%zu keys from %zu bytes", nkeys, size);
	for (size_t i = 0; i < nkeys; i++)
		FUZZ_CHECK((keys[i] > 0 && keys[i] < 0x110000) ||
		                   (keys[i] > HK_BASE && keys[i] < HK_LAST),
		           "bad key code 0x%X", (unsigned)keys[i]);
	if (nkeys > 0) {
		struct doc *d = doc_new_blank(form, form->default_version);
		struct ed *e = ed_new(form, d, file);
		struct view v;
		struct grid g;

		ed_set_host(e, &fuzz_host);
		view_init(&v);
		view_resize(&v, e, COLS, ROWS);
		grid_init(&g, COLS, ROWS);
		view_draw(e, &v, &g);
		check_grid(&g);
		check_editor(e);
		for (size_t i = 0; i < nkeys && i < MAX_KEYS && !ed_quitting(e);
		     i++) {
			struct ed_look l;

			ed_key(e, keys[i]);
			/* Saving into the private directory must work. Stopping
			 * here also keeps the keys from typing a file name into
			 * the save-as prompt, which could write anywhere. */
			ed_look(e, &l);
			if (l.popup == POP_SAVEAS)
				fprintf(stderr, "==FUZZ== %s\n",
				        l.msg ? l.msg : "(no message)");
			FUZZ_CHECK(l.popup != POP_SAVEAS,
			           "saving into %s failed", dir);
			view_draw(e, &v, &g);
			check_editor(e);
			check_grid(&g);
		}
		grid_fini(&g);
		check_dir();
		check_saved(e, d);
		fuzz_roundtrip(form, d, true);
		ed_free(&e);
		doc_free(&d);
		empty_dir();
	}
	free(keys);
	return 0;
}
