#include <config.h>
#include "ivalue.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "iline.h"
#include "itable.h"
#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

#define IV_FOLD (JTEXT_KEEP_CIRCLED | JTEXT_DROP_BLANKS)

/* Text folded for matching, with the byte offset of each folded code
 * point in the original (map has n + 1 entries). */
struct ivalue_fold {
	uint32_t *u;
	size_t n;
	size_t *map;
};

/* Fold s for matching. Caller frees with ivalue_fold_fini(). */
static void
ivalue_fold(const char *s, struct ivalue_fold *f)
{
	f->u = jtext_fold_map(s, strlen(s), IV_FOLD, &f->n, &f->map);
}

/* Release a folded text. */
static void
ivalue_fold_fini(struct ivalue_fold *f)
{
	free(f->u);
	free(f->map);
}

/* Say whether folded needle occurs in hay at position at. No memory. */
static bool
ivalue_at(const struct ivalue_fold *hay, size_t at,
          const struct ivalue_fold *needle)
{
	return needle->n > 0 && at + needle->n <= hay->n &&
	       memcmp(hay->u + at, needle->u, needle->n * sizeof *hay->u) == 0;
}

/* The region as one string, lines joined with '\n', and where each line
 * starts in it. */
struct ivalue_joined {
	char *s;
	size_t *start; /* nlines + 1 entries */
	size_t nlines;
};

/* Join the region lines. Caller frees with ivalue_joined_fini(). */
static void
ivalue_join(const struct ivalue_line *lines, size_t nlines,
            struct ivalue_joined *j)
{
	struct sbuf sb;

	sbuf_init(&sb);
	j->nlines = nlines;
	j->start = xcalloc(nlines + 1, sizeof *j->start);
	for (size_t i = 0; i < nlines; i++) {
		j->start[i] = sb.len;
		sbuf_adds(&sb, lines[i].text);
		sbuf_addc(&sb, '\n');
	}
	j->start[nlines] = sb.len;
	j->s = sbuf_detach(&sb);
}

/* Release a joined region. */
static void
ivalue_joined_fini(struct ivalue_joined *j)
{
	free(j->s);
	free(j->start);
}

/* Return the region line that holds byte offset off of j. No memory. */
static size_t
ivalue_line_of(const struct ivalue_joined *j, size_t off)
{
	size_t i = 0;

	while (i + 1 < j->nlines && j->start[i + 1] <= off)
		i++;
	return i;
}

/* Say whether cp is a mark that means checked. No memory. */
static bool
ivalue_is_checked_mark(uint32_t cp)
{
	return cp == 0x25CB || cp == 0x3007 || cp == 0x25EF || cp == 0x25CF ||
	       cp == 0x25A0 || cp == 0x2611 || cp == 0x2612 || cp == 0x2713 ||
	       cp == 0x2714 || cp == 0x2705 || cp == 0x25C9 || cp == 0x25CE ||
	       cp == 0x2B24 || cp == 'O' || cp == 'o' || cp == 'v' ||
	       cp == 'V' || cp == 'x' || cp == 'X' || cp == 0xFF2F ||
	       cp == 0xFF4F;
}

/* Say whether cp is a mark that means unchecked. No memory. */
static bool
ivalue_is_unchecked_mark(uint32_t cp)
{
	return cp == 0x2610 || cp == 0x25A1;
}

/* Decode the code point that ends at byte offset end of s (skipping
 * blanks backwards); its start goes to *at. 0 at the start. */
static uint32_t
ivalue_prev_cp(const char *s, size_t end, size_t *at)
{
	while (end > 0) {
		size_t p = utf8_prev(s, end);
		uint32_t cp;

		utf8_decode(s + p, end - p, &cp);
		if (!jtext_is_blank(cp) && cp != '\t') {
			*at = p;
			return cp;
		}
		end = p;
	}
	*at = 0;
	return 0;
}

/* The mark in front of a label that starts at byte off of s: 1 checked,
 * 0 unchecked, -1 none; *from gets where the mark starts. No memory. */
static int
ivalue_mark_before(const char *s, size_t off, size_t *from)
{
	size_t at;
	uint32_t cp = ivalue_prev_cp(s, off, &at);

	*from = off;
	if (cp == ']' || cp == 0xFF3D) {
		/* [ ], [○], [ ☑ ]: what is inside decides. */
		size_t close = at, open = at;
		int mark = 0;

		while (open > 0) {
			uint32_t c;
			size_t p = utf8_prev(s, open);

			utf8_decode(s + p, open - p, &c);
			open = p;
			if (c == '[' || c == 0xFF3B || c == '\n')
				break;
			if (close - open > 24)
				return -1;
		}
		if (s[open] != '[' && strncmp(s + open, "\xef\xbc\xbb", 3))
			return -1;
		for (size_t i = open + 1; i < close;) {
			uint32_t c;

			i += utf8_decode(s + i, close - i, &c);
			if (ivalue_is_checked_mark(c))
				mark = 1;
			else if (!jtext_is_blank(c) &&
			         !ivalue_is_unchecked_mark(c) && c != 0xFF3B)
				return -1;
		}
		*from = open;
		return mark;
	}
	if (ivalue_is_checked_mark(cp) && cp > 0x7F) {
		*from = at;
		return 1;
	}
	if (ivalue_is_unchecked_mark(cp)) {
		*from = at;
		return 0;
	}
	return -1;
}

/* Skip blanks in s from off. No memory. */
static size_t
ivalue_skip_blanks(const char *s, size_t off)
{
	for (;;) {
		uint32_t cp;
		size_t n = utf8_decode(s + off, strlen(s + off), &cp);

		if (n == 0 || (!jtext_is_blank(cp) && cp != '\t'))
			return off;
		off += n;
	}
}

/* Return n bytes of s on one line: a run of blanks holding a line break
 * (the text wrapped there) goes away between Japanese characters and
 * becomes one blank between others; tabs become blanks. Caller frees. */
static char *
ivalue_unwrap(const char *s, size_t n)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		bool nl = false;

		while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
			nl |= s[j] == '\n';
			j++;
		}
		if (j == i) {
			sbuf_addc(&sb, s[i++]);
			continue;
		}
		if (!nl)
			for (size_t k = i; k < j; k++)
				sbuf_addc(&sb, ' ');
		else if (sb.len > 0 && j < n &&
		         ((unsigned char)sb.buf[sb.len - 1] < 0x80 ||
		          (unsigned char)s[j] < 0x80))
			sbuf_addc(&sb, ' ');
		i = j;
	}
	return sbuf_detach(&sb);
}

/* Read the "( text )" that may follow a label at byte off of s: store the
 * text (trimmed, new string) in *text and return the offset after it;
 * return off and NULL when there is none. A trailing 件 is consumed and
 * reported in *count. */
static size_t
ivalue_paren_after(const char *s, size_t off, char **text, bool *count)
{
	size_t p = ivalue_skip_blanks(s, off), q;
	int depth = 0;

	*text = NULL;
	*count = false;
	if (s[p] == '(')
		q = p + 1;
	else if (strncmp(s + p, "\xef\xbc\x88", 3) == 0) /* （ */
		q = p + 3;
	else
		return off;
	for (size_t i = q; s[i] != '\0';) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, strlen(s + i), &cp);

		if (cp == '(' || cp == 0xFF08)
			depth++;
		if ((cp == ')' || cp == 0xFF09) && depth-- == 0) {
			char *t = ivalue_unwrap(s + q, i - q), *a = t, *b;
			size_t after = ivalue_skip_blanks(s, i + n);

			while (*a == ' ')
				a++;
			b = a + strlen(a);
			while (b > a && b[-1] == ' ')
				b--;
			while (b - a >= 3 &&
			       strncmp(b - 3, "\xe3\x80\x80", 3) == 0)
				b -= 3;
			*text = xstrndup(a, (size_t)(b - a));
			free(t);
			if (strncmp(s + after, "件", 3) == 0) {
				*count = true;
				return after + 3;
			}
			return i + n;
		}
		i += n;
	}
	return off;
}

