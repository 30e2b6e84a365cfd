/* The guided editor: its state and its keys. No terminal, no files, no
 * processes: the view (view.h) draws it into a grid, the terminal
 * (tui.h) or key replay (replay.h) feeds it keys, and its host
 * (struct ed_host) saves and runs other programs. */
#ifndef HYOKA_ED_H
#define HYOKA_ED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "doc.h"
#include "export.h"
#include "key.h"

enum ed_row_kind {
	ROW_HEADING, /* a sub-section title (a group's, or a part's repeat's) */
	ROW_ITEM,    /* one item */
	ROW_BLOCK,   /* the header of one repeat instance */
	ROW_ADD,     /* "add a block" */
	ROW_NOTE,    /* why a repeat is hidden */
	ROW_CAPTION, /* a printed heading (risk statement, row group) over the
	                items that follow; node is NULL */
};

struct ed_row {
	enum ed_row_kind kind;
	struct doc_group *g; /* ITEM/HEADING: holder; BLOCK/ADD/NOTE: holder of
	                        the repeat */
	const struct fdef_node *node;
	size_t inst; /* BLOCK: instance number (0-based) */
	int depth;
	bool hidden; /* hidden by its condition but holding content */
	const struct fdef_heading *heading; /* CAPTION: what it shows */
};

struct ed_section {
	char *name; /* short name for the section tree */
	char *title;
	struct doc_group
	        *g; /* the group instance shown, or the holder of a repeat */
	const struct fdef_node *def; /* group, or repeat for a list section */
	bool visited;
	int nmissing, nerr, nwarn;
	int nchanged; /* items changed since the baseline (ed-review.c) */
};

/* A search hit (Ctrl-F). */
struct ed_hit {
	struct doc_group *g;
	const struct fdef_node *node;
	size_t sec;
	int score;
};

enum ed_popup {
	POP_NONE,
	POP_CHOICE,
	POP_HELP,
	POP_PROBLEMS,
	POP_FIND,
	POP_CONFIRM_QUIT,
	POP_CONFIRM_REMOVE,
	POP_ACCEPT,   /* typing the reason for accepting a warning */
	POP_SAVEAS,   /* typing another file name after a failed save */
	POP_CONFLICT, /* saving met a change on disk, a read-only file or an
	                 owner it cannot keep: what now */
	POP_CONFLICT_CONFIRM, /* reload or overwrite: are you sure */
	POP_EXPORT,           /* export: which format */
	POP_EXPORT_REPLACE,   /* export: replace the file that is there */
	/* The changes since the baseline, and a ※ item changed: which
	 * 提出時期 (ed-review.c). */
	POP_CHANGES,
	POP_IMPORTANT,
};

/* How a save may proceed after the user answered: a set of these. */
enum ed_save_how {
	ED_SAVE_ASK = 0,       /* stop and ask about any of the above */
	ED_SAVE_OVERWRITE = 1, /* write over another program's change */
	ED_SAVE_READONLY = 2,  /* write the read-only file */
	ED_SAVE_IN_PLACE = 4,  /* write into the file, keeping its owner */
};

/* Text of the recovery file that was being typed but is not a value yet
 * (a date half typed): "# unfinished: PATH<TAB>TEXT" before the document. */
#define ED_UNFINISHED "# unfinished: "

/* How the host's writing of a file ended. */
enum ed_written {
	ED_WRITTEN,        /* done */
	ED_WRITE_CHANGED,  /* another program changed the file */
	ED_WRITE_READONLY, /* the file is read-only (*err says so) */
	ED_WRITE_OWNER,    /* replacing it would change its owner (*err) */
	ED_WRITE_FAILED,   /* it could not be written (*err says why) */
};

struct doc;
struct fdef;

/* Everything the editor needs from outside its model: files, locks and
 * other programs. The program implements it once (edhost.c); tests give
 * an in-memory one. A NULL member is a service the host lacks. Strings
 * returned through err and alert are the caller's to free. */
