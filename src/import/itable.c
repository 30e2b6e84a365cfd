#include <config.h>
#include "itable.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "iline.h"
#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Say whether s starts a blank run that separates cells at byte i: a tab,
 * or two blanks or more. Store the run's length. No memory. */
static bool
itable_gap(const char *s, size_t i, size_t *len)
{
	size_t j = i, blanks = 0;

	if (s[i] == '\t') {
		*len = 1;
		return true;
	}
	while (s[j] == ' ' || strncmp(s + j, "\xe3\x80\x80", 3) == 0) {
		j += s[j] == ' ' ? 1 : 3;
		blanks++;
	}
	*len = j - i;
	return blanks >= 2;
}

/* Split a line into its cells (see itable.h). */
char **
itable_cells(const char *line, bool words, size_t *n, int **col)
{
	char **cells = NULL;
	int *cols = NULL;
	size_t k = 0, len = strlen(line), i = 0;
	int x = 0;

	while (i < len) {
		size_t gap, start;
		int startx;

		while (i < len &&
		       (line[i] == ' ' || line[i] == '\t' || line[i] == '\n' ||
		        strncmp(line + i, "\xe3\x80\x80", 3) == 0)) {
			x++;
			i += line[i] == ' ' || line[i] == '\t' ||
			                     line[i] == '\n'
			             ? 1
			             : 3;
		}
		if (i >= len)
			break;
		start = i;
		startx = x;
		while (i < len && !itable_gap(line, i, &gap) &&
		       line[i] != '\n' && !(words && line[i] == ' ')) {
			uint32_t cp;

			i += utf8_decode(line + i, len - i, &cp);
			x++;
		}
		cells = xreallocarray(cells, k + 1, sizeof *cells);
		cols = xreallocarray(cols, k + 1, sizeof *cols);
		cells[k] = xstrndup(line + start, i - start);
		/* A cell ends with no blank. */
		while (cells[k][0] != '\0' &&
		       cells[k][strlen(cells[k]) - 1] == ' ')
			cells[k][strlen(cells[k]) - 1] = '\0';
		cols[k] = startx;
		k++;
	}
	*n = k;
	*col = cols;
	return cells;
}

/* Return the number of characters of s. No memory. */
static int
itable_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

/* Set the columns of a header whose n labels start at col[] and are
 * wide[] characters wide (its centres and starts, no evidence yet). */
static void
itable_cols_init(struct itable_cols *k, const int *col, const int *wide,
                 size_t n)
{
	memset(k, 0, sizeof *k);
	k->n = n;
	k->center = xcalloc(n + 1, sizeof *k->center);
	k->start = xcalloc(n + 1, sizeof *k->start);
	k->total = xcalloc(n + 1, sizeof *k->total);
	for (size_t c = 0; c < n; c++) {
		k->start[c] = col[c];
		k->center[c] = col[c] + wide[c] / 2;
	}
}

/* Set the columns of a one-line header (see itable.h). */
void
itable_cols_set(struct itable_cols *k, char *const *cells, const int *col,
                size_t n)
{
	int *wide = xcalloc(n + 1, sizeof *wide);

	for (size_t c = 0; c < n; c++)
		wide[c] = itable_chars(cells[c]);
	itable_cols_init(k, col, wide, n);
	free(wide);
}

/* Return the first column whose label is centred at or right of x (the
 * last column when none is). No memory. */
static size_t
itable_by_center(int x, const struct itable_cols *k)
{
	size_t c = 0;

	while (c + 1 < k->n && k->center[c] < x)
		c++;
	return c;
}

/* Count one at x of column c in histogram *h, k->starts or k->ends (both
 * k->n rows of k->width, widened together as needed). */
static void
itable_count(struct itable_cols *k, unsigned **h, size_t c, int x)
{
	if (x < 0 || x >= ITABLE_WIDEST || c >= k->n)
		return;
	if ((size_t)x >= k->width) {
		size_t w = (size_t)x + 64;
		unsigned *a = xcalloc(k->n * w, sizeof *a);
		unsigned *b = xcalloc(k->n * w, sizeof *b);

		for (size_t m = 0; m < k->n && k->width > 0; m++) {
			memcpy(a + m * w, k->starts + m * k->width,
			       k->width * sizeof *a);
			memcpy(b + m * w, k->ends + m * k->width,
			       k->width * sizeof *b);
		}
		free(k->starts);
		free(k->ends);
		k->starts = a;
		k->ends = b;
		k->width = w;
	}
	(*h)[c * k->width + (size_t)x]++;
}

