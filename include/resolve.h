/*
 * References to items: what the 項目 column of a 別添2 row names.
 *
 * Clerks name an item in many ways (form-catalog.md §6.5): "I 6 ②所属長",
 * "Ⅱ-5-移転先2-④…", "V評価実施手続 1. 基礎項目評価 ①実施日", "リスク対策(1.
 * 資格管理ファイル~6. 滞納整理ファイル) 7. …その内容", "- 4 個人番号の利用
 * 法令上の根拠", or a bare label that continues the row before. The resolver
 * reads such a text against the form definition (labels, titles, refs and the
 * ①..⑳ numbers; nothing about the form is written here) and the document
 * (its files and blocks), and answers with the items it names, how sure it
 * is and why. The printed headings count too: "III-6 リスク2 措置" is the
 * 措置の内容 under リスク2, and a heading alone ("III-6 リスク2", "II-3-④
 * 使用の主体") names every item under it. It never picks one of two readings
 * that both fit: it says "ambiguous" and lists them.
 *
 * Text is folded with jtext_fold() (NFKC, case, blanks) and matched by the
 * longest runs of characters it shares with the names of each candidate, so
 * that typos, glued words and abbreviated labels still find their item.
 *
 * A resolver keeps the context of the last reference it resolved: a short
 * form such as "II-5-① 法令上の根拠" after "II-5 提供先1" belongs to 提供先1,
 * and a bare "再発防止策の内容" to the files of the row before. Resolve the
 * rows of a log in order, or call resolve_forget() between unrelated texts.
 *
 * Everything here is pure: no printing, no files; the document is not
 * changed and must not change while a resolver exists.
 */
#ifndef HYOKA_RESOLVE_H
#define HYOKA_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum resolve_status {
	RESOLVE_NONE,      /* names nothing of this document */
	RESOLVE_AMBIGUOUS, /* two or more readings fit: t lists them */
	RESOLVE_SURE,      /* t lists what it names (several for ranges and
	                      headings) */
};

/* One thing a reference names: an item, or a section (group), or every
 * block of a repeat. g is the instance holding node (g->def ==
 * node->parent). */
struct resolve_target {
	const struct doc_group *g;
	const struct fdef_node *node;
};

/* What a reference names that is not there (status RESOLVE_NONE), for a
 * message that says it in its own words. */
enum resolve_missing {
	RESOLVE_MISSING_ITEM, /* no item of the form matches */
	RESOLVE_MISSING_PART, /* a part the form lacks (missing_name: VI) */
	RESOLVE_MISSING_FILE, /* file missing_file (0: the document has
	                         none) */
	RESOLVE_MISSING_BLOCK, /* block missing_name (委託事項3, or 委託事項
	                          when there is none) of file missing_file
	                          (0: of the document) */
};

struct resolve_result {
	enum resolve_status status;
	struct resolve_target *t;
	size_t n;
	char *reason; /* one line for people, in the user's language */
	enum resolve_missing missing; /* RESOLVE_NONE: what is not there */
	size_t missing_file;
	char *missing_name;
};

struct resolve;

/* The rows of a change log resolved in order, one result per row. */
struct resolve_log {
	struct resolve_result *rows;
	size_t n;
};

/* Prepare a resolver for a document. Caller frees with resolve_free(). */
struct resolve *resolve_new(const struct doc *d);

/* Free a resolver and set *r to NULL. */
void resolve_free(struct resolve **r);

/* Forget the context of the previous reference. No memory. */
void resolve_forget(struct resolve *r);

/* Resolve one reference text; before and after (the row's 変更前/変更後,
 * may be NULL) narrow a section to the one item whose checkbox they show.
 * Caller frees out with resolve_result_fini(). */
void resolve_ref(struct resolve *r, const char *text, const char *before,
                 const char *after, struct resolve_result *out);

/* Free what a result holds. */
void resolve_result_fini(struct resolve_result *res);

/* Name a status: "sure", "ambiguous" or "none". Static string. */
const char *resolve_status_name(enum resolve_status s);

/* The document path of a target (files.1.outline.entrust.items.1.sub, or
 * basic.systems for a whole repeat). Caller frees. */
char *resolve_target_path(const struct resolve_target *t);

/* Tell whether a change of the target is a 重要な変更: an item marked ※
 * in the form, or a section whose items all are. No memory. */
bool resolve_target_important(const struct resolve_target *t);

/* Resolve every row of the document's change log (the repeat the form
 * gives the role change_log, its columns change_item, change_before and
 * change_after) in order, each with the context of the rows before it.
 * Caller frees out with resolve_log_fini(). */
void resolve_log(const struct doc *d, struct resolve_log *out);

/* Free what a resolved log holds. */
void resolve_log_fini(struct resolve_log *log);

#endif
