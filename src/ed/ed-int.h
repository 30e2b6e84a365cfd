/* The editor's own state: private to the editor's modules (ed*.c); the
 * view and the tests read it through struct ed_look (ed.h). */
#ifndef HYOKA_ED_INT_H
#define HYOKA_ED_INT_H

#include "check.h"
#include "ed.h"
#include "review.h"
#include "sbuf.h"

/* Why a save stopped to ask (edsave.c). */
enum ed_conflict {
	ED_CONFLICT_CHANGED,  /* another program changed the file */
	ED_CONFLICT_READONLY, /* the file is read-only */
	ED_CONFLICT_OWNER,    /* replacing it would change its owner */
};

enum ed_undo_kind {
	UNDO_SET,
	UNDO_ADD,
	UNDO_REMOVE,
	UNDO_SWAP,
	UNDO_ACCEPT,   /* a warning accepted (undo withdraws it) */
	UNDO_WITHDRAW, /* an acceptance withdrawn (undo restores it) */
	UNDO_CONFIRM,  /* an imported value confirmed (undo marks it again) */
};

struct ed_undo {
	enum ed_undo_kind kind;
	char *path; /* SET: item path; others: holder group path */
	const struct fdef_node *node;   /* SET: item; others: the repeat */
	struct doc_value before, after; /* SET */
	size_t at, to;          /* ADD/REMOVE: index; SWAP: the two indices */
	struct doc_group *kept; /* REMOVE: the removed instance (undo) */
	char *rule, *reason, *values; /* ACCEPT/WITHDRAW; CONFIRM: reason */
	bool joined; /* undone and redone with the record before it */
};

/* Where a problem is, resolved once. */
struct ed_ploc {
	const struct doc_group *g;
	const struct fdef_node *n;
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
	                           shown from its top (the view scrolls) */
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
	struct ed_hit *hits;
	size_t nhits;

	struct ed_undo *undo;
	size_t nundo, undo_pos; /* ops [0, undo_pos) are done */
	size_t saved_pos; /* undo_pos at the last save, (size_t)-1 if unknown */

	struct diag_list problems;
	size_t *porder; /* problem list order: by section, then rule */
	struct ed_ploc *ploc;
	size_t *phead;   /* problems by place: first of each hash bucket */
	size_t *pnext;   /* the next problem in the same bucket */
	size_t pbuckets; /* a power of two */
	struct check_memo memo; /* the change log resolved, what it names */
	bool full_check;
	char *msg; /* one-line message for the user, or NULL */
	bool msg_error;
	bool quit;
	bool readonly;           /* another editor holds the lock */
	unsigned long gen;       /* bumped by every key, for autosave */
	unsigned long saved_gen; /* gen of the last recovery write */
	int form_w;              /* columns of the form pane (ed_set_width) */
	unsigned export_fmt;     /* the format chosen for Ctrl-P (0: HTML) */

	/* The annual review (ed-review.c). */
	struct doc *base;           /* the baseline, or NULL */
	struct review_list changes; /* the changes since it */
	struct ed_ploc *cplace;     /* where each change is shown */
	char **asked;               /* paths asked about (※) this session */
	size_t nasked;
	char *watch;     /* the item focused before the key */
	char *watch_val; /* its value when it got the focus */
	char *ask;       /* the path of the change asked about */
};

bool ed_save(struct ed *e);
bool ed_write(struct ed *e, unsigned how);
void ed_save_as(struct ed *e, const char *path);
void ed_conflict_key(struct ed *e, uint32_t key);
void ed_replace_doc(struct ed *e, struct doc *doc);
char *ed_recovery_text(struct ed *e, size_t *len);
const char *ed_summary(const struct doc_group *g);

/* ed.c */
bool ed_can_change(struct ed *e);
struct ed_row *ed_focused(struct ed *e);