/* Say whether folded code point c is noise around values: ASCII, marks,
 * brackets, 件, 選択肢, ・, dashes and Japanese commas. No memory. */
static bool
ivalue_noise(uint32_t c)
{
	return c < 0x80 || ivalue_is_checked_mark(c) ||
	       ivalue_is_unchecked_mark(c) || c == 0x4EF6 /* 件 */ ||
	       c == 0x9078 || c == 0x629E || c == 0x80A2 /* 選択肢 */ ||
	       c == 0x30FB /* ・ */ || c == 0x2014 || c == 0x2015 ||
	       c == 0x3001 || c == 0x3002;
}

/* Mark as used the region lines that the labels (and noise) explain: the
 * lines are folded together, so that a label an extraction broke over two
 * lines (住民 / 基本台帳ネットワークシステム) explains both. */
static void
ivalue_mark_used(const struct ivalue_line *lines, size_t nlines,
                 char *const *labels, size_t nlabels, bool *used)
{
	struct ivalue_joined j;
	struct ivalue_fold f;
	bool *gone, *left = xcalloc(nlines + 1, sizeof *left);

	ivalue_join(lines, nlines, &j);
	ivalue_fold(j.s, &f);
	gone = xcalloc(f.n + 1, sizeof *gone);
	for (size_t k = 0; k < nlabels; k++) {
		struct ivalue_fold l;

		ivalue_fold(labels[k], &l);
		for (size_t i = 0; l.n > 0 && i + l.n <= f.n; i++)
			if (ivalue_at(&f, i, &l))
				for (size_t q = 0; q < l.n; q++)
					gone[i + q] = true;
		ivalue_fold_fini(&l);
	}
	for (size_t i = 0; i < f.n; i++)
		if (!gone[i] && !ivalue_noise(f.u[i]))
			left[ivalue_line_of(&j, f.map[i])] = true;
	for (size_t i = 0; i < nlines; i++)
		if (!used[i])
			used[i] = !left[i];
	free(left);
	free(gone);
	ivalue_fold_fini(&f);
	ivalue_joined_fini(&j);
}

/* Say whether s starts with a list number "1. " or "1．". No memory. */
static bool
ivalue_list_number(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && n <= 2 &&
	       ((s[n] == '.' && s[n + 1] == ' ') ||
	        strncmp(s + n, "\xef\xbc\x8e", 3) == 0);
}

/* Say whether a text line starts with a bullet or list number, so that it
 * does not continue the line above it. No memory. */
static bool
ivalue_starts_item(const char *s)
{
	uint32_t cp;

	utf8_decode(s, strlen(s), &cp);
	return cp == 0x30FB || cp == 0x2022 || cp == 0x25CB || cp == 0x25CF ||
	       cp == 0x25C6 || cp == 0x25A0 || cp == 0x25A1 || cp == 0x25C7 ||
	       cp == 0x3010 || cp == 0xFF1C || cp == '<' || cp == 0x203B ||
	       jtext_circled(cp) != 0 || cp == 0xFF08 ||
	       (cp == '(' && strspn(s + 1, "0123456789") > 0 &&
	        strspn(s + 1, "0123456789") <= 2 &&
	        s[1 + strspn(s + 1, "0123456789")] == ')') ||
	       ivalue_list_number(s);
}

/* Say whether s (a whole line of a value) is a "nothing" mark: —, ――, -
 * (R18). No memory. */
static bool
ivalue_is_dash(const char *s)
{
	return strcmp(s, "\xe2\x80\x94") == 0 ||
	       strcmp(s, "\xe2\x80\x95\xe2\x80\x95") == 0 ||
	       strcmp(s, "\xe2\x80\x95") == 0 || strcmp(s, "-") == 0 ||
	       strcmp(s, "\xe2\x88\x92") == 0 || strcmp(s, "\xe3\x83\xbc") == 0;
}

/* Say whether a text value mixes lines of 「—」 with lines of text (a
 * stray row of the table around it, catalog Q12). No memory. */
static bool
ivalue_stray(const char *t)
{
	bool dash = false, text = false;

	for (const char *p = t; p != NULL;) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);

		if (ivalue_is_dash(line))
			dash = true;
		else if (line[0] != '\0')
			text = true;
		free(line);
		p = nl ? nl + 1 : NULL;
	}
	return dash && text;
}

/* Add the line s (n bytes) to sb as a line of a text value: blanks at its
 * ends dropped, a tab made a space. A run of two blanks or more inside it
 * is where the printed text broke the line (the extraction put blanks
 * there), and so is a checkbox that HTML put in front of a paragraph: both
 * become a line break. Single blanks stay as they are. */
static void
ivalue_add_text_line(struct sbuf *sb, const char *s, size_t n)
{
	size_t a = 0, b = n;
	bool any = false, brk = false;

	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	while (b - a >= 3 && strncmp(s + a, "\xe3\x80\x80", 3) == 0)
		a += 3;
	while (b - a >= 3 && strncmp(s + b - 3, "\xe3\x80\x80", 3) == 0)
		b -= 3;
	if (a == b)
		return;
	if (sb->len > 0)
		sbuf_addc(sb, '\n');
	for (size_t i = a; i < b;) {
		size_t j = i, blanks = 0;
		bool mark = false;

		while (j < b) {
			if (s[j] == ' ' || s[j] == '\t') {
				blanks++;
				j++;
			} else if (strncmp(s + j, ILINE_CHECKED, 3) == 0 ||
			           strncmp(s + j, ILINE_UNCHECKED, 3) == 0) {
				mark = true;
				j += 3;
			} else {
				break;
			}
		}
		if (j == i) {
			if (brk)
				sbuf_addc(sb, '\n');
			brk = false;
			sbuf_addc(sb, s[i++]);
			any = true;
			continue;
		}
		if ((blanks >= 2 || mark) && any)
			brk = true;
		else if (!mark && !brk && any)
			for (size_t k = 0; k < blanks; k++)
				sbuf_addc(sb, ' ');
		i = j;
	}
}

/* Say whether a line that wrapped between the characters a and b lost a
 * blank between two words of Latin letters. No memory. */
static bool
ivalue_word_break(char a, char b)
{
	return ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) &&
	       ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
}

/* Return the usual width of full lines (see ivalue.h). A line in a
 * proportional font is a little wider or narrower than its display width,
 * so the widest line alone would miss the others; and the widest tenth of
 * many lines are left out, lest a stray one set the width. No memory. */
size_t
ivalue_full_width(const size_t *w, size_t n)
{
	size_t *v = xcalloc(n + 1, sizeof *v), widest, m, k = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		for (; j > 0 && v[j - 1] < w[i]; j--)
			v[j] = v[j - 1];
		v[j] = w[i];
	}
	/* v[] is widest first. */
	widest = n > 0 ? v[n / 10] : 0;
	while (k < n && v[k] > widest)
		k++;
	m = k;
	while (m < n && v[m] * 5 >= widest * 4)
		m++;
	m = m > k ? v[k + (m - k - 1) / 2] : widest;
	free(v);
	return m;
}

