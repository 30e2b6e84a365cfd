#include <config.h>
#include "utf8.h"

#include <string.h>
#include <wchar.h>

#include <unistr.h>
#include <uniwidth.h>

#include "sbuf.h"
#include "xalloc.h"

struct utf8_range {
	uint32_t first;
	uint32_t last;
};

/*
 * East Asian Width "A" (Ambiguous) ranges of Unicode 14.0, the version of
 * both glibc 2.36 and libunistring 1.0, from EastAsianWidth.txt, without
 * the nonspacing marks and controls, which keep their widths 0 and 2. A
 * table rather than uc_width(cp, "EUC-JP"), which makes every character
 * from U+00A1 to U+FF60 wide (Arabic, Thai, ...), not only the ambiguous.
 */
/* clang-format off */
static const struct utf8_range utf8_ambiguous[] = {
	{0x00A1, 0x00A1}, {0x00A4, 0x00A4}, {0x00A7, 0x00A8}, {0x00AA, 0x00AA},
	{0x00AD, 0x00AE}, {0x00B0, 0x00B4}, {0x00B6, 0x00BA}, {0x00BC, 0x00BF},
	{0x00C6, 0x00C6}, {0x00D0, 0x00D0}, {0x00D7, 0x00D8}, {0x00DE, 0x00E1},
	{0x00E6, 0x00E6}, {0x00E8, 0x00EA}, {0x00EC, 0x00ED}, {0x00F0, 0x00F0},
	{0x00F2, 0x00F3}, {0x00F7, 0x00FA}, {0x00FC, 0x00FC}, {0x00FE, 0x00FE},
	{0x0101, 0x0101}, {0x0111, 0x0111}, {0x0113, 0x0113}, {0x011B, 0x011B},
	{0x0126, 0x0127}, {0x012B, 0x012B}, {0x0131, 0x0133}, {0x0138, 0x0138},
	{0x013F, 0x0142}, {0x0144, 0x0144}, {0x0148, 0x014B}, {0x014D, 0x014D},
	{0x0152, 0x0153}, {0x0166, 0x0167}, {0x016B, 0x016B}, {0x01CE, 0x01CE},
	{0x01D0, 0x01D0}, {0x01D2, 0x01D2}, {0x01D4, 0x01D4}, {0x01D6, 0x01D6},
	{0x01D8, 0x01D8}, {0x01DA, 0x01DA}, {0x01DC, 0x01DC}, {0x0251, 0x0251},
	{0x0261, 0x0261}, {0x02C4, 0x02C4}, {0x02C7, 0x02C7}, {0x02C9, 0x02CB},
	{0x02CD, 0x02CD}, {0x02D0, 0x02D0}, {0x02D8, 0x02DB}, {0x02DD, 0x02DD},
	{0x02DF, 0x02DF}, {0x0391, 0x03A1}, {0x03A3, 0x03A9}, {0x03B1, 0x03C1},
	{0x03C3, 0x03C9}, {0x0401, 0x0401}, {0x0410, 0x044F}, {0x0451, 0x0451},
	{0x2010, 0x2010}, {0x2013, 0x2016}, {0x2018, 0x2019}, {0x201C, 0x201D},
	{0x2020, 0x2022}, {0x2024, 0x2027}, {0x2030, 0x2030}, {0x2032, 0x2033},
	{0x2035, 0x2035}, {0x203B, 0x203B}, {0x203E, 0x203E}, {0x2074, 0x2074},
	{0x207F, 0x207F}, {0x2081, 0x2084}, {0x20AC, 0x20AC}, {0x2103, 0x2103},
	{0x2105, 0x2105}, {0x2109, 0x2109}, {0x2113, 0x2113}, {0x2116, 0x2116},
	{0x2121, 0x2122}, {0x2126, 0x2126}, {0x212B, 0x212B}, {0x2153, 0x2154},
	{0x215B, 0x215E}, {0x2160, 0x216B}, {0x2170, 0x2179}, {0x2189, 0x2189},
	{0x2190, 0x2199}, {0x21B8, 0x21B9}, {0x21D2, 0x21D2}, {0x21D4, 0x21D4},
	{0x21E7, 0x21E7}, {0x2200, 0x2200}, {0x2202, 0x2203}, {0x2207, 0x2208},
	{0x220B, 0x220B}, {0x220F, 0x220F}, {0x2211, 0x2211}, {0x2215, 0x2215},
	{0x221A, 0x221A}, {0x221D, 0x2220}, {0x2223, 0x2223}, {0x2225, 0x2225},
	{0x2227, 0x222C}, {0x222E, 0x222E}, {0x2234, 0x2237}, {0x223C, 0x223D},
	{0x2248, 0x2248}, {0x224C, 0x224C}, {0x2252, 0x2252}, {0x2260, 0x2261},
	{0x2264, 0x2267}, {0x226A, 0x226B}, {0x226E, 0x226F}, {0x2282, 0x2283},
	{0x2286, 0x2287}, {0x2295, 0x2295}, {0x2299, 0x2299}, {0x22A5, 0x22A5},
	{0x22BF, 0x22BF}, {0x2312, 0x2312}, {0x2460, 0x24E9}, {0x24EB, 0x254B},
	{0x2550, 0x2573}, {0x2580, 0x258F}, {0x2592, 0x2595}, {0x25A0, 0x25A1},
	{0x25A3, 0x25A9}, {0x25B2, 0x25B3}, {0x25B6, 0x25B7}, {0x25BC, 0x25BD},
	{0x25C0, 0x25C1}, {0x25C6, 0x25C8}, {0x25CB, 0x25CB}, {0x25CE, 0x25D1},
	{0x25E2, 0x25E5}, {0x25EF, 0x25EF}, {0x2605, 0x2606}, {0x2609, 0x2609},
	{0x260E, 0x260F}, {0x261C, 0x261C}, {0x261E, 0x261E}, {0x2640, 0x2640},
	{0x2642, 0x2642}, {0x2660, 0x2661}, {0x2663, 0x2665}, {0x2667, 0x266A},
	{0x266C, 0x266D}, {0x266F, 0x266F}, {0x269E, 0x269F}, {0x26BF, 0x26BF},
	{0x26C6, 0x26CD}, {0x26CF, 0x26D3}, {0x26D5, 0x26E1}, {0x26E3, 0x26E3},
	{0x26E8, 0x26E9}, {0x26EB, 0x26F1}, {0x26F4, 0x26F4}, {0x26F6, 0x26F9},
	{0x26FB, 0x26FC}, {0x26FE, 0x26FF}, {0x273D, 0x273D}, {0x2776, 0x277F},
	{0x2B56, 0x2B59}, {0x3248, 0x324F}, {0xE000, 0xF8FF}, {0xFFFD, 0xFFFD},
	{0x1F100, 0x1F10A}, {0x1F110, 0x1F12D}, {0x1F130, 0x1F169},
	{0x1F170, 0x1F18D}, {0x1F18F, 0x1F190}, {0x1F19B, 0x1F1AC},
	{0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
};
/* clang-format on */

/*
 * Characters a line must not start with (行頭禁則): closing brackets and
 * quotes, punctuation, iteration marks, the long vowel mark, small kana and
 * their half-width forms, and ASCII ,.)]}:;!?
 */
/* clang-format off */
static const struct utf8_range utf8_no_start_chars[] = {
	{0x0021, 0x0021}, {0x0029, 0x0029}, {0x002C, 0x002C}, {0x002E, 0x002E},
	{0x003A, 0x003B}, {0x003F, 0x003F}, {0x005D, 0x005D}, {0x007D, 0x007D},
	{0x2010, 0x2010}, {0x2013, 0x2013}, {0x2019, 0x2019}, {0x201D, 0x201D},
	{0x203C, 0x203C}, {0x2047, 0x2049}, {0x3001, 0x3002}, {0x3005, 0x3005},
	{0x3009, 0x3009}, {0x300B, 0x300B}, {0x300D, 0x300D}, {0x300F, 0x300F},
	{0x3011, 0x3011}, {0x3015, 0x3015}, {0x3017, 0x3017}, {0x3019, 0x3019},
	{0x301B, 0x301C}, {0x301F, 0x301F}, {0x3041, 0x3041}, {0x3043, 0x3043},
	{0x3045, 0x3045}, {0x3047, 0x3047}, {0x3049, 0x3049}, {0x3063, 0x3063},
	{0x3083, 0x3083}, {0x3085, 0x3085}, {0x3087, 0x3087}, {0x308E, 0x308E},
	{0x3095, 0x3096}, {0x309D, 0x309E}, {0x30A0, 0x30A1}, {0x30A3, 0x30A3},
	{0x30A5, 0x30A5}, {0x30A7, 0x30A7}, {0x30A9, 0x30A9}, {0x30C3, 0x30C3},
	{0x30E3, 0x30E3}, {0x30E5, 0x30E5}, {0x30E7, 0x30E7}, {0x30EE, 0x30EE},
	{0x30F5, 0x30F6}, {0x30FB, 0x30FE}, {0x31F0, 0x31FF}, {0xFF01, 0xFF01},
	{0xFF09, 0xFF09}, {0xFF0C, 0xFF0C}, {0xFF0E, 0xFF0E}, {0xFF1A, 0xFF1B},
	{0xFF1F, 0xFF1F}, {0xFF3D, 0xFF3D}, {0xFF5D, 0xFF5D}, {0xFF60, 0xFF61},
	{0xFF63, 0xFF65}, {0xFF67, 0xFF70},
};
/* clang-format on */

/* Characters a line must not end with (行末禁則): opening brackets. */
/* clang-format off */
static const struct utf8_range utf8_no_end_chars[] = {
	{0x0028, 0x0028}, {0x005B, 0x005B}, {0x007B, 0x007B}, {0x2018, 0x2018},
	{0x201C, 0x201C}, {0x3008, 0x3008}, {0x300A, 0x300A}, {0x300C, 0x300C},
	{0x300E, 0x300E}, {0x3010, 0x3010}, {0x3014, 0x3014}, {0x3016, 0x3016},
	{0x3018, 0x3018}, {0x301A, 0x301A}, {0x301D, 0x301D}, {0xFF08, 0xFF08},
	{0xFF3B, 0xFF3B}, {0xFF5B, 0xFF5B}, {0xFF5F, 0xFF5F}, {0xFF62, 0xFF62},
};
/* clang-format on */

#define UTF8_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Columns of East Asian Ambiguous characters: false for 1, true for 2. */
static bool utf8_ambiguous_wide;
static bool utf8_east_asian;

/* Tell whether cp lies in one of the n sorted ranges r. No memory. */
static bool
utf8_in_ranges(uint32_t cp, const struct utf8_range *r, size_t n)
{
	size_t lo = 0;
	size_t hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Check n bytes of s; store the first bad offset if not UTF-8. No memory. */
bool
utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, n);

	if (bad == NULL)
		return true;
	if (bad_offset != NULL)
		*bad_offset = (size_t)(bad - (const uint8_t *)s);
	return false;
}

