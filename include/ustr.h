/*
 * Folded text as code points, for matching the names of items (resolve.h):
 * folded with jtext_fold() (NFKC, case folding, no blanks, ①..⑳ kept), and
 * compared by runs of two or more equal characters, so that typos, glued
 * words and left-out words still match most of a name.
 */
#ifndef HYOKA_USTR_H
#define HYOKA_USTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ustr {
	uint32_t *s;
	size_t n;
};

/* Tables ustr_runs() reuses. */
struct ustr_scratch {
	int16_t *dp;
	size_t n;
};

/* Decode s into a new code point array. Caller frees out->s. */
void ustr_decode(const char *s, struct ustr *out);

/* Fold s (NFKC, case, no blanks, ①.. kept) into code points. Caller frees
 * out->s. */
void ustr_fold(const char *s, struct ustr *out);

/* Fold a label or title and take off what is not its name: a leading ①..⑳
 * (into *circ), "n." (into *num), ※ and the note in parentheses after it.
 * num and circ may be NULL. Caller frees out->s. */
void ustr_clean(const char *label, int *num, int *circ, struct ustr *out);

/* Free the code points of s. */
void ustr_free(struct ustr *s);

/* Tell whether cp is an ASCII digit. No memory. */
bool ustr_digit(uint32_t cp);

/* Tell whether a (na code points) holds b at offset at. No memory. */
bool ustr_at(const uint32_t *a, size_t na, size_t at, const struct ustr *b);

/* Tell whether two texts are equal. No memory. */
bool ustr_eq(const struct ustr *a, const struct ustr *b);

/* Remove count code points at offset at. No memory. */
void ustr_cut(struct ustr *s, size_t at, size_t count);

/* Match a against b by runs of two or more equal characters, in order, as
 * many characters as possible (a run ending later in b wins a tie).
 * a2b[i] gets the position in b that a[i] matched, or -1. Returns the
 * number matched. Memory: the scratch's tables. */
size_t ustr_runs(struct ustr_scratch *sc, const uint32_t *a, size_t na,
                 const uint32_t *b, size_t nb, int *a2b);

/* Free the tables of a scratch. */
void ustr_scratch_fini(struct ustr_scratch *sc);

#endif