/* Gather the lines of a cell of layout text into printed lines: vis[]
 * (their text, runs of blanks made one blank) and width[] (display
 * columns); return how many. A piece that starts, on the same page, where
 * the line above it ends and to the right of where that line starts is
 * the rest of that line (pdftotext puts a run set a little higher or
 * lower, as full-width punctuation often is, on a line of its own). The
 * page of each printed line goes to vpage[] unless it is NULL. The
 * caller finalizes vis[] (nlines entries or more). */
static size_t
ivalue_layout_lines(const struct ivalue_line *lines, size_t nlines,
                    struct sbuf *vis, size_t *width, int *vpage)
{
	int *end = xcalloc(nlines + 1, sizeof *end);
	int *begin = xcalloc(nlines + 1, sizeof *begin);
	size_t nvis = 0;
	int page = 0;

	for (size_t i = 0; i < nlines; i++) {
		const char *t = lines[i].text;
		size_t at;
		bool stair;

		if (iline_is_blank(t))
			continue;
		stair = nvis > 0 && lines[i].page == page &&
		        lines[i].start > begin[nvis - 1] &&
		        lines[i].start >= end[nvis - 1] - 2 &&
		        lines[i].start <= end[nvis - 1] + 2;
		if (!stair) {
			sbuf_init(&vis[nvis]);
			width[nvis] = 0;
			if (vpage != NULL)
				vpage[nvis] = lines[i].page;
			begin[nvis++] = lines[i].start;
		}
		at = vis[nvis - 1].len;
		for (const char *p = t + ivalue_skip_blanks(t, 0); *p;) {
			size_t j = ivalue_skip_blanks(p, 0);

			if (j > 0) {
				if (p[j] != '\0')
					sbuf_addc(&vis[nvis - 1], ' ');
				p += j;
			} else {
				sbuf_addc(&vis[nvis - 1], *p++);
			}
		}
		end[nvis - 1] = lines[i].end;
		page = lines[i].page;
		width[nvis - 1] += utf8_width(vis[nvis - 1].buf + at,
		                              vis[nvis - 1].len - at);
	}
	free(end);
	free(begin);
	return nvis;
}

/* Say whether cp may not end a line (an opening bracket). No memory. */
static bool
ivalue_opening(uint32_t cp)
{
	return cp == '(' || cp == '[' || cp == 0xFF08 || cp == 0x300C ||
	       cp == 0x300E || cp == 0x3010 || cp == 0x3008 || cp == 0x300A ||
	       cp == 0x3014 || cp == 0xFF3B;
}

/* Say whether cp may not start a line (closing brackets and marks). No
 * memory. */
static bool
ivalue_closing(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == ',' || cp == '.' || cp == ':' ||
	       cp == ';' || cp == '!' || cp == '?' || cp == 0x3001 ||
	       cp == 0x3002 || cp == 0xFF09 || cp == 0x300D || cp == 0x300F ||
	       cp == 0x3011 || cp == 0x3009 || cp == 0x300B || cp == 0x3015 ||
	       cp == 0xFF3D || cp == 0xFF0C || cp == 0xFF0E || cp == 0x30FB ||
	       cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
	       cp == 0x30FC;
}

/* Return the width (display columns) of the first piece of s that a line
 * cannot be broken inside: a word of Latin letters and digits (at most
 * 16 columns counted), or one character with the opening brackets before
 * it and the closing marks after it. No memory. */
static size_t
ivalue_first_unit(const char *s)
{
	size_t w = 0, len = strlen(s), i = 0;
	uint32_t cp = 0;

	while (i < len) {
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (!ivalue_opening(cp))
			break;
		w += (size_t)utf8_cp_width(cp);
		i += k;
	}
	if (i < len && s[i] != ' ' && (unsigned char)s[i] < 0x80) {
		while (i < len && s[i] != ' ' && (unsigned char)s[i] < 0x80 &&
		       w < 16) {
			w++;
			i++;
		}
		return w;
	}
	if (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cp_width(cp);
	}
	while (i < len) {
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (!ivalue_closing(cp))
			break;
		w += (size_t)utf8_cp_width(cp);
		i += k;
	}
	return w;
}

/* Store the widths of a cell's printed lines (see ivalue.h). */
size_t
ivalue_layout_widths(const struct ivalue_line *lines, size_t nlines, size_t *w)
{
	struct sbuf *vis = xcalloc(nlines + 1, sizeof *vis);
	size_t nvis = ivalue_layout_lines(lines, nlines, vis, w, NULL);

	for (size_t k = 0; k < nvis; k++)
		sbuf_fini(&vis[k]);
	free(vis);
	return nvis;
}

/* Return how many columns wider than its display width the line s may
 * have been printed: capitals and digits are wider than half a Japanese
 * character in most proportional fonts, by about a fifth of a column
 * each. No memory. */
static size_t
ivalue_latin_slack(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p; p++)
		n += (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
	return n / 5;
}

/* Say whether s starts with a bracket that opens a heading after a
 * sentence's end: ( （ 【 < ＜ [ ［. No memory. */
static bool
ivalue_bracket_open(const char *s)
{
	uint32_t cp;

	utf8_decode(s, strlen(s), &cp);
	return cp == '(' || cp == 0xFF08 || cp == 0x3010 || cp == '<' ||
	       cp == 0xFF1C || cp == '[' || cp == 0xFF3B;
}

/* Say whether s starts with a round bracket, ( or （, which a wrapped
 * line often does. No memory. */
static bool
ivalue_paren_open(const char *s)
{
	return s[0] == '(' || strncmp(s, "\xef\xbc\x88", 3) == 0;
}

/* Say whether s is a bullet alone (「・」 at the end of a printed line,
 * its entry on the next). No memory. */
static bool
ivalue_bullet_only(const char *s)
{
	uint32_t cp;
	size_t n = utf8_decode(s, strlen(s), &cp);

	return n > 0 && s[n] == '\0' &&
	       (cp == 0x30FB || cp == 0x2022 || cp == 0x25CB || cp == 0x25CF ||
	        cp == 0x25C6 || cp == 0x25A0 || cp == 0x25A1 || cp == 0x25C7);
}

/* Return the number of a list entry that starts s ("1 ", "2. ", "3) "),
 * its delimiter (' ', '.' or ')') in *delim; 0 when s starts none. No
 * memory. */
static unsigned long
ivalue_list_entry(const char *s, char *delim)
{
	size_t d = strspn(s, "0123456789");

	if (d == 0 || d > 2 || (s[d] != ' ' && s[d] != '.' && s[d] != ')'))
		return 0;
	*delim = s[d];
	return strtoul(s, NULL, 10);
}

/* Say whether cp goes with the letters and digits next to it in a line
 * (no line break between them): ASCII but blanks, and the marks whose
 * class a browser takes as alphabetic (※, ○, ①). No memory. */
static bool
ivalue_joins(uint32_t cp)
{
	return (cp > ' ' && cp < 0x7F) || cp == 0x203B || cp == 0x25CB ||
	       cp == 0x25CF || cp == 0x25A0 || cp == 0x25A1 ||
	       (cp >= 0x2460 && cp <= 0x24FF);
}