struct ed_host {
	void *ctx;
	/* Write the document's text to file, holding its lock; how is a set
	 * of ed_save_how (the questions answered). */
	enum ed_written (*save)(void *ctx, const char *file, const char *buf,
	                        size_t len, unsigned how, char **err);
	/* Tell whether path exists (Save As never writes over a file). */
	bool (*exists)(void *ctx, const char *path);
	/* Create path with the text and move the lock and the recovery file
	 * to it; *alert (may stay NULL) says what was lost on the way (the
	 * lock could not be recorded). */
	enum ed_written (*save_as)(void *ctx, const char *path, const char *buf,
	                           size_t len, char **err, char **alert);
	/* Write the recovery file; false with *err when it cannot be. */
	bool (*write_recovery)(void *ctx, const char *buf, size_t len,
	                       char **err);
	/* Read file again, dropping the recovery file: the document (the
	 * caller's), *held when another editor holds the file now; NULL
	 * with *err. */
	struct doc *(*reload)(void *ctx, const struct fdef *fd,
	                      const char *file, bool *held, char **err);
	/* Tell whether a read-only file may be written all the same (the
	 * user's own, made read-only on purpose). */
	bool (*may_force)(void *ctx, const char *file);
	/* Let the user edit text in another program: the new text (UTF-8,
	 * the caller's), or NULL with *err saying why not. */
	char *(*edit_text)(void *ctx, const char *text, char **err);
	/* Export the document in format f to the file out (force: over the
	 * file there, kept as out~); *where says where it went (the full
	 * path, the caller's), or false with *err. */
	bool (*export)(void *ctx, const struct doc *d, enum export_format f,
	               const char *out, bool force, char **where, char **err);
	/* Read the baseline the document names (base, as written in the
	 * document of file): the document (the caller's), or NULL with
	 * *err. */
	struct doc *(*load_baseline)(void *ctx, const struct fdef *fd,
	                             const char *file, const char *base,
	                             char **err);
};

struct ed;

/* Where a key binding works (struct ed_binding.where): a set of these. */
enum {
	ED_IN_TOP = 1 << 0,       /* on the rows: nothing edited, no popup */
	ED_IN_ADD = 1 << 1,       /* on the row that adds a block */
	ED_IN_BLOCK = 1 << 2,     /* on the heading of a block */
	ED_IN_CHOICE = 1 << 3,    /* on a choice */
	ED_IN_CHECK = 1 << 4,     /* on checkboxes or a flag */
	ED_IN_ITEM = 1 << 5,      /* on another item (typed text) */
	ED_IN_EDIT = 1 << 6,      /* a text is being edited */
	ED_IN_OPTIONS = 1 << 7,   /* the options of a choice are shown */
	ED_IN_HELP = 1 << 8,      /* the help (F1) */
	ED_IN_PROBLEMS = 1 << 9,  /* the problem list (F2) */
	ED_IN_FIND = 1 << 10,     /* find (Ctrl-F) */
	ED_IN_QUIT = 1 << 11,     /* quitting: save the changes? */
	ED_IN_REMOVE = 1 << 12,   /* remove the block? */
	ED_IN_REASON = 1 << 13,   /* typing the reason to accept a warning */
	ED_IN_SAVEAS = 1 << 14,   /* typing another file name */
	ED_IN_CONFLICT = 1 << 15, /* a save met a conflict (edsave.c) */
	ED_IN_EXPORT = 1 << 16,   /* export: which format, replace the file */
	/* The annual review (ed-review.c): the changes since the baseline,
	 * and the question about a ※ change. */
	ED_IN_CHANGES = 1 << 17,
	ED_IN_IMPORTANT = 1 << 18,
};

/* The hint line that shows a binding's hint (struct ed_binding.hint_in):
 * a set of these. */
enum {
	ED_HINT_READONLY = 1 << 0,   /* another editor holds the file */
	ED_HINT_NOROW = 1 << 1,      /* nothing to focus in the chapter */
	ED_HINT_BLOCK = 1 << 2,      /* a block's heading */
	ED_HINT_OFFER = 1 << 3,      /* an item with an answer F3 offers */
	ED_HINT_ADD = 1 << 4,        /* the row that adds a block */
	ED_HINT_CHOICE = 1 << 5,     /* a choice */
	ED_HINT_CHECK = 1 << 6,      /* checkboxes or a flag */
	ED_HINT_FILLED = 1 << 7,     /* a date or a number with a value */
	ED_HINT_TEXT = 1 << 8,       /* another item */
	ED_HINT_EDIT_TABLE = 1 << 9, /* editing a table */
	ED_HINT_EDIT_LINE = 1 << 10, /* editing a one-line item */
	ED_HINT_EDIT_TEXT = 1 << 11, /* editing a text */
	ED_HINT_OPTIONS = 1 << 12,
	ED_HINT_FIND = 1 << 13,
	ED_HINT_PROBLEMS = 1 << 14,
	ED_HINT_HELP = 1 << 15,
	ED_HINT_REASON = 1 << 16,
	ED_HINT_SAVEAS = 1 << 17,
	ED_HINT_EXPORT = 1 << 18, /* export: which format */
	ED_HINT_REVIEW = 1 << 19, /* an imported value to confirm (要確認) */
	ED_HINT_CHANGES = 1 << 20,
	ED_HINT_IMPORTANT = 1 << 21,
	/* Not places, but when a hint of its places is shown. ED_HINT_N1,
	 * N9 and N10: only on a list of one option, of two to nine (the
	 * hint then names the last digit, %zu), or of ten or more.
	 * ED_HINT_BASE: only when the document has a last published version
	 * to compare with. ED_HINT_ROOM1, 2, 3: only where the line has room
	 * for it once the other hints are in, tried in that order. */
	ED_HINT_N1 = 1 << 22,
	ED_HINT_N9 = 1 << 23,
	ED_HINT_N10 = 1 << 24,
	ED_HINT_BASE = 1 << 25,
	ED_HINT_ROOM1 = 1 << 26,
	ED_HINT_ROOM2 = 1 << 27,
	ED_HINT_ROOM3 = 1 << 28,
};

