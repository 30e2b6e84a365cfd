/*
 * The parts of a form reference, for reading references (resolve.h):
 * II-4-委託事項*-④ is "II", "4", "委託事項*", "④"; a part may be a ①..⑳, a
 * number or the word of a repeat's blocks. How an item is written as the
 * 項目 of a 別添2 row is name.h's (NAME_LOG).
 */
#ifndef HYOKA_REFNAME_H
#define HYOKA_REFNAME_H

#include <stddef.h>

#include "fdef.h"

/* The ref of a node without its file prefix (F*:). Borrowed. */
const char *refname_local(const struct fdef_node *n);

/* Split a ref into its components at '-'. Caller frees with
 * refname_free_split(). */
char **refname_split(const char *ref, size_t *n);

/* Free what refname_split() returned. */
void refname_free_split(char **v);

/* The ①..⑳ a ref component is, or 0. No memory. */
int refname_circled(const char *comp);

/* The number a ref component is (the 4 of I-4), or 0. No memory. */
int refname_number(const char *comp);

/* The word of a repeat's instance label (システム of システム*), or NULL.
 * Caller frees. */
char *refname_instance_word(const struct fdef_node *repeat);

#endif
