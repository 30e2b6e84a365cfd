/* The guided editor: its state, its keys and its drawing into a grid.
 * No curses here: the terminal layer (src/tui/) feeds keys and shows the
 * grid; key replay does the same without a terminal. */
#ifndef HYOKA_ED_H
#define HYOKA_ED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "doc.h"
#include "grid.h"
#include "sbuf.h"

enum ed_row_kind {
	ROW_HEADING, /* a sub-section title */
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
};

/* Why a save stopped to ask (edsave.c). */
enum ed_conflict {
	ED_CONFLICT_CHANGED,  /* another program changed the file */
	ED_CONFLICT_READONLY, /* the file is read-only */
	ED_CONFLICT_OWNER,    /* replacing it would change its owner */
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

enum ed_undo_kind {
	UNDO_SET,
	UNDO_ADD,
	UNDO_REMOVE,
	UNDO_SWAP,
	UNDO_ACCEPT,   /* a warning accepted (undo withdraws it) */
	UNDO_WITHDRAW, /* an acceptance withdrawn (undo restores it) */
};

struct ed_undo {
	enum ed_undo_kind kind;
	char *path; /* SET: item path; others: holder group path */
	const struct fdef_node *node;   /* SET: item; others: the repeat */
	struct doc_value before, after; /* SET */
	size_t at, to;          /* ADD/REMOVE: index; SWAP: the two indices */
	struct doc_group *kept; /* REMOVE: the removed instance (undo) */
	char *rule, *reason, *values; /* ACCEPT/WITHDRAW */
};

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
};

struct ed {
	const struct fdef *fd;
	struct doc *doc;
	char *file;
	const struct ed_host *host; /* borrowed; NULL: none (nothing is
	                               written, no other program runs) */
	struct doc *own_doc; /* a document the editor read again (reload) */
	char *alert;         /* a lasting problem (the lock could not be
	                        recorded), shown until the editor ends */
	char *autosave_err;  /* why the recovery file cannot be written,
	                        shown until it can */
	enum ed_conflict conflict;
	int conflict_answer; /* POP_CONFLICT_CONFIRM: 'r' reload, 'o' write */
	unsigned save_how;   /* the answers given in this save */

	struct ed_section *secs;
	size_t nsecs;
	size_t cur; /* current section */
	struct ed_row *rows;
	size_t nrows;
	size_t focus;           /* index into rows */
	size_t member;          /* focused member of a multi item */
	unsigned long page_gen; /* bumped when another page of rows is
	                           shown from its top (ed_view scrolls) */
	struct ed_row
	        guided; /* the row Ctrl-N last stopped on (g NULL: none) */

	bool editing;
	bool refused;      /* the text was refused as a value; still editing */
	bool esc_armed;    /* Esc after a refusal, with no key since: Esc again
	                      gives the edit up */
	struct sbuf edit;  /* the text being edited */
	size_t cursor;     /* byte offset into edit */
	bool pasting;      /* between HK_PASTE_START and HK_PASTE_END */
	struct sbuf paste; /* the pasted text so far */

	enum ed_popup popup;
	size_t pop_sel;
	unsigned long help_gen; /* bumped when the help opens */
	int *help_moves;        /* lines the help was scrolled by since it
	                           opened, one entry a key (the view applies
	                           them, stopping at either end) */
	size_t nhelp_moves;
	struct sbuf query; /* Ctrl-F words */
	struct ed_hit {
		struct doc_group *g;
		const struct fdef_node *node;
		size_t sec;
		int score;
	} * hits;
	size_t nhits;

	struct ed_undo *undo;
	size_t nundo, undo_pos; /* ops [0, undo_pos) are done */
	size_t saved_pos; /* undo_pos at the last save, (size_t)-1 if unknown */

	struct diag_list problems;
	size_t *porder;  /* problem list order: by section, then rule */
	struct ed_ploc { /* where each problem is, resolved once */
		const struct doc_group *g;
		const struct fdef_node *n;
	} * ploc;
	bool full_check;
	char *msg; /* one-line message for the user, or NULL */
	bool msg_error;
	bool quit;
	bool readonly;           /* another editor holds the lock */
	unsigned long gen;       /* bumped by every key, for autosave */
	unsigned long saved_gen; /* gen of the last recovery write */
	int form_w;              /* columns of the form pane (ed_set_width) */
};

/* What the driver (the terminal or key replay) keeps of the screen
 * between draws: the panes and where the form and the help are scrolled.
 * ed_draw() updates it from the model; the model never reads it. */
struct ed_view {
	int cols, rows;
	int form_top, form_h, form_x, form_w, tree_w;
	size_t top_row;          /* first row of the form shown */
	size_t top_off;          /* lines of that row scrolled off */
	unsigned long page_seen; /* the model's page_gen last drawn */
	int help_top;            /* first line of the help shown */
	unsigned long help_seen; /* the model's help_gen last drawn */
	size_t help_applied;     /* help_moves applied so far */
};

struct ed *ed_new(const struct fdef *fd, struct doc *doc, const char *file);
void ed_free(struct ed **e);
void ed_key(struct ed *e, uint32_t key);
void ed_set_width(struct ed *e, int form_w);
void ed_view_init(struct ed_view *v);
void ed_view_resize(struct ed_view *v, struct ed *e, int cols, int rows);
void ed_draw(const struct ed *e, struct ed_view *v, struct grid *g);
bool ed_modified(const struct ed *e);
void ed_counts(const struct ed *e, size_t *missing, size_t *errors,
               size_t *warn);
void ed_set_host(struct ed *e, const struct ed_host *host);
bool ed_save(struct ed *e);
bool ed_write(struct ed *e, unsigned how);
void ed_save_as(struct ed *e, const char *path);
void ed_write_recovery(struct ed *e);
void ed_alert(struct ed *e, const char *msg);
void ed_conflict_key(struct ed *e, uint32_t key);
const char *ed_conflict_prompt(const struct ed *e);
const char *ed_conflict_hints(const struct ed *e);
void ed_replace_doc(struct ed *e, struct doc *doc);
char *ed_recovery_text(struct ed *e, size_t *len);
bool ed_autosave_due(const struct ed *e);
const char *ed_summary(const struct doc_group *g);
char *ed_block_name(const struct ed_row *r);
size_t ed_wrap_cols(int form_w, int depth);
const struct diag *ed_offer_at(const struct ed *e, size_t i);
bool ed_problem_at(const struct ed *e, const struct diag *d,
                   const struct doc_group *g, const struct fdef_node *n);
void ed_message(struct ed *e, bool error, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
