#include <config.h>
#include "jtext.h"

#include <stdlib.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "sbuf.h"
#include "umemo.h"
#include "utf8.h"
#include "ustr.h"

#include "../tap.h"

/* Compare jtext_fold(in, flags) with want. No memory. */
static void
fold_is(const char *in, unsigned flags, const char *want, const char *name)
{
	char *got = jtext_fold(in, flags);

	is_str(got, want, name);
	free(got);
}

/* Compare jtext_nfkc(in) with want. No memory. */
static void
nfkc_is(const char *in, const char *want, const char *name)
{
	char *got = jtext_nfkc(in);

	is_str(got, want, name);
	free(got);
}

/* Fold in with jtext_fold_map(); compare with jtext_fold() of the same
 * text and return the map (caller frees), or NULL when they differ. */
static size_t *
fold_map_is(const char *in, unsigned flags, const char *name)
{
	size_t n, *map;
	uint32_t *u = jtext_fold_map(in, strlen(in), flags, &n, &map);
	char *want = jtext_fold(in, flags);
	struct sbuf sb;
	int same;

	sbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		char buf[8];
		uint8_t *b = (uint8_t *)buf;
		int len = u8_uctomb(b, u[i], 6);

		sbuf_add(&sb, buf, len > 0 ? (size_t)len : 0);
	}
	same = is_str(sb.buf, want, name);
	sbuf_fini(&sb);
	free(want);
	free(u);
	if (!same) {
		free(map);
		return NULL;
	}
	return map;
}