/* Count where the cells of line start and end (see itable.h). */
void
itable_cols_add(struct itable_cols *k, const char *line)
{
	size_t n;
	int *x;
	char **cells = itable_cells(line, false, &n, &x);

	for (size_t i = 0; i < n; i++) {
		size_t c = itable_by_center(x[i], k);

		if (k->n > 0) {
			k->total[c]++;
			itable_count(k, &k->starts, c, x[i]);
			itable_count(k, &k->ends, c,
			             x[i] + itable_chars(cells[i]));
		}
		free(cells[i]);
	}
	free(cells);
	free(x);
}

/* Return where the cells of column c start on most lines (see itable.h).
 */
int
itable_edge(const struct itable_cols *k, size_t c)
{
	unsigned most = 0;
	int at = -1;

	for (size_t x = 0; x < k->width; x++)
		if (k->starts[c * k->width + x] > most) {
			most = k->starts[c * k->width + x];
			at = (int)x;
		}
	return most >= 2 && most * 4 >= k->total[c] ? at : -1;
}

/* Return where the cells of column c end on the median (the column after
 * their last character), or -1. No memory. */
static int
itable_end(const struct itable_cols *k, size_t c)
{
	unsigned seen = 0;

	for (size_t x = 0; x < k->width; x++) {
		seen += k->ends[c * k->width + x];
		if (seen * 2 >= k->total[c] && seen > 0)
			return (int)x;
	}
	return -1;
}

/* Release what the columns hold. */
void
itable_cols_fini(struct itable_cols *k)
{
	free(k->center);
	free(k->start);
	free(k->starts);
	free(k->ends);
	free(k->total);
	memset(k, 0, sizeof *k);
}

/* Return where column c ends: as far right of its label's centre as its
 * cells start left of it, or when that is not known right of where they
 * end on the median; -1 when neither is known. No memory. */
static int
itable_right(const struct itable_cols *k, size_t c)
{
	int left = itable_edge(k, c), end = itable_end(k, c);

	return left >= 0 ? 2 * k->center[c] - left : end >= 0 ? end + 1 : -1;
}

/* Return the column of a word that starts at x. A word that starts a cell
 * (after two blanks or more, prev: (size_t)-1) goes to the first column
 * whose label is centred at or right of x (a cell's text starts at the
 * left of its column, a label sits in its middle), moved to where the
 * cells of the columns start on most lines: left while x is left of where
 * those of its column start and inside the column before (itable_right),
 * right while x is where those of the next start. A word one blank after
 * a word of column prev stays in it, unless it is where the cells of the
 * next column start, or right of where prev ends (itable_right) and
 * under the label of a later column, not left of where its cells start.
 * No memory. */
static size_t
itable_place(int x, size_t prev, const struct itable_cols *k)
{
	size_t c;

	if (prev < k->n) {
		int next = prev + 1 < k->n ? itable_edge(k, prev + 1) : -1;
		int right = itable_right(k, prev);

		if (prev + 1 >= k->n)
			return prev;
		if (next >= 0 && x >= next - 1)
			return itable_place(x, (size_t)-1, k);
		c = itable_by_center(x, k);
		next = itable_edge(k, c);
		return right > 0 && x >= right && c > prev &&
		                       (next < 0 || x >= next - 1)
		               ? c
		               : prev;
	}
	c = itable_by_center(x, k);
	while (c > 0) {
		int left = itable_edge(k, c), before = itable_right(k, c - 1);

		if (left >= 0 && x < left - 1 && (before < 0 || x < before))
			c--;
		else
			break;
	}
	while (c + 1 < k->n) {
		int next = itable_edge(k, c + 1);

		if (next >= 0 && x >= next - 1)
			c++;
		else
			break;
	}
	return c;
}

/* Split a line of a table printed with a header row (see itable.h): by
 * tabs, or in layout text word by word, each word going to its column
 * (itable_place). */
