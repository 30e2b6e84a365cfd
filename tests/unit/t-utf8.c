#include <config.h>
#include "utf8.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "../tap.h"
#include "xalloc.h"

#define MAX_LINES 4096

/* Characters a wrapped line may never start with. */
static const char *const no_start[] = {
        "｡",  "｣",  "､",  "･",  "ｧ",  "ｨ",  "ｩ",  "ｪ",  "ｫ",  "ｬ",  "ｭ",  "ｮ",
        "ｯ",  "ｰ",  "、", "。", "，", "．", "・", "：", "；", "？", "！", "ー",
        "）", "」", "』", "】", "〕", "〉", "》", "”",  "’",  "ゝ", "ゞ", "々",
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ァ", "ィ",
        "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", ",",  ".",
        ")",  "]",  "}",  ":",  ";",  "!",  "?",
};

/* Tell whether s + pos starts with a closing character. No memory. */
static int
starts_closing(const char *s, size_t pos)
{
	size_t i;

	for (i = 0; i < sizeof(no_start) / sizeof(no_start[0]); i++)
		if (strncmp(s + pos, no_start[i], strlen(no_start[i])) == 0)
			return 1;
	return 0;
}

/* Tell whether the character at s + pos may hang past cols. No memory. */
static int
hangs(const char *s, size_t pos)
{
	return s[pos] == ' ' || starts_closing(s, pos);
}

/* Tell whether c is an ASCII letter or digit. No memory. */
static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Check the wrap of s at cols; return the number of lines. No memory. */
static size_t
check_wrap(const char *s, size_t cols, const char *name)
{
	size_t n = strlen(s);
	size_t breaks[MAX_LINES];
	size_t count = utf8_wrap(s, n, cols, breaks, MAX_LINES);
	size_t i;
	int good = count >= 1 && count <= MAX_LINES && breaks[0] == 0;

	for (i = 0; good && i < count; i++) {
		size_t end = i + 1 < count ? breaks[i + 1] : n;
		size_t len = end - breaks[i];
		size_t w;
		int hard;

		if (i > 0 && breaks[i] <= breaks[i - 1]) {
			diag("line %zu does not move on", i);
			good = 0;
			break;
		}
		hard = i > 0 && s[breaks[i] - 1] == '\n';
		if (i + 1 < count && s[end - 1] == '\n')
			len--;
		w = utf8_width(s + breaks[i], len);
		if (w > cols + 2 ||
		    (w > cols && !hangs(s, utf8_prev(s, breaks[i] + len)))) {
			diag("line %zu is %zu columns wide: %.*s", i, w,
			     (int)len, s + breaks[i]);
			good = 0;
		}
		if (i > 0 && !hard && starts_closing(s, breaks[i])) {
			diag("line %zu starts with a closing character: %.*s",
			     i, (int)len, s + breaks[i]);
			good = 0;
		}
		if (i > 0 && !hard && is_alnum(s[breaks[i]]) &&
		    is_alnum(s[breaks[i] - 1])) {
			diag("line %zu splits a word: %.*s", i, (int)len,
			     s + breaks[i]);
			good = 0;
		}
	}
	for (i = 0; good && i < n; i++) {
		size_t j;
		int found = 0;

		if (s[i] != '\n')
			continue;
		for (j = 0; j < count; j++)
			found |= breaks[j] == i + 1;
		if (!found) {
			diag("no line starts after the newline at %zu", i);
			good = 0;
		}
	}
	ok(good, "%s (cols %zu, %zu lines)", name, cols, count);
	return count;
}

/* Test utf8_valid(). No memory. */
static void
test_valid(void)
{
	size_t bad = 99;

	ok(utf8_valid("日本語 abc", strlen("日本語 abc"), &bad),
	   "valid: 日本語 abc");
	ok(utf8_valid("", 0, NULL), "valid: empty");
	ok(!utf8_valid("ab\xFF", 3, &bad) && bad == 2,
	   "invalid: 0xFF at offset 2");
	ok(!utf8_valid("x\xE6\x97", 3, &bad) && bad == 1,
	   "invalid: truncated 日 at offset 1");
	ok(!utf8_valid("\xC0\xAF", 2, &bad) && bad == 0, "invalid: overlong /");
	ok(!utf8_valid("a\xED\xA0\x80", 4, &bad) && bad == 1,
	   "invalid: surrogate");
	ok(!utf8_valid("\x80", 1, NULL),
	   "invalid: lone continuation, no offset");
}