/* ed-outline.c */
bool ed_repeat_of_groups(const struct fdef_node *n);
void ed_build_sections(struct ed *e);
void ed_rebuild(struct ed *e);
size_t ed_section_of(const struct ed *e, const struct doc_group *g);
void ed_goto(struct ed *e, size_t sec, const struct doc_group *g,
             const struct fdef_node *node);
size_t ed_members(const struct ed *e, const struct fdef_node *n);
const struct fdef_member *ed_member_at(const struct ed *e,
                                       const struct fdef_node *n, size_t k);
void ed_move(struct ed *e, int dir);
void ed_section_step(struct ed *e, int dir);
bool ed_same_row(const struct ed_row *a, const struct ed_row *b);

/* ed-problems.c */
void ed_count_problems(struct ed *e);
void ed_validate(struct ed *e);
void ed_validate_change(struct ed *e, const struct doc_group *g,
                        const struct fdef_node *changed, bool flipped);
size_t ed_finding_section(const struct ed *e, size_t k);
void ed_next_needed(struct ed *e);
void ed_key_accept(struct ed *e);
void ed_accept(struct ed *e, const char *reason);
void ed_withdraw(struct doc_group *g, const char *rule, const char *item);
void ed_order_problems(struct ed *e);

/* ed-undo.c */
void ed_undo_free(struct ed_undo *u);
struct ed_undo *ed_push_undo(struct ed *e, enum ed_undo_kind kind);
bool ed_set_value(struct ed *e, struct doc_group *g,
                  const struct fdef_node *node, struct doc_value *v);
void ed_undo(struct ed *e);
void ed_redo(struct ed *e);

/* ed-text.c */
void ed_begin_edit_with(struct ed *e, bool empty);
void ed_begin_edit(struct ed *e);
bool ed_commit_edit(struct ed *e);
bool ed_edit_valid(struct ed *e);
void ed_abandon_edit(struct ed *e);
bool ed_one_line(const struct fdef_node *n);
void ed_end_edit(struct ed *e);
void ed_insert(struct ed *e, const char *s, size_t n);
void ed_edit_typed(struct ed *e);
void ed_delete_range(struct ed *e, size_t a, size_t b);
void ed_edit_vertical(struct ed *e, int dir);
void ed_key_external(struct ed *e);
void ed_paste_key(struct ed *e, uint32_t key);
void ed_paste(struct ed *e, const char *text);

/* ed-blocks.c */
void ed_open_choice(struct ed *e);
void ed_pick(struct ed *e, size_t k);
void ed_toggle(struct ed *e);
void ed_add_block(struct ed *e);
char *ed_block_title(const struct ed_row *r);
void ed_focus_block(struct ed *e, const struct doc_group *g,
                    const struct fdef_node *repeat, size_t at);
void ed_remove_block(struct ed *e);
void ed_move_block(struct ed *e, int dir);

/* ed-derive.c */
void ed_fill_offer(struct ed *e);

/* ed-find.c */
void ed_find_update(struct ed *e);
void ed_find_jump(struct ed *e, size_t k);

/* ed-export.c */
void ed_export_ask(struct ed *e);
void ed_export_key(struct ed *e, uint32_t key);
void ed_export_replace_key(struct ed *e, uint32_t key);
/* ed-review.c */
void ed_review_update(struct ed *e);
void ed_review_count(struct ed *e);
void ed_review_watch(struct ed *e);
void ed_review_left(struct ed *e);
void ed_review_free(struct ed *e);
void ed_k_changes(struct ed *e, uint32_t key);
void ed_k_changes_jump(struct ed *e, uint32_t key);
void ed_k_changes_record(struct ed *e, uint32_t key);
void ed_k_changes_record_all(struct ed *e, uint32_t key);
void ed_k_important(struct ed *e, uint32_t key);

/* ed-popup.c */
void ed_open_help(struct ed *e);
void ed_help_move(struct ed *e, int n);
bool ed_prompt_key(struct ed *e, uint32_t key);

#endif