char **
itable_split(const char *line, const struct itable_cols *k, int *at)
{
	size_t ncols = k->n;
	char **out = xcalloc(ncols + 1, sizeof *out);

	for (size_t c = 0; at != NULL && c < ncols; c++)
		at[c] = -1;
	if (strchr(line, '\t') != NULL) {
		const char *p = line;

		for (size_t c = 0; c < ncols; c++) {
			const char *tab = p ? strchr(p, '\t') : NULL;

			if (p == NULL)
				out[c] = xstrdup("");
			else if (tab == NULL || c + 1 == ncols)
				out[c] = xstrdup(p);
			else
				out[c] = xstrndup(p, (size_t)(tab - p));
			p = tab ? tab + 1 : NULL;
		}
	} else {
		size_t n;
		int *x;
		char **cells = itable_cells(line, true, &n, &x);
		struct sbuf *sb = xcalloc(ncols + 1, sizeof *sb);
		int end = -2;
		size_t col = (size_t)-1;

		for (size_t c = 0; c < ncols; c++)
			sbuf_init(&sb[c]);

		for (size_t i = 0; i < n; i++) {
			/* One blank after the word before: the same cell. */
			col = itable_place(
			        x[i], x[i] == end + 1 ? col : (size_t)-1, k);
			if (sb[col].len > 0)
				sbuf_addc(&sb[col], ' ');
			else if (at != NULL)
				at[col] = x[i];
			sbuf_adds(&sb[col], cells[i]);
			end = x[i] + itable_chars(cells[i]);
			free(cells[i]);
		}
		for (size_t c = 0; c < ncols; c++)
			out[c] = sbuf_detach(&sb[c]);
		free(sb);
		free(cells);
		free(x);
	}
	return out;
}

/* Join a header row printed over several lines (see itable.h). */
char **
itable_header(const char *const *lines, size_t nlines, bool words,
              struct itable_cols *k)
{
	int *col, *wide;
	size_t n;
	char **cells = itable_cells(lines[0], words, &n, &col);

	wide = xcalloc(n + 1, sizeof *wide);
	for (size_t c = 0; c < n; c++)
		wide[c] = itable_chars(cells[c]);
	for (size_t i = 1; i < nlines; i++) {
		size_t nm;
		int *x;
		char **more = itable_cells(lines[i], words, &nm, &x);

		for (size_t m = 0; m < nm; m++) {
			size_t c = 0;

			while (c < n && !(x[m] >= col[c] - 2 &&
			                  x[m] <= col[c] + wide[c] + 1))
				c++;
			if (c < n) {
				char *j = xasprintf("%s%s", cells[c], more[m]);

				free(cells[c]);
				cells[c] = j;
				if (itable_chars(more[m]) > wide[c])
					wide[c] = itable_chars(more[m]);
			}
			free(more[m]);
		}
		free(more);
		free(x);
	}
	itable_cols_init(k, col, wide, n);
	free(col);
	free(wide);
	return cells;
}

/* Fold s for comparing cells with labels. Caller frees. */
static char *
itable_fold(const char *s)
{
	return jtext_fold(s, JTEXT_DROP_BLANKS);
}

/* Return the column of n whose label is s (folded), or -1. No memory. */
static long
itable_column(const struct fdef_node *n, const char *s)
{
	char *f = itable_fold(s);
	long r = -1;

	for (size_t c = 0; c < n->ncolumns && r < 0; c++) {
		char *l = itable_fold(n->columns[c].label);

		if (f[0] != '\0' && strcmp(f, l) == 0)
			r = (long)c;
		free(l);
	}
	free(f);
	return r;
}

/* Say whether s is a whole number (digits of any width). No memory. */
static bool
itable_is_number(const char *s)
{
	char *f = jtext_fold(s, JTEXT_DROP_BLANKS);
	bool num = f[0] != '\0';

	for (char *p = f; *p; p++)
		num &= *p >= '0' && *p <= '9';
	free(f);
	return num;
}

/* Add an empty row to t (ncols cells of "") for file; return the index
 * of its first cell. */