/* Test utf8_cp_width() and utf8_width(). No memory. */
static void
test_width(void)
{
	is_int(utf8_cp_width('A'), 1, "cp width: A");
	is_int(utf8_cp_width(0x65E5), 2, "cp width: 日");
	is_int(utf8_cp_width(0xFF76), 1, "cp width: half-width ｶ");
	is_int(utf8_cp_width(0xFF9E), 1, "cp width: half-width dakuten ﾞ");
	is_int(utf8_cp_width(0x3099), 0, "cp width: combining dakuten U+3099");
	is_int(utf8_cp_width(0x0301), 0, "cp width: combining acute U+0301");
	is_int(utf8_cp_width(0x1F600), 2, "cp width: emoji U+1F600");
	is_int(utf8_cp_width(0x01), 2, "cp width: control 0x01 (^A)");
	is_int(utf8_cp_width(0x7F), 2, "cp width: DEL");
	is_int(utf8_cp_width(0x85), 2, "cp width: C1 NEL");
	is_int(utf8_cp_width(0xD800), 1, "cp width: surrogate as U+FFFD");
	is_int(utf8_cp_width(0x110000), 1, "cp width: past U+10FFFF as U+FFFD");

	is_int(utf8_width("", 0), 0, "width: empty");
	is_int(utf8_width("hello", 5), 5, "width: ASCII");
	is_int(utf8_width("日本", strlen("日本")), 4, "width: 日本");
	is_int(utf8_width("日本", 3), 2, "width: first 3 bytes of 日本");
	is_int(utf8_width("ｶﾞ", strlen("ｶﾞ")), 2,
	       "width: ｶﾞ (half-width ｶ + half-width dakuten)");
	is_int(utf8_width("ｶ\u3099", strlen("ｶ\u3099")), 1,
	       "width: ｶ + combining dakuten");
	is_int(utf8_width("カ\u3099", strlen("カ\u3099")), 2,
	       "width: カ + combining dakuten");
	is_int(utf8_width("é", strlen("é")), 1, "width: é precomposed");
	is_int(utf8_width("e\u0301", strlen("e\u0301")), 1,
	       "width: e + combining acute");
	is_int(utf8_width("☆", strlen("☆")), 1, "width: ☆ ambiguous, narrow");
	is_int(utf8_width("😀", strlen("😀")), 2, "width: emoji");
	is_int(utf8_width("a\x01z", 3), 4, "width: control drawn as ^A");
	is_int(utf8_width("a\tz", 3), 4, "width: tab drawn as ^I");
	is_int(utf8_width("ab\xFF"
	                  "c",
	                  4),
	       4, "width: invalid byte counts 1");
	is_int(utf8_width("\xE6\x97", 2), 2,
	       "width: truncated 日 is 2 invalid bytes");

	utf8_set_ambiguous_wide(true);
	is_int(utf8_cp_width(0x2606), 2, "ambiguous wide: ☆");
	is_int(utf8_width("☆○", strlen("☆○")), 4, "ambiguous wide: ☆○");
	is_int(utf8_width("é", strlen("é")), 2, "ambiguous wide: é");
	is_int(utf8_width("e\u0301", strlen("e\u0301")), 1,
	       "ambiguous wide: e + combining acute stays 1");
	is_int(utf8_width("日本", strlen("日本")), 4, "ambiguous wide: 日本");
	is_int(utf8_width("hello", 5), 5, "ambiguous wide: ASCII");
	is_int(utf8_cp_width(0x0301), 0,
	       "ambiguous wide: combining acute stays 0");
	is_int(utf8_cp_width(0x3248), 2,
	       "ambiguous wide: ㉈, wide in the locale, stays 2");
	utf8_set_ambiguous_wide(false);
	is_int(utf8_cp_width(0x3248), 2,
	       "ambiguous narrow: ㉈, wide in the locale, stays 2");
	is_int(utf8_cp_width(0x2606), 1, "ambiguous narrow again: ☆");
}