/* Measure what the locale cannot represent as an East Asian (EUC-JP)
 * terminal draws it: ambiguous characters wide. No memory. */
void
utf8_set_east_asian(bool cjk)
{
	utf8_east_asian = cjk;
}

/* Make narrow East Asian Ambiguous characters 2 columns wide. No memory. */
void
utf8_set_ambiguous_wide(bool wide)
{
	utf8_ambiguous_wide = wide;
}

/* Return the display columns of code point cp. No memory. */
int
utf8_cp_width(uint32_t cp)
{
	int w;

	/*
	 * Controls (below U+0020, U+007F, C1) are drawn as ^X. A surrogate or
	 * a value past U+10FFFF is measured as U+FFFD. Otherwise the width is
	 * glibc's wcwidth(), the function ncurses draws with; where it gives -1
	 * (a locale that cannot represent cp, as C does for all but ASCII and
	 * ja_JP.eucJP for an emoji, or an unassigned code point) libunistring's
	 * uc_width(cp, "UTF-8") decides ("EUC-JP" after
	 * utf8_set_east_asian(true), so that ① the locale cannot encode but an
	 * EUC-JP terminal draws takes 2 columns). A character of East Asian
	 * Width "A" found 1 column wide takes 2 after
	 * utf8_set_ambiguous_wide(true); one the locale makes wide (U+3248, or
	 * ☆ where the charmap says so) stays 2, as ncurses draws it so.
	 */
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 2;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		w = uc_width(cp, utf8_east_asian ? "EUC-JP" : "UTF-8");
	if (w == 1 && utf8_ambiguous_wide &&
	    utf8_in_ranges(cp, utf8_ambiguous, UTF8_COUNT(utf8_ambiguous)))
		return 2;
	return w;
}