/* Keys of a binding that stand for more than one key. */
#define ED_KEY_TEXT ((uint32_t)HK_LAST + 1) /* a typed character or Space */
#define ED_KEY_ANY  ((uint32_t)HK_LAST + 2) /* any key */

/* One row of the editor's key table (ed-keys.c): the keys key..last (last
 * 0: key alone; HK_NONE: a hint that is no key) run run where the editor
 * is in where; the hint line of each place in hint_in shows hint; the F1
 * key list shows help at its place help_pos (0: not there). hint and help
 * are marked with N_(). */
struct ed_binding {
	uint32_t key, last;
	unsigned where;
	void (*run)(struct ed *e, uint32_t key);
	unsigned hint_in;
	const char *hint;
	int help_pos;
	const char *help;
};

/* What the view and the tests may read of the editor: a look at its
 * state, filled by ed_look(); every pointer is borrowed and valid until
 * the next key. */
struct ed_look {
	const struct ed *ed;
	const struct fdef *fd;
	const struct doc *doc;
	const char *file;
	const struct ed_section *secs;
	size_t nsecs, cur; /* sections, and the one shown */
	const struct ed_row *rows;
	size_t nrows, focus, member;
	bool editing;
	const char *edit; /* the text being edited */
	size_t edit_len, cursor;
	enum ed_popup popup;
	size_t pop_sel;
	const char *query; /* the answer typed into a prompt */
	const struct ed_hit *hits;
	size_t nhits;
	const struct diag_list *problems;
	const size_t *porder; /* the problem list's order */
	const char *msg;      /* the message line, or NULL */
	bool msg_error;
	const char *alert;        /* a lasting problem, or NULL */
	const char *autosave_err; /* why the recovery file cannot be
	                             written, or NULL */
	bool readonly, quit;
	size_t undo_pos, nundo;
	unsigned long page_gen, help_gen;
	const int *help_moves;
	size_t nhelp_moves;
};

struct ed *ed_new(const struct fdef *fd, struct doc *doc, const char *file);
void ed_free(struct ed **e);
void ed_look(const struct ed *e, struct ed_look *l);
bool ed_quitting(const struct ed *e);
bool ed_readonly(const struct ed *e);
void ed_set_readonly(struct ed *e, bool readonly);
void ed_set_restored(struct ed *e);
const char *ed_autosave_error(const struct ed *e);
void ed_key(struct ed *e, uint32_t key);
const struct ed_binding *ed_bindings(size_t *n);
char *ed_hint_line(const struct ed *e, size_t width);
char *ed_key_help(void);
void ed_set_width(struct ed *e, int form_w);
bool ed_modified(const struct ed *e);
void ed_counts(const struct ed *e, size_t *missing, size_t *errors,
               size_t *warn);
void ed_set_host(struct ed *e, const struct ed_host *host);
void ed_write_recovery(struct ed *e);
void ed_alert(struct ed *e, const char *msg);
const char *ed_conflict_prompt(const struct ed *e);
const char *ed_conflict_hints(const struct ed *e);
bool ed_autosave_due(const struct ed *e);
char *ed_block_name(const struct ed_row *r);
size_t ed_wrap_cols(int form_w, int depth);
const struct diag *ed_offer_at(const struct ed *e, size_t i);
bool ed_problem_at(const struct ed *e, const struct diag *d,
                   const struct doc_group *g, const struct fdef_node *n);
size_t ed_problem_first(const struct ed *e, const struct doc_group *g,
                        const struct fdef_node *n);
size_t ed_problem_next(const struct ed *e, size_t k);
bool ed_finding_missing(const struct ed *e, const struct diag *d);
void ed_message(struct ed *e, bool error, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The annual review in the editor (ed-review.c). */
struct review_list;

/* Whether 別添2 records a change (ed_change_recorded()). */
enum ed_recorded {
	ED_REC_NO,    /* no row names it */
	ED_REC_YES,   /* a row records it */
	ED_REC_STALE, /* its row's 変更後 is not the value now */
};

void ed_open_baseline(struct ed *e);
const struct review_list *ed_changes(const struct ed *e);
const char *ed_change_kind(const struct ed *e, size_t i);
const char *ed_change_mark(const struct ed *e, const struct ed_row *r);
enum ed_recorded ed_change_recorded(const struct ed *e, size_t i);
char *ed_important_question(const struct ed *e, char ***answers, size_t *n);

#endif