int
main(void)
{
	nfkc_is("㋿6年5月24日", "令和6年5月24日",
	        "NFKC: the 令和 ligature");
	nfkc_is("㍻31年4月30日", "平成31年4月30日", "NFKC: the 平成 ligature");
	nfkc_is("Ｒ６．５．２４", "R6.5.24",
	        "NFKC: full-width letters and digits");
	nfkc_is("ｲﾀｸ", "イタク", "NFKC: half-width katakana");
	nfkc_is("", "", "NFKC: empty text");

	fold_is("ＩＩ－４", 0, "ii-4",
	        "fold: full-width roman numeral and dash");
	fold_is("Ⅱ-4", 0, "ii-4", "fold: U+2161 is II");
	fold_is("V-1-②", 0, "v-1-2", "fold: circled numbers become digits");
	fold_is("V-1-②", JTEXT_KEEP_CIRCLED, "v-1-②",
	        "fold: circled numbers kept on request");
	fold_is("㉑と㊿", JTEXT_KEEP_CIRCLED, "㉑と㊿",
	        "fold: circled 21 and 50 kept on request");
	fold_is("評価実施機 関に\tおいて\u3000x\u00a0y", JTEXT_DROP_BLANKS,
	        "評価実施機関においてxy", "fold: blanks dropped on request");
	fold_is("リスク： 目的外", JTEXT_DROP_BLANKS, "リスク:目的外",
	        "fold: full-width colon and space");
	fold_is("a\xff"
	        "b",
	        0,
	        "a\xef\xbf\xbd"
	        "b",
	        "fold: an invalid byte reads as U+FFFD");

	is_int(jtext_circled(0x2460), 1, "① is 1");
	is_int(jtext_circled(0x2473), 20, "⑳ is 20");
	is_int(jtext_circled(0x3251), 21, "㉑ is 21");
	is_int(jtext_circled(0x32BF), 50, "㊿ is 50");
	is_int(jtext_circled('1'), 0, "1 is not circled");
	is_str(jtext_circled_str(2), "②", "the circled 2");
	is_str(jtext_circled_str(36), "㊱", "the circled 36");
	is_str(jtext_circled_str(0), "", "no circled 0");
	ok(jtext_is_blank(0x3000), "U+3000 is a blank");
	ok(jtext_is_blank(0xA0), "NBSP is a blank");
	ok(!jtext_is_blank(0x3001), "、 is not a blank");

	{
		/* "Ⅲ　リスク対策": Ⅲ (3 bytes) folds to iii, U+3000 goes. */
		const char *s = "Ⅲ　リスク対策";
		size_t *map =
		        fold_map_is(s, JTEXT_DROP_BLANKS,
		                    "fold map: the same text as jtext_fold");

		ok(map != NULL && map[0] == 0 && map[1] == 0 && map[2] == 0 &&
		           map[3] == 6,
		   "fold map: the three letters of Ⅲ come from byte 0, リ "
		   "from byte 6 (after the blank)");
		ok(map != NULL && map[8] == strlen(s),
		   "fold map: the entry after the last is the length");
		free(map);
		map = fold_map_is("①事務の名称", JTEXT_KEEP_CIRCLED,
		                  "fold map: a circled number kept");
		free(map);
		map = fold_map_is("ＩＩ－４　ガ", 0,
		                  "fold map: full width, and ガ with its mark");
		free(map);
		map = fold_map_is("\xe3\x82\xab\xe3\x82\x99", 0,
		                  "fold map: カ and a combining voiced mark "
		                  "become ガ");
		free(map);
	}
	is_int((int)jtext_circled_prefix("①検索"), 3, "① starts a line");
	is_int((int)jtext_circled_prefix("㉑ 二十一"), 3, "so does ㉑");
	is_int((int)jtext_circled_prefix("⑴ 括弧"), 0,
	       "a parenthesised number is not a circled one");
	is_int((int)jtext_circled_prefix("1 番"), 0, "nor a digit");
	{
		/* Folding a text one character at a time (the fast way, for
		 * kana, ideographs, full-width forms, punctuation) gives what
		 * folding the whole text with libunistring gives. */
		static const uint32_t from[][2] = {
		        {0x20, 0x7E},     {0x2010, 0x2027}, {0x2030, 0x205E},
		        {0x2460, 0x26FF}, {0x3000, 0x3029}, {0x3030, 0x303F},
		        {0x3041, 0x3096}, {0x30A1, 0x30FC}, {0x3251, 0x325F},
		        {0x32B1, 0x32BF}, {0x4E00, 0x4E40}, {0x9FC0, 0x9FFF},
		        {0xFF01, 0xFF5E}};
		uint32_t pool[3000];
		size_t npool = 0, wrong = 0, tried = 0;
		unsigned long seed = 1;

		for (size_t r = 0; r < sizeof from / sizeof from[0]; r++)
			for (uint32_t c = from[r][0]; c <= from[r][1]; c++)
				pool[npool++] = c;
		for (size_t t = 0; t < npool + 3000; t++) {
			char buf[64];
			size_t len = 0, n = t < npool ? 1 : 1 + t % 6, flen = 0;
			uint8_t *want;
			char *got;

			for (size_t i = 0; i < n; i++) {
				uint32_t c = pool[t < npool ? t : 0];

				if (t >= npool) {
					seed = seed * 1103515245 + 12345;
					c = pool[(seed >> 8) % npool];
				}
				len += utf8_encode(c, buf + len);
			}
			buf[len] = '\0';
			want = u8_casefold((const uint8_t *)buf, len, NULL,
			                   UNINORM_NFKC, NULL, &flen);
			got = jtext_fold(buf, 0);
			tried++;
			if (want == NULL || strlen(got) != flen ||
			    memcmp(got, want, flen) != 0) {
				if (wrong++ == 0)
					diag("differs: %s -> %s", buf, got);
			}
			free(want);
			free(got);
		}
		is_int((long long)wrong, 0,
		       "fold character by character = fold of the whole text");
		wrong = 0;
		for (size_t t = 0; t < npool + 3000; t++) {
			char buf[64];
			size_t len = 0, n = t < npool ? 1 : 1 + t % 6, flen = 0;
			uint8_t *want;
			char *got;

			for (size_t i = 0; i < n; i++) {
				uint32_t c = pool[t < npool ? t : 0];

				if (t >= npool) {
					seed = seed * 1103515245 + 12345;
					c = pool[(seed >> 8) % npool];
				}
				len += utf8_encode(c, buf + len);
			}
			buf[len] = '\0';
			want = u8_normalize(UNINORM_NFKC, (const uint8_t *)buf,
			                    len, NULL, &flen);
			got = jtext_nfkc(buf);
			if (want == NULL || strlen(got) != flen ||
			    memcmp(got, want, flen) != 0) {
				if (wrong++ == 0)
					diag("NFKC differs: %s -> %s", buf,
					     got);
			}
			free(want);
			free(got);
		}
		is_int((long long)wrong, 0,
		       "NFKC of such texts = NFKC through libunistring");
		ok(tried > 3500, "tried %zu texts", tried);
	}
	{
		struct ustr a, b, c;
		struct ustr_scratch sc = {NULL, 0};
		int a2b[16];

		ustr_fold("保管場所の変更", &a);
		ustr_fold("使用部署", &b);
		ustr_fold("保管場所", &c);
		for (int i = 0; i < 16; i++)
			a2b[i] = 7;
		is_int((int)ustr_runs(&sc, a.s, a.n, b.s, b.n, a2b), 0,
		       "runs: no two characters in common, nothing matched");
		ok(a2b[0] == -1 && a2b[a.n - 1] == -1,
		   "runs: and every character of the text unmatched");
		is_int((int)ustr_runs(&sc, a.s, a.n, c.s, c.n, a2b), 4,
		       "runs: 保管場所 matched in 保管場所の変更");
		ok(a2b[0] == 0 && a2b[3] == 3 && a2b[4] == -1,
		   "runs: where each character matched");
		ustr_scratch_fini(&sc);
		ustr_free(&a);
		ustr_free(&b);
		ustr_free(&c);
	}
	{
		struct umemo m = {NULL, 0, 0};
		uint32_t key[3];
		int v[UMEMO_VALUES] = {0}, got[UMEMO_VALUES];
		int right = 0;

		key[0] = 1;
		ok(!umemo_get(&m, key, 1, got),
		   "memo: an empty table knows nothing");
		for (uint32_t i = 0; i < 1000; i++) {
			key[0] = i;
			key[1] = i * 7;
			v[0] = (int)i;
			v[4] = -(int)i;
			umemo_put(&m, key, 2, v);
		}
		for (uint32_t i = 0; i < 1000; i++) {
			key[0] = i;
			key[1] = i * 7;
			right += umemo_get(&m, key, 2, got) &&
			         got[0] == (int)i && got[4] == -(int)i;
		}
		is_int(right, 1000, "memo: 1000 keys, each with its values");
		key[0] = 5;
		key[1] = 35;
		key[2] = 0;
		ok(!umemo_get(&m, key, 3, got),
		   "memo: a longer key is another key");
		ok(!umemo_get(&m, key, 1, got), "memo: so is a shorter one");
		umemo_fini(&m);
		ok(m.cap == 0 && !umemo_get(&m, key, 2, got),
		   "memo: empty again after fini");
	}
	return done_testing();
}