/* Decode one code point of s into *cp, past the cases utf8_decode (utf8.h)
 * reads inline; return the bytes used. No memory. */
size_t
utf8_decode_rest(const char *s, size_t n, uint32_t *cp)
{
	ucs4_t uc;
	int len;

	if (n == 0)
		return 0;
	len = u8_mbtoucr(&uc, (const uint8_t *)s, n);
	if (len < 1) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = uc;
	return (size_t)len;
}

/* Encode a code point as UTF-8 into buf (4 bytes; no NUL) with
 * u8_uctomb; one UTF-8 cannot hold (a surrogate, or past U+10FFFF)
 * becomes U+FFFD. Returns the length. No memory. */
size_t
utf8_encode(uint32_t cp, char *buf)
{
	int n = u8_uctomb((uint8_t *)buf, cp, 4);

	if (n < 0)
		n = u8_uctomb((uint8_t *)buf, 0xFFFD, 4);
	return (size_t)n;
}

/* Return the display columns of n bytes of s. No memory. */
size_t
utf8_width(const char *s, size_t n)
{
	size_t pos = 0;
	size_t cols = 0;

	while (pos < n) {
		uint32_t cp;

		pos += utf8_decode(s + pos, n - pos, &cp);
		cols += (size_t)utf8_cp_width(cp);
	}
	return cols;
}

