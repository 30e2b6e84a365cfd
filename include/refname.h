/*
 * The names of items in references: the parts of a form ref (II-4-委託事項*-④
 * is "II", "4", "委託事項*", "④"), and an item of a document written as the
 * 項目 of a 別添2 row in the hyphenated style of the published logs:
 * II-4-委託事項1-④再委託の有無, I-4 法令上の根拠, 公表日, III-5-特定個人情報の
 * 提供・移転に関するルール, and II(2. 資格状況履歴ファイル)-6-保管場所 when the
 * document has several files. resolve.h reads such texts back.
 */
#ifndef HYOKA_REFNAME_H
#define HYOKA_REFNAME_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* The ref of a node without its file prefix (F*:). Borrowed. */
const char *refname_local(const struct fdef_node *n);

/* Split a ref into its components at '-'. Caller frees with
 * refname_free_split(). */
char **refname_split(const char *ref, size_t *n);

/* Free what refname_split() returned. */
void refname_free_split(char **v, size_t n);

/* The ①..⑳ a ref component is, or 0. No memory. */
int refname_circled(const char *comp);

/* The number a ref component is (the 4 of I-4), or 0. No memory. */
int refname_number(const char *comp);

/* The word of a repeat's instance label (システム of システム*), or NULL.
 * Caller frees. */
char *refname_instance_word(const struct fdef_node *repeat);

/* The repeat of 特定個人情報ファイル that holds node, or NULL. No memory. */
const struct fdef_node *refname_files_of(const struct fdef_node *n);

/* The 項目 text of node (an item, a section or a whole repeat) in
 * instance g (g->def == node->parent). Caller frees. */
char *refname_item_text(const struct doc *d, const struct doc_group *g,
                        const struct fdef_node *node);

#endif
