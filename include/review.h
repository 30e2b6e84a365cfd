/*
 * The annual review: what changed between two versions of an assessment,
 * as rows of its change log (別添2 変更箇所).
 *
 * review_diff() compares the last published version (OLD) with the new one
 * item by item, in the order of the form. Each difference becomes one row:
 * its 項目 in the hyphenated style (II-4-委託事項1-④再委託の有無; it
 * resolves back to the same item, see resolve.h), its 変更前/変更後 as the
 * published logs write them (the chosen option, the checked boxes with
 * their ( ) texts and counts, a long text whole or only its changed
 * sentences), and a suggested 提出時期 and 説明: the form's presets for a
 * ※ item (事前, 再実施) or for any other (事後). A new 特定個人情報ファイル is
 * one row per part (II, 別添1, III). The log itself is not compared.
 *
 * review_apply() appends the rows that the new version's log does not
 * hold yet to that log, all or nothing. Nothing here prints or reads files.
 */
#ifndef HYOKA_REVIEW_H
#define HYOKA_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "resolve.h"

/* One difference as a row of the change log. */
struct review_change {
	const struct doc *in;    /* the version t is in (NEW, or OLD when
	                            it was removed) */
	struct resolve_target t; /* the item or part that changed */
	char *path;              /* resolve_target_path() of t */
	char *item;              /* 項目 */
	char *before;            /* 変更前の記載 ("" when it was empty) */
	char *after;             /* 変更後の記載 */
	const char *timing; /* suggested 提出時期; borrowed from the form */
	const char *reason; /* suggested 説明; borrowed from the form */
	bool important;     /* a ※ item: a 重要な変更 */
	bool recorded;      /* NEW's log already has a row for it */
	size_t row;         /* recorded: that row (0-based; the last one,
	                       preferring a row that names it alone) */
	bool exact;         /* recorded: that row names this item alone (not a
	                       section or block holding others too) */
};

struct review_list {
	struct review_change *v;
	size_t n;
};

/* The differences between old and new as change-log rows, in form order;
 * recorded tells which rows new's log already holds (rows that old's log
 * does not have and that name the same item), and row which row that is.
 * Caller frees with review_list_fini(). */
void review_diff(const struct doc *old, const struct doc *new,
                 struct review_list *out);

/* The item another is printed with, whose change row holds its value:
 * the checkbox of a ( ) text or count, or the choice a count follows
 * (委託の有無 and its 件数). NULL if none. Borrowed. */
const struct fdef_node *review_head(const struct fdef_node *n);

/* Free what a list holds. */
void review_list_fini(struct review_list *l);

/* Where a change is in new: its item, or for something removed the
 * nearest section of new that held it. *g holds *at. False when new has
 * no such place. No memory. */
bool review_place(const struct doc *new, const struct review_change *c,
                  const struct doc_group **g, const struct fdef_node **at);

/* Append the rows not recorded yet to new's change log, dated date (any
 * form hyoka reads; NULL for new's 公表日). All or nothing: false with a
 * message in *err (caller frees) and new unchanged. *added gets the number
 * of rows appended. */
bool review_apply(struct doc *new, const struct review_list *l,
                  const char *date, size_t *added, char **err);

/* The 変更日 of new rows: new's 公表日, else today (HYOKA_TODAY in
 * tests), as 和暦. Caller frees. */
char *review_default_date(const struct doc *new);

/* Make a published version the start of the next: record it as the
 * baseline (base_file, and its 公表日), then clear the items that belong
 * to one published version (per_version in the form: 公表日, V-1-①). */
void review_start_next(struct doc *d, const char *base_file);

#endif