/* Return the offset of the character that ends at offset pos. No memory. */
size_t
utf8_prev(const char *s, size_t pos)
{
	size_t start = pos;
	uint32_t cp;

	if (pos == 0)
		return 0;
	/* A character has at most 3 continuation bytes (10xxxxxx). */
	do
		start--;
	while (start > 0 && pos - start < 4 &&
	       ((unsigned char)s[start] & 0xC0) == 0x80);
	if (utf8_decode(s + start, pos - start, &cp) == pos - start)
		return start;
	/* Not one well-formed character: the last byte is invalid alone. */
	return pos - 1;
}

/* Return the bytes of whole characters of s that fit in cols. No memory. */
size_t
utf8_fit(const char *s, size_t n, size_t cols, size_t *used)
{
	size_t pos = 0;
	size_t w = 0;

	while (pos < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + pos, n - pos, &cp);
		size_t cw = (size_t)utf8_cp_width(cp);

		if (w + cw > cols)
			break;
		w += cw;
		pos += len;
	}
	if (used != NULL)
		*used = w;
	return pos;
}

/* Return the number of characters in n bytes of s. No memory. */
size_t
utf8_chars(const char *s, size_t n)
{
	size_t pos = 0, k = 0;

	while (pos < n) {
		uint32_t cp;

		pos += utf8_decode(s + pos, n - pos, &cp);
		k++;
	}
	return k;
}

/* Tell whether cp is a control character (C0, DEL, C1). No memory. */
bool
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Return the offset of the first control character of s that is not in
 * keep, or the length of s. No memory. */
size_t
utf8_find_control(const char *s, const char *keep)
{
	size_t n = strlen(s), pos = 0;

	while (pos < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + pos, n - pos, &cp);

		if (utf8_is_control(cp) &&
		    !(cp < 0x80 && cp != 0 && strchr(keep, (int)cp) != NULL))
			return pos;
		pos += len;
	}
	return n;
}