static size_t
itable_row(struct itable_rows *t, size_t ncols, size_t file)
{
	size_t base = t->nrows * ncols;

	t->cells = xreallocarray(t->cells, base + ncols, sizeof *t->cells);
	t->file = xreallocarray(t->file, t->nrows + 1, sizeof *t->file);
	for (size_t c = 0; c < ncols; c++)
		t->cells[base + c] = xstrdup("");
	t->file[t->nrows++] = file;
	return base;
}

/* Set cell i of t to a copy of s. */
static void
itable_set(struct itable_rows *t, size_t i, const char *s)
{
	free(t->cells[i]);
	t->cells[i] = xstrdup(s);
}

/* Add a row of three parts (group, number, name) to t for file. The
 * group goes to the first column, the name to the last and the number to
 * the middle one (the order of 別添1: 区分, No., 項目名). */
static void
itable_add(struct itable_rows *t, size_t ncols, const char *group,
           const char *no, const char *name, size_t file)
{
	size_t base = itable_row(t, ncols, file);

	if (ncols >= 1)
		itable_set(t, base + ncols - 1, name);
	if (ncols >= 2)
		itable_set(t, base, group);
	if (ncols >= 3)
		itable_set(t, base + 1, no);
}

/* Read the rows of hyoka's text export: a header of column labels and
 * "  | " rows of tab-separated, escaped cells. */
static void
itable_verbatim(const struct fdef_node *n, const struct ivalue_line *lines,
                size_t nlines, struct itable_rows *t)
{
	long *map = xcalloc(n->ncolumns + 1, sizeof *map);
	size_t nmap = 0;

	for (size_t i = 0; i < nlines; i++) {
		const char *s = lines[i].text;
		char **cells;
		size_t nc = 0;

		if (strncmp(s, "  | ", 4) != 0) {
			size_t k;
			int *col;
			char **h = itable_cells(s, false, &k, &col);
			size_t found = 0;

			for (size_t c = 0; c < k; c++)
				found += itable_column(n, h[c]) >= 0;
			if (k > 0 && found == k) {
				nmap = k < n->ncolumns ? k : n->ncolumns;
				for (size_t c = 0; c < nmap; c++)
					map[c] = itable_column(n, h[c]);
				t->used[i] = true;
			}
			for (size_t c = 0; c < k; c++)
				free(h[c]);
			free(h);
			free(col);
			continue;
		}
		t->used[i] = true;
		cells = NULL;
		for (const char *p = s + 4; p != NULL;) {
			const char *tab = strchr(p, '\t');

			cells = xreallocarray(cells, nc + 1, sizeof *cells);
			cells[nc++] = tab ? xstrndup(p, (size_t)(tab - p))
			                  : xstrdup(p);
			p = tab ? tab + 1 : NULL;
		}
		{
			size_t base = itable_row(t, n->ncolumns, 0);

			for (size_t c = 0; c < nc; c++) {
				long to = nmap ? (c < nmap ? map[c] : -1)
				               : (long)c;

				iline_unescape(cells[c]);
				if (to >= 0 && (size_t)to < n->ncolumns)
					itable_set(t, base + (size_t)to,
					           cells[c]);
				free(cells[c]);
			}
		}
		free(cells);
	}
	free(map);
}

/* The cells of every line by tabs (empty cells kept). */
struct itable_grid {
	char ***cells;
	size_t *n;
};

/* Release the cells of the lines of a grid. */
static void
itable_grid_free(struct itable_grid *g, size_t nlines)
{
	for (size_t i = 0; i < nlines; i++) {
		for (size_t c = 0; c < g->n[i]; c++)
			free(g->cells[i][c]);
		free(g->cells[i]);
	}
	free(g->cells);
	free(g->n);
}