/* Return the width (display columns) of the first piece of s that a line
 * cannot be broken inside as a browser prints it at a line's start: the
 * opening brackets (a full-width one half as wide: its blank half is
 * trimmed there), then a run of ASCII and marks that go with it (「(※2)」,
 * 「ISO/IEC27018」; a line may break after a hyphen) and, after a digit,
 * the letter after it (「27号」, 「1/4免」), or else one letter; then the
 * closing marks. No memory. */
static size_t
ivalue_box_unit(const char *s)
{
	size_t w = 0, len = strlen(s), i = 0, k;
	uint32_t cp = 0, last = 0;

	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	       ivalue_opening(cp)) {
		w++;
		i += k;
	}
	if (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    ivalue_joins(cp)) {
		while (i < len && w < 32 && last != '-' &&
		       (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
		       ivalue_joins(cp)) {
			w += (size_t)utf8_cp_width(cp);
			last = cp;
			i += k;
		}
		if (last >= '0' && last <= '9' && i < len) {
			utf8_decode(s + i, len - i, &cp);
			if (cp >= 0x80 && !ivalue_closing(cp))
				w += (size_t)utf8_cp_width(cp);
		}
		return w;
	}
	if (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cp_width(cp);
	}
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	       ivalue_closing(cp)) {
		w += (size_t)utf8_cp_width(cp);
		i += k;
	}
	return w;
}

/* Return how printed line a (on page pa) of layout text of a PDF ends,
 * the next one being b (on page pb), from where the PDF's lines end
 * (ibox.h; a is found by its text, or as the end of one line's text);
 * -1 when a is not found there, or is found several times and the ends
 * do not tell the same. The first piece of b that cannot be
 * broken is as wide in points as its columns are at b's own width per
 * column, or at half the font size. No memory. */
static int
ivalue_box_end(const struct ibox *box, const char *a, int pa, const char *b,
               int pb)
{
	char *ka = jtext_fold(a, JTEXT_DROP_BLANKS);
	char *kb = jtext_fold(b, JTEXT_DROP_BLANKS);
	const struct ibox_line *la, *lb;
	size_t na = ibox_find(box, pa, ka, &la);
	size_t wb = utf8_width(b, strlen(b)), ub = ivalue_box_unit(b);
	uint32_t cp = 0;
	int end = -1;

	ibox_find(box, pb, kb, &lb);
	if (na == 0 && (la = ibox_find_end(box, pa, ka)) != NULL)
		na = 1;
	free(ka);
	free(kb);
	utf8_decode(b, strlen(b), &cp);
	for (size_t i = 0; i < na; i++) {
		double col = la[i].em / 2;
		int e;

		/* A full-width letter alone is as wide as the font size. */
		if (lb != NULL && wb > 0 && lb->right > lb->left &&
		    !(ub == 2 && utf8_cp_width(cp) == 2))
			col = (lb->right - lb->left) / (double)wb;
		e = (int)ibox_decide(la[i].edge - la[i].right, (double)ub * col,
		                     la[i].em, la[i].blank_after,
		                     la[i].edge - la[i].right < la[i].em / 20 &&
		                             la[i].at_edge < 3);
		if (i > 0 && e != end)
			return -1;
		end = e;
	}
	return end;
}

/* Join the lines of a cell of layout text (pdftotext -layout) printed in
 * lines (see ivalue_layout_lines). A line about as wide as a full line of
 * the cell's column (full; when 0, from the cell's own lines, or the
 * document's usual width when fewer than two of them are that wide) was
 * wrapped by the cell's edge: the next one continues it, unless it starts
 * an item of a list (a bullet, or the next number of a list the cell
 * starts with: 「1 …」 then 「2 …」) or a bracketed heading after a
 * line that ends a sentence (「。」 then 「(運用上の措置)」). Widths are
 * display columns, which follow the printed widths of Japanese and Latin
 * letters; a line is full when the first piece of the next one that
 * cannot be broken (ivalue_first_unit) would not have fitted after it.
 *
 * Where the PDF's lines are known (box), their ends decide instead: a line
 * wrapped at a blank keeps the blank, one that ends short of its column's
 * edge was broken, one that reaches the edge was wrapped, unless it ends
 * a sentence or the next line starts an item or a heading as above: then
 * it is taken as broken and *doubt says so; a line too near the edge to
 * tell is read as without the box, and *doubt says so. Caller frees. */
static char *
ivalue_layout_text(const struct ivalue_line *lines, size_t nlines,
                   bool one_line, size_t full, size_t usual,
                   const struct ibox *box, char **doubt)
{
	struct sbuf *vis = xcalloc(nlines + 1, sizeof *vis), sb;
	size_t *width = xcalloc(nlines + 1, sizeof *width);
	size_t *slack = xcalloc(nlines + 1, sizeof *slack);
	bool *bullet = xcalloc(nlines + 1, sizeof *bullet);
	bool *stop = xcalloc(nlines + 1, sizeof *stop);
	int *page = xcalloc(nlines + 1, sizeof *page);
	size_t nvis = ivalue_layout_lines(lines, nlines, vis, width, page);
	unsigned long next = 0;
	char delim = 0;

	if (full == 0) {
		size_t wide = 0;

		full = ivalue_full_width(width, nvis);
		/* Lines of a cell that are all about as wide may be short
		 * paragraphs of a wider cell. */
		for (size_t k = 0; k + 1 < nvis; k++)
			wide += width[k] + 3 >= full;
		if (wide < 2 && full < usual)
			full = usual;
	}
	sbuf_init(&sb);
	for (size_t k = 0; box != NULL && k < nvis; k++) {
		char *key = jtext_fold(vis[k].buf, JTEXT_DROP_BLANKS);
		const struct ibox_line *l;

		char *fixed = ibox_find(box, page[k], key, &l) == 1
		                      ? ibox_blanks(l, vis[k].buf)
		                      : NULL;

		if (fixed != NULL) {
			sbuf_reset(&vis[k]);
			sbuf_adds(&vis[k], fixed);
			free(fixed);
		}
		free(key);
	}
	for (size_t k = 0; k < nvis; k++) {
		slack[k] = ivalue_latin_slack(vis[k].buf);
		bullet[k] = ivalue_bullet_only(vis[k].buf);
		stop[k] = vis[k].len >= 3 && strcmp(vis[k].buf + vis[k].len - 3,
		                                    "\xe3\x80\x82") == 0;
	}
	if (nvis > 0)
		next = ivalue_list_entry(vis[0].buf, &delim) + 1;
	for (size_t k = 0; k < nvis; k++) {
		if (k > 0) {
			char d = 0;
			bool listed =
			        next > 1 &&
			        ivalue_list_entry(vis[k].buf, &d) == next &&
			        d == delim;
			/* A new paragraph may start after a full line. */
			bool starts = ivalue_starts_item(vis[k].buf) ||
			              listed ||
			              (stop[k - 1] &&
			               ivalue_bracket_open(vis[k].buf));
			/* A bullet alone goes on with its entry. */
			bool wrapped =
			        bullet[k - 1] ||
			        (width[k - 1] + ivalue_first_unit(vis[k].buf) +
			                         1 + slack[k - 1] >=
			                 full &&
			         !starts);
			bool blank = false;
			int end = box == NULL || bullet[k - 1]
			                  ? -1
			                  : ivalue_box_end(box, vis[k - 1].buf,
			                                   page[k - 1],
			                                   vis[k].buf, page[k]);

			next += listed;
			if (end == IBOX_WRAP_BLANK) {
				wrapped = true;
				blank = true;
			} else if (end == IBOX_BREAK) {
				wrapped = false;
			} else if (end == IBOX_WRAP) {
				/* A full line that ends a sentence, or one
				 * before an item of a list, may have ended a
				 * paragraph. */
				bool item = starts &&
				            (stop[k - 1] ||
				             !ivalue_paren_open(vis[k].buf));

				wrapped = !item;
				if ((item || stop[k - 1]) && doubt != NULL &&
				    *doubt == NULL)
					*doubt = xstrdup(
					        item ? _("a line of the PDF ends at "
					                 "the edge of its cell and "
					                 "the next one starts an "
					                 "item; it was read as a "
					                 "line break, but it may be "
					                 "a wrapped line")
					             : _("a line of the PDF ends a "
					                 "sentence at the edge of "
					                 "its cell; it was read as "
					                 "wrapped, but the next "
					                 "line may start a new "
					                 "paragraph"));
			} else if (end == IBOX_UNSURE && doubt != NULL &&
			           *doubt == NULL) {
				*doubt = xstrdup(
				        _("a line of the PDF ends so near the "
				          "edge of its cell that it cannot be "
				          "told whether the next line goes on "
				          "with it"));
			}
			if (!wrapped)
				sbuf_addc(&sb, one_line ? ' ' : '\n');
			else if (blank || ivalue_word_break(sb.buf[sb.len - 1],
			                                    vis[k].buf[0]))
				sbuf_addc(&sb, ' ');
		}
		sbuf_adds(&sb, vis[k].buf);
	}
	for (size_t k = 0; k < nvis; k++)
		sbuf_fini(&vis[k]);
	free(vis);
	free(width);
	free(slack);
	free(bullet);
	free(stop);
	free(page);
	return sbuf_detach(&sb);
}