/* Tell whether cp is a bidirectional embedding, override or isolate
 * (U+202A-U+202E, U+2066-U+2069), which can make a terminal show text in
 * another order than it has. No memory. */
static bool
utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Tell whether the NUL-terminated s starts with a well-formed three-byte
 * character that is neither a control nor a bidirectional control: most
 * Japanese text, told without decoding it (U+1000-U+CFFF, U+E000-U+FFFF,
 * and U+2000-U+2FFF but U+2000-U+207F, where the controls are). No
 * memory. */
static bool
utf8_plain3(const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];

	if (a < 0xE1 || a == 0xED || a > 0xEF || (a == 0xE2 && b < 0x82))
		return false;
	return (b & 0xC0) == 0x80 && ((unsigned char)s[2] & 0xC0) == 0x80;
}

/* Copy s for printing: control characters not in keep, bidirectional
 * controls (as \u202E) and invalid bytes become visible escapes. Caller
 * frees. */
char *
utf8_escape(const char *s, const char *keep)
{
	size_t n = strlen(s), pos = 0;
	struct sbuf sb;

	sbuf_init(&sb);
	while (pos < n) {
		uint32_t cp = 0;
		size_t len, from = pos;
		bool bad;

		/* A run of characters copied as they are, in one piece. */
		for (;;) {
			unsigned char b = (unsigned char)s[pos];

			if (b >= 0x20 && b < 0x7F) {
				pos++;
				continue;
			}
			if (b < 0x80)
				break;
			if (utf8_plain3(s + pos)) {
				pos += 3;
				continue;
			}
			len = utf8_decode(s + pos, n - pos, &cp);
			if ((cp == 0xFFFD && len == 1) || utf8_is_control(cp) ||
			    utf8_is_bidi_control(cp))
				break;
			pos += len;
		}
		if (pos > from)
			sbuf_add(&sb, s + from, pos - from);
		if (pos >= n)
			break;
		len = utf8_decode(s + pos, n - pos, &cp);
		bad = cp == 0xFFFD && len == 1;
		if (bad) {
			sbuf_addf(&sb, "\\x%02x", (unsigned char)s[pos]);
		} else if (utf8_is_bidi_control(cp)) {
			sbuf_addf(&sb, "\\u%04X", (unsigned)cp);
		} else if (!utf8_is_control(cp) ||
		           (cp < 0x80 && strchr(keep, (int)cp) != NULL)) {
			sbuf_add(&sb, s + pos, len);
		} else if (cp == 0x1B) {
			sbuf_adds(&sb, "\\e");
		} else if (cp == '\n') {
			sbuf_adds(&sb, "\\n");
		} else if (cp == '\t') {
			sbuf_adds(&sb, "\\t");
		} else if (cp == '\r') {
			sbuf_adds(&sb, "\\r");
		} else {
			sbuf_addf(&sb, "\\x%02x", (unsigned)cp);
		}
		pos += len;
	}
	return sbuf_detach(&sb);
}

/* Return the code point at byte offset pos of s (n bytes long). No memory. */
static uint32_t
utf8_at(const char *s, size_t n, size_t pos)
{
	uint32_t cp = 0;

	utf8_decode(s + pos, n - pos, &cp);
	return cp;
}

/* Tell whether a line may start with cp. No memory. */
static bool
utf8_may_start(uint32_t cp)
{
	return utf8_cp_width(cp) > 0 &&
	       !utf8_in_ranges(cp, utf8_no_start_chars,
	                       UTF8_COUNT(utf8_no_start_chars));
}

/* Tell whether cp is part of an alphabetic word. No memory. */
static bool
utf8_is_word(uint32_t cp)
{
	return cp > 0x20 && cp < 0x2000 && !(cp >= 0x7F && cp < 0xA0);
}

