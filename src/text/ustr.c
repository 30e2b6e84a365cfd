#include <config.h>
#include "ustr.h"

#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "utf8.h"
#include "xalloc.h"

/* Decode s into a new code point array. Caller frees out->s. */
void
ustr_decode(const char *s, struct ustr *out)
{
	size_t len = strlen(s), k = 0;

	out->s = xcalloc(len + 1, sizeof *out->s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		out->s[k++] = cp;
	}
	out->n = k;
}

/* Fold s (NFKC, case, no blanks, ①.. kept) into code points. Caller frees
 * out->s. */
void
ustr_fold(const char *s, struct ustr *out)
{
	char *f =
	        jtext_fold(s ? s : "", JTEXT_KEEP_CIRCLED | JTEXT_DROP_BLANKS);

	ustr_decode(f, out);
	free(f);
}

/* Tell whether cp is an ASCII digit. No memory. */
bool
ustr_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Tell whether a starts with b at offset at. No memory. */
bool
ustr_at(const uint32_t *a, size_t na, size_t at, const struct ustr *b)
{
	if (b->n == 0 || at + b->n > na)
		return false;
	return memcmp(a + at, b->s, b->n * sizeof *b->s) == 0;
}

/* Tell whether two folded texts are equal. No memory. */
bool
ustr_eq(const struct ustr *a, const struct ustr *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n * sizeof *a->s) == 0;
}

/* Remove count code points at offset at. No memory. */
void
ustr_cut(struct ustr *s, size_t at, size_t count)
{
	memmove(s->s + at, s->s + at + count,
	        (s->n - at - count) * sizeof *s->s);
	s->n -= count;
}

/* Fold a label or title for matching and take off what is not its name:
 * a leading ①..⑳ (into *circ), "n." (into *num), and ※ with the note in
 * parentheses that follows it. Caller frees out->s. */
void
ustr_clean(const char *label, int *num, int *circ, struct ustr *out)
{
	ustr_fold(label, out);
	if (circ != NULL)
		*circ = 0;
	if (num != NULL)
		*num = 0;
	if (out->n > 0 && jtext_circled(out->s[0]) != 0) {
		if (circ != NULL)
			*circ = jtext_circled(out->s[0]);
		ustr_cut(out, 0, 1);
	} else {
		size_t k = 0;
		int v = 0;

		while (k < out->n && ustr_digit(out->s[k]) && k < 4)
			v = v * 10 + (int)(out->s[k++] - '0');
		if (k > 0 && k < out->n && out->s[k] == '.') {
			if (num != NULL)
				*num = v;
			ustr_cut(out, 0, k + 1);
		}
	}
	for (size_t i = 0; i < out->n;) {
		if (out->s[i] != 0x203B) { /* ※ */
			i++;
			continue;
		}
		ustr_cut(out, i, 1);
		if (i < out->n && out->s[i] == '(') {
			size_t j = i;

			while (j < out->n && out->s[j] != ')')
				j++;
			if (j < out->n)
				ustr_cut(out, i, j - i + 1);
		}
	}
}

/* Free the code points of s. */
void
ustr_free(struct ustr *s)
{
	free(s->s);
	s->s = NULL;
	s->n = 0;
}

/* A 12-bit hash of the two characters p[0], p[1]. No memory. */
static unsigned
ustr_pair_hash(const uint32_t *p)
{
	return (((p[0] * 0x9E3779B1u) ^ p[1]) * 0x85EBCA6Bu) >> 20;
}

/* Tell whether a and b may share two consecutive characters (a filter of
 * b's pairs: false means they share none, so no run of two matches).
 * No memory. */
static bool
ustr_may_share_pair(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	uint64_t seen[64] = {0};

	if (na < 2 || nb < 2)
		return false;
	for (size_t j = 0; j + 1 < nb; j++) {
		unsigned h = ustr_pair_hash(b + j);

		seen[h >> 6] |= (uint64_t)1 << (h & 63);
	}
	for (size_t i = 0; i + 1 < na; i++) {
		unsigned h = ustr_pair_hash(a + i);

		if (seen[h >> 6] & ((uint64_t)1 << (h & 63)))
			return true;
	}
	return false;
}

/* Match a against b by runs of two or more equal characters (ustr.h).
 * Memory: the scratch's tables. */
size_t
ustr_runs(struct ustr_scratch *sc, const uint32_t *a, size_t na,
          const uint32_t *b, size_t nb, int *a2b)
{
	size_t w = nb + 1, cells = (na + 1) * w;
	int16_t *run, *dp, *back;
	size_t i, j;

	/* Without a pair in common nothing matches (what the table below
	 * would find too, at the cost of na x nb cells). */
	if (!ustr_may_share_pair(a, na, b, nb)) {
		for (i = 0; i < na; i++)
			a2b[i] = -1;
		return 0;
	}
	if (sc->n < cells * 3) {
		free(sc->dp);
		sc->n = cells * 3;
		sc->dp = xcalloc(sc->n, sizeof *sc->dp);
	}
	run = sc->dp;
	dp = run + cells;
	back = dp + cells;
	for (i = 0; i <= na; i++)
		for (j = 0; j <= nb; j++) {
			size_t c = i * w + j;
			int best, how = 0;

			if (i == 0 || j == 0) {
				run[c] = dp[c] = back[c] = 0;
				continue;
			}
			run[c] = a[i - 1] == b[j - 1]
			                 ? (int16_t)(run[c - w - 1] + 1)
			                 : 0;
			best = dp[c - w];
			if (dp[c - 1] > best) {
				best = dp[c - 1];
				how = -1;
			}
			for (int k = 2; k <= run[c]; k++) {
				int v = dp[c - (size_t)k * (w + 1)] + k;

				if (v >= best) {
					best = v;
					how = k;
				}
			}
			dp[c] = (int16_t)best;
			back[c] = (int16_t)how;
		}
	for (i = 0; i < na; i++)
		a2b[i] = -1;
	i = na;
	j = nb;
	while (i > 0 && j > 0) {
		int how = back[i * w + j];

		if (how >= 2) {
			for (int k = 1; k <= how; k++)
				a2b[i - (size_t)k] = (int)(j - (size_t)k);
			i -= (size_t)how;
			j -= (size_t)how;
		} else if (how == 0) {
			i--;
		} else {
			j--;
		}
	}
	return (size_t)dp[na * w + nb];
}

/* Free the tables of a scratch. */
void
ustr_scratch_fini(struct ustr_scratch *sc)
{
	free(sc->dp);
	sc->dp = NULL;
	sc->n = 0;
}