/* Join the region as the text of a text item (see ivalue.h). */
char *
ivalue_text(const struct ivalue_line *lines, size_t nlines,
            const struct ivalue_ctx *cx, bool one_line, char **doubt)
{
	struct sbuf sb;

	if (doubt != NULL)
		*doubt = NULL;
	sbuf_init(&sb);
	if (cx->verbatim) {
		bool first = true;

		for (size_t i = 0; i < nlines; i++) {
			const char *t = lines[i].text;

			if (strncmp(t, "  | ", 4) == 0)
				t += 4;
			else if (strcmp(t, "  |") == 0)
				t = "";
			else
				continue;
			if (!first)
				sbuf_addc(&sb, one_line ? ' ' : '\n');
			sbuf_adds(&sb, t);
			first = false;
		}
		return sbuf_detach(&sb);
	}
	if (cx->layout) {
		sbuf_fini(&sb);
		return ivalue_layout_text(lines, nlines, one_line, cx->full,
		                          cx->usual, cx->box, doubt);
	}
	for (size_t i = 0; i < nlines; i++)
		for (const char *p = lines[i].text; p != NULL;) {
			const char *nl = strchr(p, '\n');

			ivalue_add_text_line(&sb, p,
			                     nl ? (size_t)(nl - p) : strlen(p));
			p = nl ? nl + 1 : NULL;
		}
	if (one_line)
		for (size_t i = 0; i < sb.len; i++)
			if (sb.buf[i] == '\n')
				sb.buf[i] = ' ';
	return sbuf_detach(&sb);
}

/* Store a single string as the value. Takes s. */
static void
ivalue_set1(struct ivalue *out, char *s)
{
	out->v = xmalloc(sizeof *out->v);
	out->v[0] = s;
	out->n = 1;
}

/* Set the reason of an uncertain reading (the first one stays). */
static void
ivalue_doubt(struct ivalue *out, char *reason)
{
	if (out->reason == NULL)
		out->reason = reason;
	else
		free(reason);
}

/* An occurrence of a label (option or member) found in a region. */
struct ivalue_hit {
	size_t label; /* index of the label */
	size_t off;   /* byte offset in the joined region */
	size_t end;   /* byte offset after it */
	size_t fpos;  /* folded position */
};

/* Find the occurrences of the labels in j, longest first at each place,
 * not inside a longer word of digits. Caller frees. */
static struct ivalue_hit *
ivalue_find(const struct ivalue_joined *j, char *const *labels, size_t nlabels,
            size_t *nhits)
{
	struct ivalue_fold f;
	struct ivalue_fold *lf = xcalloc(nlabels + 1, sizeof *lf);
	struct ivalue_hit *hits = NULL;
	size_t n = 0;

	ivalue_fold(j->s, &f);
	for (size_t k = 0; k < nlabels; k++)
		ivalue_fold(labels[k], &lf[k]);
	for (size_t i = 0; i < f.n;) {
		size_t best = nlabels;

		for (size_t k = 0; k < nlabels; k++)
			if (ivalue_at(&f, i, &lf[k]) &&
			    (best == nlabels || lf[k].n > lf[best].n))
				best = k;
		if (best == nlabels ||
		    (i > 0 && f.u[i - 1] >= '0' && f.u[i - 1] <= '9' &&
		     f.u[i] >= '0' && f.u[i] <= '9') ||
		    (i + lf[best].n < f.n && f.u[i + lf[best].n - 1] >= '0' &&
		     f.u[i + lf[best].n - 1] <= '9' &&
		     f.u[i + lf[best].n] >= '0' &&
		     f.u[i + lf[best].n] <= '9')) {
			i++;
			continue;
		}
		hits = xreallocarray(hits, n + 1, sizeof *hits);
		hits[n].label = best;
		hits[n].off = f.map[i];
		{
			size_t last = f.map[i + lf[best].n - 1];
			uint32_t cp;

			hits[n].end =
			        last + utf8_decode(j->s + last,
			                           strlen(j->s + last), &cp);
		}
		hits[n].fpos = i;
		n++;
		i += lf[best].n;
	}
	for (size_t k = 0; k < nlabels; k++)
		ivalue_fold_fini(&lf[k]);
	free(lf);
	ivalue_fold_fini(&f);
	*nhits = n;
	return hits;
}

/* Find the <選択肢> marker (any width, &lt; decoded) in s; return its byte
 * offset or (size_t)-1. No memory. */
static size_t
ivalue_options_marker(const char *s)
{
	const char *p = strstr(s, "選択肢");

	while (p != NULL) {
		size_t at;
		uint32_t cp = ivalue_prev_cp(s, (size_t)(p - s), &at);

		if (cp == '<' || cp == 0xFF1C)
			return at;
		p = strstr(p + 1, "選択肢");
	}
	return (size_t)-1;
}

/* Say whether s starts with the options of a choice (see ivalue.h). */
bool
ivalue_options_start(const char *s)
{
	s += strspn(s, " ");
	return ivalue_options_marker(s) == 0;
}

/* Say whether the option at byte off of s is an entry of a numbered list
 * ("2) 十分である"). No memory. */