/* Measure the word at pos of s, up to just past cols. No memory. */
static size_t
utf8_word_width(const char *s, size_t n, size_t pos, size_t cols)
{
	size_t w = 0;

	while (pos < n && w <= cols) {
		uint32_t cp;

		pos += utf8_decode(s + pos, n - pos, &cp);
		if (!utf8_is_word(cp))
			break;
		w += (size_t)utf8_cp_width(cp);
	}
	return w;
}

/* Move the soft break brk by the kinsoku and word rules. No memory. */
static size_t
utf8_wrap_adjust(const char *s, size_t n, size_t start, size_t brk, size_t used,
                 size_t cols, bool *more)
{
	size_t b;
	uint32_t cp = 0;

	/* ぶら下げ: hang closing characters and spaces, 2 columns at most. */
	while (brk < n) {
		size_t len = utf8_decode(s + brk, n - brk, &cp);
		size_t cw = (size_t)utf8_cp_width(cp);

		if (cp == '\n' || (cp != ' ' && utf8_may_start(cp)) ||
		    used + cw > cols + 2)
			break;
		used += cw;
		brk += len;
	}
	*more = brk < n;
	if (brk == n)
		return n;
	if (cp == '\n')
		return brk + 1;
	/* 追い出し: else move characters down until one may start a line. */
	if (!utf8_may_start(cp)) {
		b = brk;
		while (b > start && !utf8_may_start(utf8_at(s, n, b)))
			b = utf8_prev(s, b);
		if (b > start)
			brk = b;
	}
	/* Move a word down whole when it fits on a line. */
	if (utf8_is_word(utf8_at(s, n, brk))) {
		b = brk;
		while (b > start &&
		       utf8_is_word(utf8_at(s, n, utf8_prev(s, b))))
			b = utf8_prev(s, b);
		if (b > start && b < brk && utf8_may_start(utf8_at(s, n, b)) &&
		    utf8_word_width(s, n, b, cols) <= cols)
			brk = b;
	}
	/* 行末禁則: move opening brackets down with what they open. */
	for (;;) {
		b = utf8_prev(s, brk);
		if (b <= start ||
		    !utf8_in_ranges(utf8_at(s, n, b), utf8_no_end_chars,
		                    UTF8_COUNT(utf8_no_end_chars)))
			break;
		brk = b;
	}
	return brk;
}

/* Return the start of the line after the one at start. No memory. */
static size_t
utf8_wrap_line(const char *s, size_t n, size_t start, size_t cols, bool *more)
{
	size_t pos = start;
	size_t used = 0;

	while (pos < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + pos, n - pos, &cp);
		size_t cw;

		if (cp == '\n') {
			*more = true;
			return pos + len;
		}
		cw = (size_t)utf8_cp_width(cp);
		/* Every line holds at least one character. */
		if (cw > 0 && used + cw > cols && pos > start)
			return utf8_wrap_adjust(s, n, start, pos, used, cols,
			                        more);
		used += cw;
		pos += len;
	}
	*more = false;
	return n;
}

/* Compute the line starts of s wrapped to cols columns. No memory. */
size_t
utf8_wrap(const char *s, size_t n, size_t cols, size_t *breaks,
          size_t max_breaks)
{
	size_t count = 0;
	size_t start = 0;
	bool more = true;

	while (more) {
		if (count < max_breaks)
			breaks[count] = start;
		count++;
		start = utf8_wrap_line(s, n, start, cols, &more);
	}
	return count;
}

/* The line starts of s wrapped to cols columns, as utf8_wrap() gives them,
 * then n: *nlines + 1 entries, in one pass. Caller frees. */
size_t *
utf8_wrap_alloc(const char *s, size_t n, size_t cols, size_t *nlines)
{
	size_t count = 0, start = 0, cap = 8;
	size_t *br = xreallocarray(NULL, cap, sizeof *br);
	bool more = true;

	while (more) {
		if (count + 1 >= cap) {
			cap *= 2;
			br = xreallocarray(br, cap, sizeof *br);
		}
		br[count++] = start;
		start = utf8_wrap_line(s, n, start, cols, &more);
	}
	br[count] = n;
	*nlines = count;
	return br;
}
