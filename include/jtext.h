/*
 * Japanese text for matching: the one place where hyoka normalises text
 * that a person typed or a PDF extraction produced before comparing it.
 *
 * jtext_nfkc() applies Unicode NFKC (libunistring's u8_normalize): full-width
 * letters, digits and punctuation become ASCII (Ｒ６．５ → R6.5), ㋿ →
 * 令和, ㍻ → 平成, Ⅱ → II, ① → 1, U+3000 → space. It is for input that has one
 * meaning however it was typed: dates and numbers.
 *
 * jtext_fold() is for comparing: NFKC and case folding (u8_casefold), so
 * that ＩＩ－４, ii-4 and Ⅱ-4 all become ii-4. With JTEXT_KEEP_CIRCLED the
 * circled numbers ①..⑳ ㉑..㊿ stay as they are (an item number in a
 * reference is not a section number); without it they fold to digits. With
 * JTEXT_DROP_BLANKS every blank (space, tab, line break, U+3000, NBSP and
 * the other space separators) is removed, for text that an extraction has
 * split or spaced differently.
 *
 * Invalid UTF-8 is read as U+FFFD, one character per bad byte, as
 * everywhere in hyoka.
 */
#ifndef HYOKA_JTEXT_H
#define HYOKA_JTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum jtext_flags {
	JTEXT_KEEP_CIRCLED = 1 << 0,
	JTEXT_DROP_BLANKS = 1 << 1,
};

/* Return s in Unicode NFKC. Caller frees. */
char *jtext_nfkc(const char *s);

/* Return s folded for comparison (NFKC, case folding, flags). Caller frees. */
char *jtext_fold(const char *s, unsigned flags);

/* Fold n bytes of s one character at a time as jtext_fold() does (a
 * character with its combining marks is one unit): return the folded code
 * points and their number in *count, and in *map, for each of them, the
 * byte offset in s of the character it comes from (*count + 1 entries, the
 * last one n). Made for matching labels at the start of source lines and
 * finding where the match ends; results of single characters are cached.
 * Caller frees the result and *map. */
uint32_t *jtext_fold_map(const char *s, size_t n, unsigned flags, size_t *count,
                         size_t **map);

/* Return the number of a circled number (① = 1 .. ㊿ = 50), else 0. */
int jtext_circled(uint32_t cp);

/* Return the length in bytes of the circled number s starts with, or 0. */
size_t jtext_circled_prefix(const char *s);

/* Return the UTF-8 of the circled number n (1..50) or "". Static string. */
const char *jtext_circled_str(int n);

/* Say whether cp is a blank: space, tab, line break, U+3000, NBSP ... */
bool jtext_is_blank(uint32_t cp);

#endif