static bool
ivalue_numbered(const char *s, size_t off)
{
	size_t at;
	uint32_t cp = ivalue_prev_cp(s, off, &at);

	if (cp != ')' && cp != 0xFF09)
		return false;
	cp = ivalue_prev_cp(s, at, &at);
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Read the selected option of a choice from the joined region. */
static void
ivalue_choice(const struct fdef_node *n, const struct ivalue_joined *j,
              const struct ivalue_ctx *cx, struct ivalue *out)
{
	size_t nhits, marker = ivalue_options_marker(j->s);
	struct ivalue_hit *hits =
	        ivalue_find(j, n->options, n->noptions, &nhits);
	long chosen = -1, other = -1;
	bool empty_brackets = false;
	/* Values printed outside brackets and outside the numbered list,
	 * before the <選択肢> marker (or anywhere without one), and after it.
	 */
	size_t *before = xcalloc(nhits + 1, sizeof *before), nbefore = 0;
	size_t *after = xcalloc(nhits + 1, sizeof *after), nafter = 0;

	(void)cx;
	/* [ 値 ] (or [☐ 値], or 値 ] after a mark) wins wherever it is. */
	for (size_t i = 0; i < nhits; i++) {
		size_t from, at;
		size_t a = ivalue_skip_blanks(j->s, hits[i].end);
		int mark = ivalue_mark_before(j->s, hits[i].off, &from);
		uint32_t prev = ivalue_prev_cp(j->s, hits[i].off, &at);
		bool closed = j->s[a] == ']' ||
		              strncmp(j->s + a, "\xef\xbc\xbd", 3) == 0;

		if (ivalue_numbered(j->s, hits[i].off))
			continue;
		if (closed && (prev == '[' || prev == 0xFF3B || mark >= 0 ||
		               ivalue_is_unchecked_mark(prev) ||
		               ivalue_is_checked_mark(prev) || prev == 0 ||
		               prev == '\n')) {
			if (chosen < 0)
				chosen = (long)hits[i].label;
			else if ((long)hits[i].label != chosen)
				other = (long)hits[i].label;
		} else if (marker == (size_t)-1 || hits[i].off < marker) {
			before[nbefore++] = i;
		} else {
			after[nafter++] = i;
		}
	}
	/* Empty brackets: no selection, unless a value follows them. */
	for (const char *p = j->s; (p = strchr(p, '[')) != NULL; p++) {
		size_t q = ivalue_skip_blanks(j->s, (size_t)(p - j->s) + 1);

		while (strncmp(j->s + q, ILINE_UNCHECKED, 3) == 0)
			q = ivalue_skip_blanks(j->s, q + 3);
		if (j->s[q] == ']')
			empty_brackets = true;
	}
	if (chosen >= 0) {
		ivalue_set1(out, xstrdup(n->options[chosen]));
		if (other >= 0)
			ivalue_doubt(out,
			             xasprintf(_("two different values are "
			                         "marked: 「%s」 and 「%s」"),
			                       n->options[chosen],
			                       n->options[other]));
	} else if (nbefore == 1) {
		/* ☐ 10人未満 ], [] 十分に行っている */
		ivalue_set1(out, xstrdup(n->options[hits[before[0]].label]));
	} else if (nbefore > 1) {
		size_t first = hits[before[0]].label;
		bool again = false;

		for (size_t i = 1; i < nbefore; i++)
			again |= hits[before[i]].label == first;
		/* A garbled list prints the chosen value first (catalog
		 * Q8); say so, and say it when it is a plain guess. */
		ivalue_set1(out, xstrdup(n->options[first]));
		ivalue_doubt(out,
		             again ? xasprintf(_("the option list is garbled; "
		                                 "「%s」, printed first, was "
		                                 "taken"),
		                               n->options[first])
		                   : xasprintf(_("several options are printed "
		                                 "without a mark; 「%s」, the "
		                                 "first, was taken"),
		                               n->options[first]));
	} else if (nafter > 0) {
		bool in_order = nafter == n->noptions;

		for (size_t i = 0; i < nafter && in_order; i++)
			in_order = hits[after[i]].label == i;
		/* Every option printed once without a mark: none chosen. */
		if (!in_order) {
			ivalue_set1(out,
			            xstrdup(n->options[hits[after[0]].label]));
			ivalue_doubt(
			        out,
			        xasprintf(_("several options are printed "
			                    "without a mark; 「%s」, the "
			                    "first, was taken"),
			                  n->options[hits[after[0]].label]));
		}
	} else if (!empty_brackets) {
		out->lost = true;
		ivalue_doubt(out, xstrdup(marker != (size_t)-1
		                                  ? _("the mark of the chosen "
		                                      "option was lost")
		                                  : _("no value was found")));
	}
	free(before);
	free(after);
	free(hits);
}

/* Say whether s holds a checkbox: 「☐」, 「☑」, 「[ ]」 or 「[○]」. No
 * memory. */
static bool
ivalue_has_box(const char *s)
{
	return strstr(s, ILINE_CHECKED) != NULL ||
	       strstr(s, ILINE_UNCHECKED) != NULL || strstr(s, "[ ]") != NULL ||
	       strstr(s, "[\xe2\x97\x8b]") != NULL || strstr(s, "[]") != NULL;
}

/* Read a checkbox set and its ( ) companions from the joined region. */
static void
ivalue_multi(const struct fdef_node *n, const struct ivalue_joined *j,
             const struct ivalue_ctx *cx, struct ivalue *out)
{
	char **labels = xcalloc(n->nmembers + 1, sizeof *labels);
	size_t nhits;
	struct ivalue_hit *hits;
	int *state = xcalloc(n->nmembers + 1, sizeof *state);
	bool any_checked = false, any_mark = false, conflict = false;
	bool r21 = false, other_version = false;
	size_t k = 0;

	for (size_t i = 0; i < n->nmembers; i++)
		labels[i] = n->members[i].label;
	hits = ivalue_find(j, labels, n->nmembers, &nhits);
	out->nextra = n->nmembers;
	out->extra = xcalloc(n->nmembers + 1, sizeof *out->extra);
	/* state: 0 not seen, 1 unmarked, 2 unchecked, 3 checked. */
	for (size_t i = 0; i < nhits; i++) {
		size_t m = hits[i].label, from;
		int mark = ivalue_mark_before(j->s, hits[i].off, &from);
		int st = mark < 0 ? 1 : mark == 0 ? 2 : 3;
		char *text;
		bool count;

		ivalue_paren_after(j->s, hits[i].end, &text, &count);
		if (text != NULL) {
			if (cx->verbatim)
				iline_unescape(text);
			if (text[0] != '\0' && out->extra[m] == NULL)
				out->extra[m] = text;
			else
				free(text);
		}
		if (state[m] >= 2 && st >= 2 && state[m] != st)
			conflict = true;
		if (st > state[m])
			state[m] = st;
		any_checked |= st == 3;
		any_mark |= st >= 2;
		if (!fdef_member_in_version(&n->members[m], cx->version))
			other_version = true;
	}
	out->v = xcalloc(n->nmembers + 1, sizeof *out->v);
	for (size_t m = 0; m < n->nmembers; m++) {
		bool on = state[m] == 3;

		if (!fdef_member_in_version(&n->members[m], cx->version))
			continue;
		/* A filled ( ) means its box was checked (R21). */
		if (!on && out->extra[m] != NULL && state[m] > 0) {
			on = true;
			r21 = true;
		}
		if (on)
			out->v[k++] = xstrdup(n->members[m].label);
	}
	out->n = k;
	if (nhits == 0) {
		out->lost = true;
		ivalue_doubt(out, xstrdup(_("no checkbox of this item was "
		                            "found")));
	} else if (conflict) {
		ivalue_doubt(out, xstrdup(_("the same checkbox is printed "
		                            "twice, once checked and once "
		                            "not")));
	} else if (!any_mark) {
		out->unmarked = true;
		ivalue_doubt(out, xstrdup(_("the checkbox marks were lost in "
		                            "the extraction; only the boxes "
		                            "with text in ( ) were checked")));
	} else if (!any_checked) {
		out->unmarked = true;
		if (r21)
			ivalue_doubt(
			        out,
			        xstrdup(_("no box is marked, but some have "
			                  "text in ( ): those were checked; "
			                  "the marks may have been lost")));
	} else if (r21) {
		ivalue_doubt(out, xstrdup(_("a box with text in ( ) was not "
		                            "marked; it was checked")));
	}
	if (other_version)
		ivalue_doubt(out, xstrdup(_("a checkbox of another form "
		                            "version is printed")));
	for (size_t m = 0; m < n->nmembers; m++)
		if (out->extra[m] != NULL && ivalue_has_box(out->extra[m]))
			ivalue_doubt(
			        out,
			        xasprintf(_("the text in ( ) after 「%s」 "
			                    "holds a box of another line; "
			                    "the lines may be out of order"),
			                  n->members[m].label));
	for (size_t m = 0; m < n->nmembers; m++)
		if (n->members[m].exclusive && state[m] == 3 && k > 1)
			ivalue_doubt(out,
			             xasprintf(_("「%s」 is checked together "
			                         "with other boxes"),
			                       n->members[m].label));
	free(state);
	free(hits);
	free(labels);
}

/* Find a 和暦 or western date in s and parse it; true with *out. */
static bool
ivalue_find_date(const char *s, bool month_allowed, struct wareki_date *out)
{
	static const char *const starts[] = {"令和", "平成", "昭和", "R", "H",
	                                     "r",    "h",    "2",    "1"};
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
			size_t len = strlen(starts[k]);

			if (strncmp(s + i, starts[k], len) != 0)
				continue;
			/* Try the longest piece that parses. */
			for (size_t e = n; e > i + len; e--) {
				char *piece = xstrndup(s + i, e - i);
				bool ok = e - i <= 40 &&
				          wareki_parse(piece, month_allowed,
				                       out, NULL);

				free(piece);
				if (ok)
					return true;
			}
		}
	}
	return false;
}