/* Read tables of No. and 項目名 printed side by side under 名称 rows. */
static bool
itable_grid(const struct fdef_node *n, const struct ivalue_line *lines,
            size_t nlines, struct itable_rows *t)
{
	struct itable_grid g;
	size_t width = 0, nblocks = 0, *block = NULL;
	long first_label = -1;
	bool any = false;

	g.cells = xcalloc(nlines + 1, sizeof *g.cells);
	g.n = xcalloc(nlines + 1, sizeof *g.n);
	for (size_t i = 0; i < nlines; i++) {
		const char *p = lines[i].text;

		while (p != NULL) {
			const char *tab = strchr(p, '\t');

			g.cells[i] = xreallocarray(g.cells[i], g.n[i] + 1,
			                           sizeof **g.cells);
			g.cells[i][g.n[i]++] =
			        tab ? xstrndup(p, (size_t)(tab - p))
			            : xstrdup(p);
			p = tab ? tab + 1 : NULL;
		}
		for (size_t c = 0; c < g.n[i]; c++) {
			char *s = g.cells[i][c];
			size_t a = 0, b = strlen(s);

			while (s[a] == ' ' || s[a] == '\n')
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
				b--;
			memmove(s, s + a, b - a);
			s[b - a] = '\0';
			for (char *q = s; *q; q++)
				if (*q == '\n')
					*q = ' ';
		}
	}
	/* The header: every non-empty cell a column label; the tables side
	 * by side start where the first label repeats. */
	for (size_t i = 0; i < nlines && nblocks == 0; i++) {
		size_t labels = 0, cells = 0;

		for (size_t c = 0; c < g.n[i]; c++)
			if (g.cells[i][c][0] != '\0') {
				cells++;
				labels += itable_column(n, g.cells[i][c]) >= 0;
			}
		if (cells < 2 || labels != cells)
			continue;
		for (size_t c = 0; c < g.n[i]; c++) {
			long col = itable_column(n, g.cells[i][c]);

			if (col < 0)
				continue;
			if (first_label < 0)
				first_label = col;
			if (col == first_label) {
				block = xreallocarray(block, nblocks + 1,
				                      sizeof *block);
				block[nblocks++] = c;
			} else if (nblocks == 1) {
				width = c - block[0] + 1;
			}
		}
	}
	if (nblocks == 0 || width < 2) {
		itable_grid_free(&g, nlines);
		free(block);
		return false;
	}
	for (size_t k = 0; k < nblocks; k++) {
		char *group = xstrdup("");

		for (size_t i = 0; i < nlines; i++) {
			size_t o = block[k];
			const char *c0 = o < g.n[i] ? g.cells[i][o] : "";
			const char *c1 =
			        o + 1 < g.n[i] ? g.cells[i][o + 1] : "";

			if (c0[0] == '\0' && c1[0] == '\0')
				continue;
			if (itable_column(n, c0) >= 0) {
				t->used[i] = true;
			} else if (itable_is_number(c0) && c1[0] != '\0') {
				itable_add(t, n->ncolumns, group, c0, c1, 0);
				t->used[i] = true;
				any = true;
			} else if (c0[0] != '\0' && c1[0] != '\0') {
				free(group);
				group = xstrdup(c1);
				t->used[i] = true;
			} else if (c0[0] == '\0' && c1[0] != '\0' && any) {
				itable_add(t, n->ncolumns, group, "", c1, 0);
				t->used[i] = true;
			}
		}
		free(group);
	}
	/* Titles above the tables (the file's name) belong to them. */
	for (size_t i = 0; i < nlines && !t->used[i]; i++)
		if (g.n[i] <= 1)
			t->used[i] = true;
	itable_grid_free(&g, nlines);
	free(block);
	return true;
}

/* If s is a group heading (<宛名>, ＜宛名＞, 【宛名】), return its name (new
 * string); else NULL. */
static char *
itable_group(const char *s)
{
	static const char *const pairs[][2] = {
	        {"<", ">"},
	        {"\xef\xbc\x9c", "\xef\xbc\x9e"}, /* ＜＞ */
	        {"\xe3\x80\x90", "\xe3\x80\x91"}, /* 【】 */
	        {"\xe3\x80\x88", "\xe3\x80\x89"}, /* 〈〉 */
	        {"[", "]"},
	};
	size_t len = strlen(s);

	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);

		if (len > a + b && strncmp(s, pairs[k][0], a) == 0 &&
		    strcmp(s + len - b, pairs[k][1]) == 0 &&
		    memchr(s + a, pairs[k][1][0], len - a - b) == NULL) {
			char *g = xstrndup(s + a, len - a - b);
			char *p = g, *e;

			while (*p == ' ')
				p++;
			e = p + strlen(p);
			while (e > p && e[-1] == ' ')
				e--;
			memmove(g, p, (size_t)(e - p));
			g[e - p] = '\0';
			return g;
		}
	}
	return NULL;
}

