/*
 * UTF-8 text and display widths.
 *
 * Text is UTF-8 everywhere inside hyoka. utf8_cp_width() is the one
 * display-width function of the program: every column computation (layout,
 * cursor, truncation, padding) goes through it or the functions below that
 * are built on it. It follows glibc's wcwidth(), as ncurses draws, with
 * libunistring's uc_width() where the locale cannot tell (C locale, emoji
 * under ja_JP.eucJP). Controls take 2 columns (drawn as ^X), combining marks
 * 0. East Asian Ambiguous characters (☆, ○, é, Greek, Cyrillic, U+FFFD, ...)
 * that the locale makes narrow take 2 columns after
 * utf8_set_ambiguous_wide(true); the default is 1.
 *
 * An invalid byte (bad, cut short, overlong, a surrogate) is one character:
 * utf8_decode() gives U+FFFD for it and consumes 1 byte, and it is measured
 * as U+FFFD, the character it is drawn as. utf8_decode() returns 0 only when
 * n is 0. bad_offset of utf8_valid() and used of utf8_fit() may be NULL.
 * utf8_fit() keeps combining marks with the character they follow.
 *
 * utf8_wrap() wraps text for display:
 * - '\n' always ends a line; text that ends with '\n' has an empty last
 *   line, and empty text has one line.
 * - A line holds at most cols columns and at least one character.
 * - A line never starts with a closing character: 、。，．・：；？！ー
 *   ）」』】〕〉》”’ ゝゞ々, small kana, ASCII ,.)]}:;!? and the like.
 *   Such a character hangs at the end of the line before (ぶら下げ) while
 *   that line stays within cols + 2 columns, else characters move down
 *   with it (追い出し). Spaces hang too.
 * - A line never ends with an opening bracket or quote (（「『【“ ...).
 * - A word of an alphabetic script is not split when it fits on a line.
 * Where no break keeps the kinsoku rules (a run of closing characters longer
 * than a line, a very small cols), the line breaks where cols ends. breaks
 * may be NULL when max_breaks is 0.
 */
#ifndef HYOKA_UTF8_H
#define HYOKA_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Check n bytes of s; store the first bad offset if not UTF-8. No memory. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Make narrow East Asian Ambiguous characters 2 columns wide. No memory. */
void utf8_set_ambiguous_wide(bool wide);

/* Measure what the locale cannot represent as an EUC-JP terminal draws
 * it (ambiguous characters such as ① wide). No memory. */
void utf8_set_east_asian(bool cjk);

/* Return the display columns of code point cp. No memory. */
int utf8_cp_width(uint32_t cp);

/* Return the display columns of n bytes of s. No memory. */
size_t utf8_width(const char *s, size_t n);

/* Decode one code point of s into *cp; return the bytes used. No memory. */
size_t utf8_decode_rest(const char *s, size_t n, uint32_t *cp);

/* Decode one code point of s into *cp; return the bytes used. ASCII and
 * the three-byte characters of Japanese text are read inline, as
 * u8_mbtoucr reads them (no overlong form, no surrogate): callers decode
 * whole texts a character at a time. No memory. */
static inline size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *b = (const unsigned char *)s;

	if (n > 0 && b[0] < 0x80) {
		*cp = b[0];
		return 1;
	}
	if (n >= 3 && (b[0] & 0xF0) == 0xE0 && (b[1] & 0xC0) == 0x80 &&
	    (b[2] & 0xC0) == 0x80 && (b[0] != 0xE0 || b[1] >= 0xA0) &&
	    (b[0] != 0xED || b[1] < 0xA0)) {
		*cp = (uint32_t)(b[0] & 0x0F) << 12 |
		      (uint32_t)(b[1] & 0x3F) << 6 | (b[2] & 0x3F);
		return 3;
	}
	return utf8_decode_rest(s, n, cp);
}
size_t utf8_encode(uint32_t cp, char *buf);

/* Return the offset of the character that ends at offset pos. No memory. */
size_t utf8_prev(const char *s, size_t pos);

/* Return the bytes of whole characters of s that fit in cols. No memory. */
size_t utf8_fit(const char *s, size_t n, size_t cols, size_t *used);

/* Return the number of characters in n bytes of s. No memory. */
size_t utf8_chars(const char *s, size_t n);

/* Tell whether cp is a control character (C0, DEL, C1). No memory. */
bool utf8_is_control(uint32_t cp);

/* Return the offset of the first control character of s that is not in
 * keep (ASCII controls such as "\t\n"), or the length of s. No memory. */
size_t utf8_find_control(const char *s, const char *keep);

/* Copy s for printing: control characters not in keep, bidirectional
 * controls (U+202A-U+202E, U+2066-U+2069) and invalid bytes become
 * visible escapes (\e, \n, \t, \r, \xHH, \u202E). Caller frees. */
char *utf8_escape(const char *s, const char *keep);

/* Compute the line starts of s wrapped to cols columns. No memory. */
size_t utf8_wrap(const char *s, size_t n, size_t cols, size_t *breaks,
                 size_t max_breaks);
size_t *utf8_wrap_alloc(const char *s, size_t n, size_t cols, size_t *nlines);

#endif