/* Read a date, a number or a count from the text of the region. */
static void
ivalue_scalar(const struct fdef_node *n, const struct ivalue_line *lines,
              size_t nlines, const struct ivalue_ctx *cx, struct ivalue *out)
{
	char *t = ivalue_text(lines, nlines, cx, true, NULL);

	if (t[0] == '\0' || ivalue_is_dash(t)) {
		free(t);
		return;
	}
	if (n->type == FT_DATE) {
		struct wareki_date wd;

		if (wareki_parse(t, n->month_allowed, &wd, NULL) ||
		    ivalue_find_date(t, n->month_allowed, &wd)) {
			char *w = wareki_format(&wd);

			ivalue_set1(out, w);
			if (!wareki_parse(t, n->month_allowed, &wd, NULL))
				ivalue_doubt(
				        out,
				        xasprintf(_("the date was taken out "
				                    "of 「%s」"),
				                  t));
		} else {
			ivalue_doubt(out,
			             xasprintf(_("「%s」 is not a date"), t));
		}
	} else {
		char *d = jtext_nfkc(t);
		char *end;
		long v;

		for (char *c = d; *c; c++)
			if (*c == ',')
				memmove(c, c + 1, strlen(c));
		v = strtol(d, &end, 10);
		if (end != d && v >= 0 && *end == '\0') {
			ivalue_set1(out, xasprintf("%ld", v));
		} else {
			ivalue_doubt(
			        out,
			        xasprintf(_("「%s」 is not a whole number"),
			                  t));
		}
		free(d);
	}
	free(t);
}

/* Say whether a cell of layout text starts an entry of a list of boxes or
 * options: a box, a mark, a bracket, a bullet or an option number "1)".
 * No memory. */
static bool
ivalue_entry_start(const char *s)
{
	uint32_t cp;
	size_t d = strspn(s, "0123456789");

	utf8_decode(s, strlen(s), &cp);
	return ivalue_is_checked_mark(cp) || ivalue_is_unchecked_mark(cp) ||
	       cp == '[' || cp == 0xFF3B || cp == '<' || cp == 0xFF1C ||
	       cp == 0x30FB || cp == 0x203B || cp == 0x3010 ||
	       (d > 0 &&
	        (s[d] == ')' || strncmp(s + d, "\xef\xbc\x89", 3) == 0));
}

/* One entry of a reflowed region: its text and where it came from. */
struct ivalue_entry {
	struct sbuf text;
	int x;        /* the column it starts at */
	size_t first; /* the region line of its first cell */
};

/* Read the lines of a region of layout text printed in columns (boxes two
 * to a line, a choice's value beside its options) column by column: a
 * cell (runs of two blanks or more apart) that starts a box, an option or
 * a bracket starts an entry, and so does one of several on a line right
 * of the entry of its column; any other cell goes on with the last entry
 * of its column (a label or a ( ) text broken at the column's edge).
 * Returns the entries, in the order they start, as region lines (caller
 * frees each text and the array) and *nout; *owner (caller frees) gets
 * *nowner pairs (region line, entry): where each cell went. */
static struct ivalue_line *
ivalue_reflow(const struct ivalue_line *lines, size_t nlines, size_t *nout,
              size_t **owner, size_t *nowner)
{
	struct ivalue_entry *e = NULL;
	size_t ne = 0, no = 0;
	struct ivalue_line *out;

	*owner = NULL;
	for (size_t i = 0; i < nlines; i++) {
		const char *t = lines[i].text;
		size_t lead = 0, nc;
		int *cx;
		char **cells;

		while (t[lead] == ' ')
			lead++;
		cells = itable_cells(t, false, &nc, &cx);
		for (size_t c = 0; c < nc; c++) {
			int x = lines[i].start + cx[c] - (int)lead;
			long col = -1;

			/* The entry of this column: the last one started at a
			 * column at or left of x. */
			for (size_t k = 0; k < ne; k++)
				if (e[k].x <= x + 2 &&
				    (col < 0 || e[k].x >= e[col].x))
					col = (long)k;
			if (col < 0 || ivalue_entry_start(cells[c]) ||
			    (nc > 1 && e[col].x + 2 < x)) {
				e = xreallocarray(e, ne + 1, sizeof *e);
				sbuf_init(&e[ne].text);
				e[ne].x = x;
				e[ne].first = i;
				col = (long)ne++;
			} else if (e[col].text.len > 0 &&
			           ivalue_word_break(
			                   e[col].text.buf[e[col].text.len - 1],
			                   cells[c][0])) {
				sbuf_addc(&e[col].text, ' ');
			}
			sbuf_adds(&e[col].text, cells[c]);
			*owner = xreallocarray(*owner, no + 1,
			                       2 * sizeof **owner);
			(*owner)[2 * no] = i;
			(*owner)[2 * no + 1] = (size_t)col;
			no++;
			free(cells[c]);
		}
		free(cells);
		free(cx);
	}
	out = xcalloc(ne + 1, sizeof *out);
	for (size_t k = 0; k < ne; k++) {
		out[k].text = sbuf_detach(&e[k].text);
		out[k].no = lines[e[k].first].no;
		out[k].page = lines[e[k].first].page;
		out[k].start = e[k].x;
		out[k].end = e[k].x;
	}
	free(e);
	*nout = ne;
	*nowner = no;
	return out;
}