/* If s names a file as "k) name" or "k. name", return k; else 0. */
static size_t
itable_file_heading(const char *s)
{
	char *f = jtext_fold(s, 0);
	char *end;
	unsigned long k = strtoul(f, &end, 10);
	bool ok = end > f && (*end == ')' || *end == '.') && end[1] == ' ' &&
	          end[2] != '\0' && k > 0 && k < 1000 && f[0] != '-';

	free(f);
	return ok ? (size_t)k : 0;
}

/* Read items listed under group headings, one per line or several per
 * line separated by ・ or blanks. */
static void
itable_list(const struct fdef_node *n, const struct ivalue_line *lines,
            size_t nlines, struct itable_rows *t)
{
	char *group = NULL;
	size_t file = 0;
	bool blanks = false, any_group = false;

	for (size_t i = 0; i < nlines && !any_group; i++) {
		char *g = itable_group(lines[i].text);

		any_group = g != NULL;
		free(g);
	}
	for (size_t i = 0; i < nlines; i++) {
		const char *text = lines[i].text;
		char *g;
		size_t k;

		if ((k = itable_file_heading(text)) > 0) {
			file = k;
			t->used[i] = true;
			continue;
		}
		if ((g = itable_group(text)) != NULL) {
			free(group);
			group = g;
			t->used[i] = true;
			continue;
		}
		/* Lines above the first group heading name the file. */
		if (any_group && group == NULL) {
			t->used[i] = true;
			continue;
		}
		t->used[i] = true;
		for (const char *p = text; p != NULL;) {
			const char *nl = strchr(p, '\n');
			char *piece =
			        nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
			bool dots = strstr(piece, "・") != NULL;
			char *q = piece;

			p = nl ? nl + 1 : NULL;
			/* Items start with ・ or stand apart by blanks. */
			while (*q != '\0') {
				char *e;
				size_t len;

				while (*q == ' ' || *q == '\t' ||
				       strncmp(q, "・", 3) == 0 ||
				       strncmp(q, "\xe3\x80\x80", 3) == 0)
					q += *q == ' ' || *q == '\t' ? 1 : 3;
				if (*q == '\0')
					break;
				e = q;
				while (*e != '\0' &&
				       (dots ? strncmp(e, "・", 3) != 0
				             : (*e != ' ' && *e != '\t' &&
				                strncmp(e, "\xe3\x80\x80", 3) !=
				                        0)))
					e++;
				len = (size_t)(e - q);
				while (len > 0 && (q[len - 1] == ' ' ||
				                   q[len - 1] == '\t'))
					len--;
				if (len > 0) {
					char *item = xstrndup(q, len);

					if (!dots && *e != '\0')
						blanks = true;
					itable_add(t, n->ncolumns,
					           group ? group : "", "", item,
					           file);
					free(item);
				}
				q = e;
			}
			free(piece);
		}
	}
	if (blanks)
		t->reason =
		        xstrdup(_("the items were printed separated by "
		                  "blanks only; an item with a blank in its "
		                  "name may have been split"));
	free(group);
}

/* If lines[i] starts a header row of the columns of n (each cell a
 * column's label, the row perhaps printed over several lines up to a
 * blank one), return how many lines it takes, store its cells' columns of
 * n in *map (caller frees) and set *k (caller finalizes); else return 0.
 */
static size_t
itable_layout_header(const struct fdef_node *n, const struct ivalue_line *lines,
                     size_t nlines, size_t i, long **map, struct itable_cols *k)
{
	const char *texts[6];
	size_t m = 0, took = 0;

	*map = NULL;
	memset(k, 0, sizeof *k);
	for (; m < 6 && i + m < nlines && !iline_is_blank(lines[i + m].text);
	     m++)
		texts[m] = lines[i + m].text;
	for (size_t j = 1; j <= m && took == 0; j++) {
		char **cells = itable_header(texts, j, false, k);
		bool all = k->n >= 2;

		*map = xcalloc(k->n + 1, sizeof **map);
		for (size_t c = 0; c < k->n; c++) {
			(*map)[c] = itable_column(n, cells[c]);
			all = all && (*map)[c] >= 0;
			free(cells[c]);
		}
		free(cells);
		if (all) {
			took = j;
		} else {
			free(*map);
			*map = NULL;
			itable_cols_fini(k);
		}
	}
	return took;
}