/* Test utf8_decode() and utf8_prev(). No memory. */
static void
test_decode(void)
{
	const char *s = "a日😀\xFF"
	                "é";
	uint32_t cp = 0;

	is_int(utf8_decode(s, strlen(s), &cp), 1, "decode: a, 1 byte");
	is_int(cp, 'a', "decode: a");
	is_int(utf8_decode(s + 1, strlen(s + 1), &cp), 3,
	       "decode: 日, 3 bytes");
	is_int(cp, 0x65E5, "decode: 日");
	is_int(utf8_decode(s + 4, strlen(s + 4), &cp), 4,
	       "decode: emoji, 4 bytes");
	is_int(cp, 0x1F600, "decode: emoji");
	is_int(utf8_decode(s + 8, strlen(s + 8), &cp), 1,
	       "decode: invalid byte, 1 byte");
	is_int(cp, 0xFFFD, "decode: invalid byte is U+FFFD");
	is_int(utf8_decode(s + 1, 2, &cp), 1, "decode: cut 日, 1 byte");
	is_int(cp, 0xFFFD, "decode: cut 日 is U+FFFD");
	is_int(utf8_decode("\xED\xA0\x80", 3, &cp), 1,
	       "decode: surrogate, 1 byte");
	is_int(utf8_decode(s, 0, &cp), 0, "decode: nothing");

	is_int(utf8_prev(s, 0), 0, "prev: at 0");
	is_int(utf8_prev(s, 1), 0, "prev: before a");
	is_int(utf8_prev(s, 4), 1, "prev: before 日");
	is_int(utf8_prev(s, 8), 4, "prev: before emoji");
	is_int(utf8_prev(s, 9), 8, "prev: invalid byte");
	is_int(utf8_prev(s, 11), 9, "prev: é");
	is_int(utf8_prev("\xE6\x97", 2), 1, "prev: cut 日 is 2 characters");
	is_int(utf8_prev("\xC3\xA9\x80", 3), 2, "prev: stray continuation");
	is_int(utf8_prev("\x80\x80\x80\x80\x80", 5), 4,
	       "prev: run of continuation bytes");
}

/* Test utf8_fit(). No memory. */
static void
test_fit(void)
{
	const char *s = "日本語";
	size_t used = 99;

	is_int(utf8_fit(s, strlen(s), 3, &used), 3,
	       "fit: 3 columns of 日本語 take 日");
	is_int(used, 2, "fit: 3 columns of 日本語 use 2");
	is_int(utf8_fit(s, strlen(s), 4, &used), 6, "fit: 4 columns take 日本");
	is_int(used, 4, "fit: 4 columns use 4");
	is_int(utf8_fit(s, strlen(s), 1, &used), 0,
	       "fit: 1 column takes nothing");
	is_int(used, 0, "fit: 1 column uses 0");
	is_int(utf8_fit(s, strlen(s), 100, &used), 9, "fit: all");
	is_int(used, 6, "fit: all use 6");
	is_int(utf8_fit("a日", 4, 2, &used), 1,
	       "fit: a then wide 日 at the edge");
	is_int(utf8_fit("e\u0301x", 4, 1, &used), 3,
	       "fit: keeps the combining mark with its base");
	is_int(utf8_fit("abc", 3, 2, NULL), 2, "fit: used may be NULL");
}

/* Test that utf8_wrap() gives the expected line starts. No memory. */
static void
is_wrap(const char *s, size_t cols, const size_t *expected, size_t n_expected,
        const char *name)
{
	size_t breaks[MAX_LINES];
	size_t count = utf8_wrap(s, strlen(s), cols, breaks, MAX_LINES);
	int same = count == n_expected;
	size_t i;

	for (i = 0; same && i < count; i++)
		same = breaks[i] == expected[i];
	if (!ok(same, "%s", name)) {
		for (i = 0; i < count && i < MAX_LINES; i++)
			diag("     got: line %zu at %zu", i, breaks[i]);
		for (i = 0; i < n_expected; i++)
			diag("expected: line %zu at %zu", i, expected[i]);
	}
}

#define IS_WRAP(s, cols, name, ...)                                            \
	do {                                                                   \
		static const size_t want_[] = {__VA_ARGS__};                   \
		is_wrap(s, cols, want_, sizeof(want_) / sizeof(want_[0]),      \
		        name);                                                 \
	} while (0)