/* How the value of an item's type is read from its region. */
enum ivalue_reading {
	IVALUE_TEXT,      /* the text as it is printed */
	IVALUE_SCALAR,    /* a date or a number out of the text */
	IVALUE_CHOICE,    /* the option that is marked */
	IVALUE_BOXES,     /* the checked boxes */
	IVALUE_ELSEWHERE, /* a flag or a table: ivalue_flag(), itable */
};

/* How the value of n is read, from its type's traits. */
static enum ivalue_reading
ivalue_reading(const struct fdef_node *n)
{
	const struct fdef_type_info *t = &fdef_types[n->type];

	if (t->input == FI_PICK)
		return IVALUE_CHOICE;
	if (t->input == FI_CHECK)
		return t->shape == FS_LIST ? IVALUE_BOXES : IVALUE_ELSEWHERE;
	if (t->shape == FS_ROWS)
		return IVALUE_ELSEWHERE;
	return t->typed_over && !t->free_text ? IVALUE_SCALAR : IVALUE_TEXT;
}

/* Read the value of item n from its region (see ivalue.h). */
void
ivalue_read(const struct fdef_node *n, const struct ivalue_line *lines,
            size_t nlines, const struct ivalue_ctx *cx, struct ivalue *out)
{
	struct ivalue_joined j;

	if (cx->layout && (n->type == FT_CHOICE || n->type == FT_MULTI)) {
		struct ivalue_ctx flat = *cx;
		size_t m, no, *owner;
		struct ivalue_line *rl =
		        ivalue_reflow(lines, nlines, &m, &owner, &no);
		bool *used;

		flat.layout = false;
		ivalue_read(n, rl, m, &flat, out);
		used = xcalloc(nlines + 1, sizeof *used);
		for (size_t k = 0; k < no; k++)
			used[owner[2 * k]] |= out->used[owner[2 * k + 1]];
		free(out->used);
		out->used = used;
		for (size_t k = 0; k < m; k++)
			free((char *)rl[k].text);
		free(rl);
		free(owner);
		return;
	}
	memset(out, 0, sizeof *out);
	out->used = xcalloc(nlines + 1, sizeof *out->used);
	/* Text of hyoka's export is on "  | " lines only. */
	for (size_t i = 0; i < nlines; i++)
		out->used[i] = !cx->verbatim ||
		               strncmp(lines[i].text, "  | ", 4) == 0 ||
		               strcmp(lines[i].text, "  |") == 0 ||
		               (i == 0 && lines[i].text[0] == '\0');
	/* How the value is read follows from its type (fdef_types): text as
	 * it is printed, a date or number out of its text, a choice, a set
	 * of boxes; flags and tables are read elsewhere. */
	switch (ivalue_reading(n)) {
	case IVALUE_TEXT: {
		bool one_line = fdef_types[n->type].one_line;
		char *doubt = NULL;
		char *t = ivalue_text(lines, nlines, cx, one_line, &doubt);

		if (doubt != NULL)
			ivalue_doubt(out, doubt);
		if (!one_line && !cx->verbatim && ivalue_stray(t))
			ivalue_doubt(out, xstrdup(_("lines of 「—」 (nothing) "
			                            "and lines of text are "
			                            "mixed; some of them may "
			                            "belong to another item")));
		if (t[0] != '\0')
			ivalue_set1(out, t);
		else
			free(t);
		return;
	}
	case IVALUE_SCALAR:
		ivalue_scalar(n, lines, nlines, cx, out);
		return;
	case IVALUE_CHOICE:
		memset(out->used, 0, nlines * sizeof *out->used);
		ivalue_join(lines, nlines, &j);
		ivalue_choice(n, &j, cx, out);
		/* hyoka's export writes an empty cell as an empty "  |". */
		for (size_t i = 0; out->lost && cx->verbatim && i < nlines; i++)
			if (strcmp(lines[i].text, "  |") == 0) {
				out->lost = false;
				free(out->reason);
				out->reason = NULL;
				out->used[i] = true;
			}
		ivalue_mark_used(lines, nlines, n->options, n->noptions,
		                 out->used);
		ivalue_joined_fini(&j);
		return;
	case IVALUE_BOXES: {
		char **labels = xcalloc(2 * n->nmembers + 1, sizeof *labels);
		size_t k = 0;

		memset(out->used, 0, nlines * sizeof *out->used);
		ivalue_join(lines, nlines, &j);
		ivalue_multi(n, &j, cx, out);
		for (size_t i = 0; i < n->nmembers; i++) {
			labels[k++] = n->members[i].label;
			if (n->members[i].group != NULL)
				labels[k++] = n->members[i].group;
			if (out->extra[i] != NULL)
				labels[k++] = out->extra[i];
		}
		ivalue_mark_used(lines, nlines, labels, k, out->used);
		free(labels);
		ivalue_joined_fini(&j);
		return;
	}
	case IVALUE_ELSEWHERE:
		return;
	}
}

/* Read a flag from a section heading's region (see ivalue.h). */
bool
ivalue_flag(const struct fdef_node *n, const struct ivalue_line *lines,
            size_t nlines, bool *checked, bool *used)
{
	struct ivalue_joined j;
	char *labels[1] = {n->label};
	size_t nhits, from;
	struct ivalue_hit *hits;
	bool found = false;

	*checked = false;
	ivalue_join(lines, nlines, &j);
	hits = ivalue_find(&j, labels, 1, &nhits);
	for (size_t i = 0; i < nhits && !found; i++) {
		int mark = ivalue_mark_before(j.s, hits[i].off, &from);

		if (mark < 0)
			continue;
		found = true;
		*checked = mark == 1;
		used[ivalue_line_of(&j, hits[i].off)] = true;
	}
	free(hits);
	ivalue_joined_fini(&j);
	return found;
}

/* Read the ( n ) 件 count after a choice's options (see ivalue.h). */
bool
ivalue_count_after(const struct ivalue_line *lines, size_t nlines, char **out)
{
	struct ivalue_joined j;
	const char *p;
	bool ok = true;

	*out = NULL;
	ivalue_join(lines, nlines, &j);
	for (p = strstr(j.s, "件"); p != NULL; p = strstr(p + 1, "件")) {
		size_t at, open;
		uint32_t cp = ivalue_prev_cp(j.s, (size_t)(p - j.s), &at);
		char *text;
		bool count;

		if (cp != ')' && cp != 0xFF09)
			continue;
		/* Walk back to the ( and read the number inside. */
		open = at;
		while (open > 0 && j.s[open] != '(' &&
		       strncmp(j.s + open, "\xef\xbc\x88", 3) != 0)
			open = utf8_prev(j.s, open);
		ivalue_paren_after(j.s, open, &text, &count);
		if (text == NULL)
			continue;
		if (text[0] != '\0') {
			char *d = jtext_nfkc(text), *end;
			long v = strtol(d, &end, 10);

			if (end != d && *end == '\0' && v >= 0)
				*out = xasprintf("%ld", v);
			else
				ok = false;
			free(d);
		}
		free(text);
		break;
	}
	ivalue_joined_fini(&j);
	return ok;
}

/* Release what ivalue_read() stored. */
void
ivalue_fini(struct ivalue *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	for (size_t i = 0; i < v->nextra; i++)
		free(v->extra[i]);
	free(v->extra);
	free(v->reason);
	free(v->used);
	memset(v, 0, sizeof *v);
}