/* Read a table printed with a header row of its column labels in layout
 * text: cells by the columns of the labels (itable_split); a line with
 * text in one column only continues the row above (a wrapped cell); the
 * header printed again on a later page is skipped. False when there is no
 * such header. */
static bool
itable_layout(const struct fdef_node *n, const struct ivalue_line *lines,
              size_t nlines, struct itable_rows *t)
{
	size_t h = nlines, ncols = n->ncolumns;
	size_t *took = xcalloc(nlines + 1, sizeof *took);
	long *map = NULL;
	struct itable_cols k;

	memset(&k, 0, sizeof k);
	for (size_t i = 0; i < nlines; i++) {
		long *m;
		struct itable_cols kk;

		took[i] = itable_layout_header(n, lines, nlines, i, &m, &kk);
		if (took[i] > 0 && h == nlines)
			h = i;
		free(m);
		itable_cols_fini(&kk);
	}
	if (h == nlines) {
		free(took);
		return false;
	}
	for (size_t i = 0; i < h; i++)
		t->used[i] = true;
	for (size_t i = h; i < nlines; i++) {
		char **cells;
		size_t filled = 0, base;

		if (took[i] > 0) {
			/* The header, perhaps again on a later page: the
			 * columns of the lines up to the next one. */
			free(map);
			itable_cols_fini(&k);
			itable_layout_header(n, lines, nlines, i, &map, &k);
			for (size_t j = i + took[i]; j < nlines && !took[j];
			     j++)
				itable_cols_add(&k, lines[j].text);
			for (size_t m = 0; m < took[i]; m++)
				t->used[i + m] = true;
			i += took[i] - 1;
			continue;
		}
		cells = itable_split(lines[i].text, &k, NULL);
		for (size_t c = 0; c < k.n; c++)
			filled += cells[c][0] != '\0';
		t->used[i] = true;
		if (filled >= 2 || (filled > 0 && t->nrows == 0))
			itable_row(t, ncols, 0); /* a new row */
		base = (t->nrows - 1) * ncols;
		for (size_t c = 0; c < k.n && t->nrows > 0; c++) {
			char **cell;

			if (cells[c][0] == '\0' || map[c] < 0)
				continue;
			cell = &t->cells[base + (size_t)map[c]];
			if ((*cell)[0] == '\0') {
				free(*cell);
				*cell = xstrdup(cells[c]);
			} else {
				char *joined =
				        xasprintf("%s%s", *cell, cells[c]);

				free(*cell);
				*cell = joined;
			}
		}
		for (size_t c = 0; c < k.n; c++)
			free(cells[c]);
		free(cells);
	}
	itable_cols_fini(&k);
	free(took);
	free(map);
	return true;
}

/* Return how many lines from i on (blank lines between them aside) are
 * the labels of columns of n one to a line, each at most once; their
 * columns go to map[] (n->ncolumns entries or more). No memory. */
static size_t
itable_label_run(const struct fdef_node *n, const struct ivalue_line *lines,
                 size_t nlines, size_t i, long *map, size_t *end)
{
	size_t k = 0;

	*end = i;
	for (; i < nlines && k < n->ncolumns; i++) {
		long c;
		bool again = false;

		if (iline_is_blank(lines[i].text))
			continue;
		c = itable_column(n, lines[i].text);
		for (size_t j = 0; j < k; j++)
			again |= map[j] == c;
		if (c < 0 || again)
			break;
		map[k++] = c;
		*end = i + 1;
	}
	return k;
}

/* Read a table extracted cell by cell (pdftotext without -layout): its
 * column labels one to a line, then each cell a paragraph (lines next to
 * each other in the source, up to a blank one), row by row. A cell left empty
 * is not printed at all, so the rows are read only when they fit: a whole
 * number under No. in every row, or, with no number printed, a group and a name
 * by turns with groups that repeat. Either way the reading is uncertain. False
 * when there is no such header. */