/* Test utf8_wrap(). No memory. */
static void
test_wrap(void)
{
	static const char sentence[] = "今日は、晴れ。明日は「雨」でしょう。"
	                               "ハッキリ言って、ムリです！";
	size_t breaks[4];
	size_t cols;
	char *para;
	size_t len;
	size_t count;
	size_t chars;
	size_t piece = 0;

	IS_WRAP("", 10, "wrap: empty text is one line", 0);
	IS_WRAP("abc", 10, "wrap: short text", 0);
	IS_WRAP("あいうえお", 4, "wrap: wide characters", 0, 6, 12);
	IS_WRAP("あいうえ", 4, "wrap: exact fit", 0, 6);
	IS_WRAP("あいう、えお", 6, "wrap: 、 hangs (ぶら下げ)", 0, 12);
	IS_WRAP("あいう。えお", 6, "wrap: 。 hangs (ぶら下げ)", 0, 12);
	IS_WRAP("あいう。」えお", 6,
	        "wrap: 。」 too wide to hang: う moves down", 0, 6, 15);
	IS_WRAP("あいうっえお", 6, "wrap: small っ hangs", 0, 12);
	IS_WRAP("あい「うえ」", 6, "wrap: 「 does not end a line", 0, 6);
	IS_WRAP("ab\ncd", 10, "wrap: hard newline", 0, 3);
	IS_WRAP("ab\n\ncd", 10, "wrap: empty line", 0, 3, 4);
	IS_WRAP("ab\n", 10, "wrap: final newline gives an empty line", 0, 3);
	IS_WRAP("\n", 10, "wrap: newline only", 0, 1);
	IS_WRAP("あい\nう", 4, "wrap: newline after a full line", 0, 7);
	IS_WRAP("あいう\nえ", 4, "wrap: soft and hard breaks", 0, 6, 10);
	IS_WRAP("hello world", 8, "wrap: words are not split", 0, 6);
	IS_WRAP("hello, world", 5, "wrap: comma and space hang", 0, 7);
	IS_WRAP("abcdefghij", 4, "wrap: a word longer than a line is split", 0,
	        4, 8);
	IS_WRAP("日本語hyoka", 8, "wrap: latin word after kanji moves down", 0,
	        9);
	IS_WRAP("日本", 1, "wrap: each line holds one character", 0, 3);
	IS_WRAP("。。。。", 2, "wrap: closing characters only", 0, 6);

	count = utf8_wrap("あいうえおかきくけこ",
	                  strlen("あいうえおかきくけこ"), 4, breaks, 4);
	is_int(count, 5, "wrap: count beyond max_breaks");
	ok(breaks[0] == 0 && breaks[3] == 18, "wrap: first max_breaks filled");
	is_int(utf8_wrap("あいうえおかきくけこ", strlen("あいうえおかきくけこ"),
	                 4, NULL, 0),
	       5, "wrap: count only");

	for (cols = 2; cols <= 24; cols++)
		check_wrap(sentence, cols, "wrap: sentence");
	check_wrap(
	        "第1段落です。\n\n第2段落、short English words here.\n終わり。",
	        10, "wrap: paragraphs");

	/* A paragraph of 3000 characters. */
	para = xmalloc(3000 * 4 + 1);
	len = 0;
	chars = 0;
	while (chars < 3000) {
		static const char *const pieces[] = {
		        "吾輩は猫である。", "名前はまだ無い、",
		        "どこで生れたか",   "とんと見当がつかぬ。",
		        "「ニャー」と",     "ｶﾞｯﾂ ",
		        "hyoka editor, ",   "ちょっと（かっこ）",
		        "ーー！？",
		};
		const char *p = pieces[piece++ % 9];
		size_t pos = 0;

		while (p[pos] != '\0' && chars < 3000) {
			uint32_t cp;
			size_t l = utf8_decode(p + pos, strlen(p + pos), &cp);

			memcpy(para + len, p + pos, l);
			len += l;
			pos += l;
			chars++;
		}
	}
	para[len] = '\0';
	is_int(utf8_width(para, len) > 3000, 1, "paragraph: built");
	count = check_wrap(para, 40, "wrap: 3000-character paragraph");
	ok(count > 3000 * 1 / 40, "paragraph: %zu lines", count);
	is_int(utf8_wrap(para, len, 40, NULL, 0), count,
	       "paragraph: count without breaks");
	/* Its longest run of closing characters, こ）ーー！？, needs 10. */
	check_wrap(para, 10, "wrap: 3000-character paragraph, narrow");
	free(para);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_valid();
	test_width();
	test_decode();
	test_fit();
	test_wrap();
	/* One encoder, libunistring's: 1 to 4 bytes; a surrogate becomes
	 * U+FFFD; what it writes decodes back. */
	{
		static const uint32_t cps[] = {0x41, 0xE9, 0x3042, 0x1F600,
		                               0xD800};
		static const size_t lens[] = {1, 2, 3, 4, 3};
		bool all = true;

		for (size_t i = 0; i < 5; i++) {
			char buf[4];
			uint32_t back = 0;
			size_t n = utf8_encode(cps[i], buf);

			all &= n == lens[i] &&
			       utf8_decode(buf, n, &back) == n &&
			       back == (cps[i] == 0xD800 ? 0xFFFD : cps[i]);
		}
		ok(all,
		   "utf8_encode writes 1-4 bytes that decode back; a surrogate is U+FFFD");
	}
	/* utf8_decode reads ASCII and three-byte sequences itself: every
	 * sequence of one to three bytes that begins with ASCII or with E0-EF
	 * (cut short, overlong, surrogate, bad continuation) is read as
	 * u8_mbtoucr reads it, an error as U+FFFD of one byte. */
	{
		size_t bad = 0, tried = 0;

		for (unsigned a = 0; a < 0x100; a++) {
			if (a >= 0x80 &&
			    (a < 0xC0 || a > 0xF4 || (a >= 0xC4 && a < 0xE0)))
				continue;
			for (unsigned b = 0; b < 0x100; b++)
				for (unsigned c = 0; c < 0x100;
				     c += a < 0x80 ? 0x7F : 1)
					for (size_t n = 1; n <= 3; n++) {
						const uint8_t s[4] = {
						        (uint8_t)a, (uint8_t)b,
						        (uint8_t)c, 0x80};
						uint32_t cp = 0;
						ucs4_t uc = 0;
						size_t got = utf8_decode(
						        (const char *)s, n,
						        &cp);
						int len = u8_mbtoucr(&uc, s, n);

						tried++;
						if (len < 1 ? got != 1 ||
						                      cp != 0xFFFD
						            : got != (size_t)len ||
						                      cp != uc)
							bad++;
					}
		}
		ok(bad == 0,
		   "utf8_decode reads %zu sequences as u8_mbtoucr does (%zu differ)",
		   tried, bad);
	}
	/* utf8_wrap_alloc gives utf8_wrap's line starts, then the length. */
	{
		const char *t =
		        "特定個人情報ファイルを取り扱う事務の内容。委託先、再委託先。";
		size_t len = strlen(t), n, m = utf8_wrap(t, len, 10, NULL, 0);
		size_t *a = utf8_wrap_alloc(t, len, 10, &n);
		size_t *b = xcalloc(m + 1, sizeof *b);
		bool same = n == m && a[n] == len;

		utf8_wrap(t, len, 10, b, m);
		for (size_t i = 0; same && i < n; i++)
			same = a[i] == b[i];
		ok(same && n > 3,
		   "utf8_wrap_alloc agrees with utf8_wrap (%zu lines)", n);
		free(a);
		free(b);
	}
	/* utf8_escape shows controls and bidirectional controls. */
	{
		char *e = utf8_escape("a\x1b[2J\xe2\x80\xae"
		                      "b\xe2\x81\xa6"
		                      "c\td\xe2\x80\x8e",
		                      "\t");

		is_str(e, "a\\e[2J\\u202Eb\\u2066c\td\xe2\x80\x8e",
		       "utf8_escape: ESC as \\e, U+202E and U+2066 as \\u202E and \\u2066, "
		       "a kept tab and U+200E as they are");
		free(e);
	}
	/* Every three-byte sequence whose lead is E0-EF, between two letters,
	 * is copied as it is exactly when it is a well-formed character that
	 * is not a bidirectional control (the fast path of utf8_escape). */
	{
		int wrong = 0;

		for (unsigned a = 0xE0; a <= 0xEF; a++)
			for (unsigned b = 0x70; b <= 0xC0; b++)
				for (unsigned c = 0x70; c <= 0xC0; c++) {
					char in[6] = {'x',     (char)a, (char)b,
					              (char)c, 'y',     0};
					char *e = utf8_escape(in, "");
					uint32_t cp = 0;
					size_t len =
					        utf8_decode(in + 1, 3, &cp);
					bool plain =
					        len == 3 &&
					        !(cp >= 0x202A &&
					          cp <= 0x202E) &&
					        !(cp >= 0x2066 && cp <= 0x2069);

					wrong += (strcmp(e, in) == 0) != plain;
					free(e);
				}
		is_int(wrong, 0,
		       "utf8_escape copies exactly the well-formed three-byte "
		       "characters that are not bidirectional controls");
	}
	return done_testing();
}