static bool
itable_stream(const struct fdef_node *n, const struct ivalue_line *lines,
              size_t nlines, struct itable_rows *t)
{
	long *map = xcalloc(n->ncolumns + 1, sizeof *map);
	size_t h = nlines, k = 0, end = 0, np = 0, m;
	char **para = xcalloc(nlines + 1, sizeof *para);
	long num = -1, grp = -1, name = -1;
	bool fit = false;

	for (size_t i = 0; i < nlines && h == nlines; i++)
		if ((k = itable_label_run(n, lines, nlines, i, map, &end)) >= 2)
			h = i;
	if (h == nlines || n->ncolumns != 3) {
		free(map);
		free(para);
		return false;
	}
	for (size_t j = 0; j < k; j++) {
		if (map[j] == 0)
			grp = (long)j;
		else if (map[j] == 1)
			num = (long)j;
		else
			name = (long)j;
	}
	for (size_t i = h; i < end; i++)
		t->used[i] = true;
	for (size_t i = end; i < nlines;) {
		long again[3];
		size_t e;
		struct sbuf sb;

		if (iline_is_blank(lines[i].text)) {
			i++;
			continue;
		}
		/* The labels again on a later page. */
		if (itable_label_run(n, lines, nlines, i, again, &e) == k) {
			for (; i < e; i++)
				t->used[i] = true;
			continue;
		}
		/* A paragraph: lines next to each other in the source. */
		sbuf_init(&sb);
		do {
			sbuf_adds(&sb,
			          lines[i].text + strspn(lines[i].text, " "));
			t->used[i++] = true;
		} while (i < nlines && !iline_is_blank(lines[i].text) &&
		         lines[i].no == lines[i - 1].no + 1);
		para[np++] = sbuf_detach(&sb);
	}
	/* Every column printed in every row, or all but No. */
	m = k;
	fit = num >= 0 && np % m == 0;
	for (size_t p = 0; fit && p < np; p++)
		if ((long)(p % m) == num)
			fit = itable_is_number(para[p]);
	if (!fit && grp >= 0 && name >= 0 && k == 3) {
		size_t groups = 0;

		m = 2;
		fit = np % m == 0 && np > 0;
		for (size_t p = 0; fit && p < np; p += 2) {
			bool seen = false;

			for (size_t q = 0; q < p && !seen; q += 2)
				seen = strcmp(para[q], para[p]) == 0;
			groups += !seen;
		}
		fit = fit && groups * 2 <= np / 2 + 1;
		num = -1;
		grp = grp < name ? 0 : 1;
		name = 1 - grp;
	}
	for (size_t p = 0; fit && p + m <= np; p += m) {
		const char *g = grp >= 0 ? para[p + (size_t)grp] : "";
		const char *no = num >= 0 ? para[p + (size_t)num] : "";

		itable_add(t, n->ncolumns, g, no, para[p + (size_t)name], 0);
	}
	if (!fit)
		for (size_t i = end; i < nlines; i++)
			t->used[i] = false;
	t->reason = xstrdup(
	        fit ? _("the table was extracted cell by cell, without its "
	                "columns (pdftotext without -layout?); check that "
	                "each row's cells are together")
	            : _("the table was extracted cell by cell, without its "
	                "columns, and its rows could not be told apart; "
	                "import the PDF itself or its pdftotext -layout "
	                "text"));
	for (size_t p = 0; p < np; p++)
		free(para[p]);
	free(para);
	free(map);
	return true;
}

/* Read the rows of a table item (see itable.h). */
void
itable_annex(const struct fdef_node *n, const struct ivalue_line *lines,
             size_t nlines, const struct ivalue_ctx *cx,
             struct itable_rows *out)
{
	memset(out, 0, sizeof *out);
	out->used = xcalloc(nlines + 1, sizeof *out->used);
	out->ncols = n->ncolumns;
	if (n->ncolumns == 0)
		return;
	if (cx->verbatim)
		itable_verbatim(n, lines, nlines, out);
	else if (!(cx->layout && itable_layout(n, lines, nlines, out)) &&
	         !itable_stream(n, lines, nlines, out) &&
	         !itable_grid(n, lines, nlines, out))
		itable_list(n, lines, nlines, out);
}

/* Release what itable_annex() stored. */
void
itable_fini(struct itable_rows *t)
{
	for (size_t i = 0; t->cells != NULL && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->file);
	free(t->used);
	free(t->reason);
	memset(t, 0, sizeof *t);
}
