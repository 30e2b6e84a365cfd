#include <config.h>
#include "ibox.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* The largest coordinate or size taken (points); beyond it a run is
 * garbage. */
#define IBOX_FAR 1e6

/* Return |x|. No memory. */
static double
ibox_abs(double x)
{
	return x < 0 ? -x : x;
}

/* Return x in whole half points, rounded. No memory. */
static long
ibox_half(double x)
{
	return (long)(x * 2 + (x < 0 ? -0.5 : 0.5));
}

/* One text run of the XML. */
struct ibox_run {
	int page;
	double top, left, right, height;
	char *text; /* entities undone, tags dropped */
};

/* Read the number of attribute name (with its opening quote: `top="`) in
 * the tag (n bytes) into *v; false when it is not there or no number. No
 * memory. */
static bool
ibox_attr(const char *tag, size_t n, const char *name, double *v)
{
	size_t k = strlen(name);
	char num[64], *end;

	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;

		if (memcmp(tag + i, name, k) != 0 ||
		    (i > 0 && tag[i - 1] != ' '))
			continue;
		i += k;
		while (i + j < n && j + 1 < sizeof num && tag[i + j] != '"') {
			num[j] = tag[i + j];
			j++;
		}
		num[j] = '\0';
		*v = strtod(num, &end);
		return end != num && *end == '\0' && isfinite(*v) &&
		       ibox_abs(*v) < IBOX_FAR;
	}
	return false;
}

/* Append the content of a text element (n bytes) to sb: tags dropped,
 * the entities of XML undone (an unknown one is kept as it is). */
static void
ibox_content(const char *s, size_t n, struct sbuf *sb)
{
	static const struct {
		const char *name;
		char c;
	} ent[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
	           {"&quot;", '"'}, {"&apos;", '\''}, {"&#39;", '\''},
	           {"&#160;", ' '}};

	for (size_t i = 0; i < n;) {
		bool done = false;

		if (s[i] == '<') {
			const char *gt = memchr(s + i, '>', n - i);

			i = gt != NULL ? (size_t)(gt - s) + 1 : n;
			continue;
		}
		for (size_t e = 0; s[i] == '&' && e < sizeof ent / sizeof *ent;
		     e++) {
			size_t k = strlen(ent[e].name);

			if (i + k <= n && memcmp(s + i, ent[e].name, k) == 0) {
				sbuf_addc(sb, ent[e].c);
				i += k;
				done = true;
				break;
			}
		}
		if (!done)
			sbuf_addc(sb, s[i++]);
	}
}

/* Read the text runs of the XML into a new array; *n their number.
 * Caller frees the array and the texts. */
static struct ibox_run *
ibox_runs(const char *xml, size_t len, size_t *n)
{
	size_t cap = 64;
	struct ibox_run *r = xcalloc(cap, sizeof *r);
	int page = 0;

	*n = 0;
	for (size_t i = 0; i < len;) {
		const char *lt = memchr(xml + i, '<', len - i), *gt, *close;
		size_t at, tag;
		struct sbuf sb;
		double top, left, width, height;

		if (lt == NULL)
			break;
		at = (size_t)(lt - xml);
		gt = memchr(lt, '>', len - at);
		if (gt == NULL)
			break;
		tag = (size_t)(gt - lt);
		i = at + tag + 1;
		if (tag >= 5 && memcmp(lt, "<page", 5) == 0 &&
		    (lt[5] == ' ' || lt[5] == '>')) {
			page++;
			continue;
		}
		if (tag < 6 || memcmp(lt, "<text ", 6) != 0 || page == 0)
			continue;
		close = memmem(xml + i, len - i, "</text>", 7);
		if (close == NULL)
			break;
		if (ibox_attr(lt, tag, "top=\"", &top) &&
		    ibox_attr(lt, tag, "left=\"", &left) &&
		    ibox_attr(lt, tag, "width=\"", &width) &&
		    ibox_attr(lt, tag, "height=\"", &height) && width >= 0 &&
		    height > 0) {
			sbuf_init(&sb);
			ibox_content(xml + i, (size_t)(close - (xml + i)), &sb);
			if (*n == cap) {
				cap *= 2;
				r = xreallocarray(r, cap, sizeof *r);
			}
			r[*n].page = page;
			r[*n].top = top;
			r[*n].left = left;
			r[*n].right = left + width;
			r[*n].height = height;
			r[*n].text = sbuf_detach(&sb);
			(*n)++;
		}
		i = (size_t)(close - xml) + 7;
	}
	return r;
}

/* Order runs by page, then from the left. No memory. */
static int
ibox_run_cmp(const void *a, const void *b)
{
	const struct ibox_run *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->left != y->left)
		return x->left < y->left ? -1 : 1;
	return x->top < y->top ? -1 : x->top > y->top;
}

/* Say whether run r continues printed line l, whose text ends with
 * blanks (of a quarter of the font size each): on its page, about on its
 * baseline, starting where l ends (a blank's width apart at most, or half
 * a letter back: a browser prints full-width punctuation next to each
 * other narrower; the blanks at l's end may be printed under r). No
 * memory. */
static bool
ibox_continues(const struct ibox_line *l, size_t blanks,
               const struct ibox_run *r)
{
	double mid = r->top + r->height / 2, lmid = (l->top + l->bottom) / 2;
	double h = r->height < l->em ? r->height : l->em;

	return l->page == r->page && ibox_abs(mid - lmid) < h / 2 &&
	       r->left >= l->right - h * 0.6 - (double)blanks * l->em / 4 &&
	       r->left - l->right <= h / 2;
}

/* Return the number of blanks (space, U+3000) s ends with; their bytes in
 * *bytes. No memory. */
static size_t
ibox_trailing_blanks(const char *s, size_t *bytes)
{
	size_t n = strlen(s), k = 0;

	*bytes = 0;
	for (;;) {
		if (n - *bytes >= 1 && s[n - *bytes - 1] == ' ')
			*bytes += 1;
		else if (n - *bytes >= 3 &&
		         memcmp(s + n - *bytes - 3, "\xe3\x80\x80", 3) == 0)
			*bytes += 3;
		else
			return k;
		k++;
	}
}

/* Return s folded as the importer folds the text of layout lines: the
 * radicals that fonts print for some ideographs (⺠ for 民) as those
 * ideographs (pdftotext does so, NFKC does it for the Kangxi radicals
 * only), then jtext_fold() with blanks dropped. Caller frees. */
static char *
ibox_key(const char *s)
{
	static const uint32_t radical[][2] = {
	        {0x2E9F, 0x6BCD}, {0x2EA0, 0x6C11}, {0x2EC4, 0x897F},
	        {0x2EC6, 0x89D2}, {0x2ED1, 0x9577}, {0x2ED8, 0x9752},
	        {0x2EDD, 0x98DF}, {0x2EE4, 0x9B3C}, {0x2EE8, 0x9EA6},
	        {0x2EE9, 0x9EC4}, {0x2EEB, 0x6589}, {0x2EED, 0x6B6F},
	        {0x2EEF, 0x7ADC}, {0x2EF2, 0x4E80}};
	size_t n = strlen(s);
	struct sbuf sb;
	char *key;

	sbuf_init(&sb);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp), r = 0;
		char u[4];

		while (r < sizeof radical / sizeof *radical &&
		       cp != radical[r][0])
			r++;
		if (r < sizeof radical / sizeof *radical)
			sbuf_add(&sb, u, utf8_encode(radical[r][1], u));
		else
			sbuf_add(&sb, s + i, k);
		i += k;
	}
	key = jtext_fold(sb.buf, JTEXT_DROP_BLANKS);
	sbuf_fini(&sb);
	return key;
}

/* Order lines by page, then key. No memory. */
static int
ibox_key_cmp(const void *a, const void *b)
{
	const struct ibox_line *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Where a line is, to sort lines without moving them. */
struct ibox_pos {
	int page;
	double left, top;
	size_t i; /* the line's index */
};

/* Order positions by left end, then index. No memory. */
static int
ibox_left_cmp(const void *a, const void *b)
{
	const struct ibox_pos *x = a, *y = b;

	if (x->left != y->left)
		return x->left < y->left ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Order positions by page, left end (in half points) and top. No
 * memory. */
static int
ibox_cell_cmp(const void *a, const void *b)
{
	const struct ibox_pos *x = a, *y = b;
	long xl = ibox_half(x->left), yl = ibox_half(y->left);

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (xl != yl)
		return xl < yl ? -1 : 1;
	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Return the positions of the lines of b sorted by cmp. Caller frees. */
static struct ibox_pos *
ibox_order(const struct ibox *b, int (*cmp)(const void *, const void *))
{
	struct ibox_pos *p = xcalloc(b->n + 1, sizeof *p);

	for (size_t i = 0; i < b->n; i++) {
		p[i].page = b->v[i].page;
		p[i].left = b->v[i].left;
		p[i].top = b->v[i].top;
		p[i].i = i;
	}
	qsort(p, b->n, sizeof *p, cmp);
	return p;
}

/* Order doubles, INFINITY last. No memory. */
static int
ibox_double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Return the bound most lines of p[0..n) have (a point apart is the
 * same), INFINITY among them. No memory. */
static double
ibox_usual_bound(const struct ibox_pos *p, size_t n, const double *bound)
{
	double *v = xcalloc(n + 1, sizeof *v), best = INFINITY;
	size_t most = 0;

	for (size_t i = 0; i < n; i++)
		v[i] = bound[p[i].i];
	qsort(v, n, sizeof *v, ibox_double_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && (v[j] == v[i] || v[j] - v[i] < 1))
			j++;
		if (j - i > most) {
			most = j - i;
			best = v[i];
		}
		i = j;
	}
	free(v);
	return best;
}

/* Set the edge of every line of b (see ibox.h) from bound[], per line the
 * left end of the nearest text printed to the right of its cell
 * (INFINITY: none): the farthest right end of the lines that start where
 * it starts, short of its bound; a cell with nothing beside it takes the
 * bound most lines of its column have (a table's cell continued on a page
 * of its own) unless a line of the cell goes beyond it (a cell as wide
 * as its table); widest[] is per line the farthest end of its cell. A line that
 * ends in a blank, or holds a full-width bracket (a browser may print it
 * narrower than its letters' widths, and so its end is not known), shows no
 * edge. */
static void
ibox_edges(struct ibox *b, const double *bound, const double *widest,
           const bool *unsure)
{
	struct ibox_pos *p = ibox_order(b, ibox_left_cmp);

	for (size_t a = 0; a < b->n;) {
		size_t z = a + 1;
		double usual;

		/* The lines that start where line a starts. */
		while (z < b->n && p[z].left - p[z - 1].left < 1)
			z++;
		usual = ibox_usual_bound(p + a, z - a, bound);
		for (size_t k = a; k < z; k++) {
			struct ibox_line *l = &b->v[p[k].i];
			double lim = bound[p[k].i], edge = l->right;

			/* A bound left of the line's end is not its cell's. */
			if (lim <= l->right)
				lim = INFINITY;
			if (isinf(lim) && usual > widest[p[k].i])
				lim = usual;
			for (size_t c = a; c < z; c++) {
				const struct ibox_line *m = &b->v[p[c].i];

				if (!m->blank_after && !unsure[p[c].i] &&
				    m->right > edge && m->right <= lim - 0.5)
					edge = m->right;
			}
			l->edge = edge;
			l->at_edge = 0;
			for (size_t c = a; c < z; c++) {
				const struct ibox_line *m = &b->v[p[c].i];

				l->at_edge += !m->blank_after &&
				              !unsure[p[c].i] &&
				              m->right <= edge &&
				              m->right >= edge - m->em / 20;
			}
		}
		a = z;
	}
	free(p);
}

/* Say whether s holds a full-width bracket. No memory. */
static bool
ibox_has_bracket(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if ((cp >= 0x3008 && cp <= 0x3011) || cp == 0x3014 ||
		    cp == 0x3015 || cp == 0xFF08 || cp == 0xFF09 ||
		    cp == 0xFF3B || cp == 0xFF3D || cp == 0xFF5B ||
		    cp == 0xFF5D)
			return true;
	}
	return false;
}

/* Return per line of b the left end of the nearest text printed to the
 * right of the lines of its cell (lines that start where it starts, one
 * below the other), INFINITY when there is none; store in widest[] (one
 * per line) the farthest right end of the lines of its cell. Caller
 * frees. */
static double *
ibox_bounds(const struct ibox *b, double *widest)
{
	double *own = xcalloc(b->n + 1, sizeof *own);
	double *cell = xcalloc(b->n + 1, sizeof *cell);
	struct ibox_pos *ix;
	size_t from = 0;

	/* Lines are in page order: look at the lines of the same page. */
	for (size_t i = 0; i < b->n; i++) {
		const struct ibox_line *l = &b->v[i];

		own[i] = INFINITY;
		for (size_t j = from; j < b->n && b->v[j].page <= l->page;
		     j++) {
			const struct ibox_line *m = &b->v[j];

			if (m->page == l->page && m->left > l->right - 0.5 &&
			    m->top < l->bottom && m->bottom > l->top &&
			    m->left < own[i])
				own[i] = m->left;
		}
		if (i + 1 < b->n && b->v[i + 1].page != l->page)
			from = i + 1;
	}
	ix = ibox_order(b, ibox_cell_cmp);
	for (size_t a = 0; a < b->n;) {
		size_t c = a + 1;
		double min = own[ix[a].i], far = 0;

		while (c < b->n) {
			const struct ibox_line *p = &b->v[ix[c - 1].i];
			const struct ibox_line *q = &b->v[ix[c].i];

			if (q->page != p->page ||
			    ibox_half(q->left) != ibox_half(p->left) ||
			    q->top - p->top > 1.7 * p->em)
				break;
			if (own[ix[c].i] < min)
				min = own[ix[c].i];
			c++;
		}
		for (size_t k = a; k < c; k++)
			cell[ix[k].i] = min;
		for (size_t k = a; k < c; k++)
			if (b->v[ix[k].i].right > far)
				far = b->v[ix[k].i].right;
		for (size_t k = a; k < c; k++)
			widest[ix[k].i] = far;
		a = c;
	}
	free(own);
	free(ix);
	return cell;
}

/* Where a printed line starts: its page and left end in half points. */
struct ibox_start {
	int page;
	long x;
};

/* Order starts by page, then from the left. No memory. */
static int
ibox_start_cmp(const void *a, const void *b)
{
	const struct ibox_start *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->x < y->x ? -1 : x->x > y->x;
}

/* Return how many of the n starts s (sorted) are on page at x, give or
 * take half a point. No memory. */
static size_t
ibox_starts_at(const struct ibox_start *s, size_t n, int page, long x)
{
	size_t lo = 0, hi = n, k = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].page < page ||
		    (s[mid].page == page && s[mid].x < x - 1))
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + k < n && s[lo + k].page == page && s[lo + k].x <= x + 1)
		k++;
	return k;
}

/* Join the runs r[0..nr) (sorted by ibox_run_cmp) into the printed lines
 * of b, their texts in text[] (the runs' texts are borrowed). With the
 * starts st[0..ns) of lines joined before, a run is not joined to a line
 * when it starts apart from it where three lines of its page or more
 * start (the left edge of the next cell of a table: its cells are printed
 * from the same place, the text of one never reaches into the next). */
static void
ibox_join(const struct ibox_run *r, size_t nr, struct ibox *b,
          struct sbuf *text, const struct ibox_start *st, size_t ns)
{
	b->n = 0;
	for (size_t i = 0; i < nr; i++) {
		struct ibox_line *l = NULL;
		struct sbuf *sb;
		size_t bytes, blanks;

		/* The line it continues: the nearest one on its page. */
		for (size_t k = b->n; k > 0 && b->v[k - 1].page == r[i].page;
		     k--)
			if (ibox_continues(&b->v[k - 1],
			                   ibox_trailing_blanks(text[k - 1].buf,
			                                        &bytes),
			                   &r[i])) {
				l = &b->v[k - 1];
				break;
			}
		if (l != NULL && ns > 0 && r[i].left - l->right >= l->em / 8 &&
		    ibox_starts_at(st, ns, r[i].page, ibox_half(r[i].left)) >=
		            3)
			l = NULL;
		if (l == NULL) {
			l = &b->v[b->n];
			memset(l, 0, sizeof *l);
			sbuf_init(&text[b->n++]);
			l->page = r[i].page;
			l->top = r[i].top;
			l->bottom = r[i].top + r[i].height;
			l->left = r[i].left;
			l->em = r[i].height;
		}
		/* Blanks at the line's end that the run is printed over are
		 * none. */
		sb = &text[l - b->v];
		blanks =
		        sb->len > 0 ? ibox_trailing_blanks(sb->buf, &bytes) : 0;
		if (blanks > 0 && r[i].left < l->right - l->em / 8) {
			l->right -= (double)blanks * l->em / 4;
			sb->len -= bytes;
			sb->buf[sb->len] = '\0';
		}
		/* A gap of a fifth of the font size or more is a blank. */
		if (sb->len > 0 && r[i].left - l->right >= l->em / 5)
			sbuf_addc(sb, ' ');
		sbuf_adds(sb, r[i].text);
		l->right = r[i].right;
		if (r[i].top < l->top)
			l->top = r[i].top;
		if (r[i].top + r[i].height > l->bottom)
			l->bottom = r[i].top + r[i].height;
	}
}

/* Read the XML of pdftohtml into printed lines (see ibox.h): the runs
 * joined once to find where lines start, and again apart at the cells
 * those starts show. */
void
ibox_parse(const char *xml, size_t len, struct ibox *b)
{
	size_t nr = 0;
	struct ibox_run *r = ibox_runs(xml, len, &nr);
	struct sbuf *text = xcalloc(nr + 1, sizeof *text);
	bool *unsure = xcalloc(nr + 1, sizeof *unsure);
	double *bound, *widest = xcalloc(nr + 1, sizeof *widest);
	struct ibox_start *st;
	size_t ns;

	b->v = xcalloc(nr + 1, sizeof *b->v);
	qsort(r, nr, sizeof *r, ibox_run_cmp);
	ibox_join(r, nr, b, text, NULL, 0);
	ns = b->n;
	st = xcalloc(ns + 1, sizeof *st);
	for (size_t i = 0; i < ns; i++) {
		st[i].page = b->v[i].page;
		st[i].x = ibox_half(b->v[i].left);
		sbuf_fini(&text[i]);
	}
	qsort(st, ns, sizeof *st, ibox_start_cmp);
	ibox_join(r, nr, b, text, st, ns);
	free(st);
	for (size_t i = 0; i < nr; i++)
		free(r[i].text);
	free(r);
	for (size_t i = 0; i < b->n; i++) {
		struct ibox_line *l = &b->v[i];
		size_t bytes,
		        blanks = ibox_trailing_blanks(text[i].buf, &bytes);

		/* A blank is about a quarter of the font size wide. */
		l->blank_after = blanks > 0 && bytes < text[i].len;
		l->right -= (double)blanks * l->em / 4;
		l->key = ibox_key(text[i].buf);
		unsure[i] = ibox_has_bracket(text[i].buf);
		l->text = sbuf_detach(&text[i]);
	}
	free(text);
	bound = ibox_bounds(b, widest);
	ibox_edges(b, bound, widest, unsure);
	free(bound);
	free(widest);
	free(unsure);
	qsort(b->v, b->n, sizeof *b->v, ibox_key_cmp);
}

/* Find the lines of page with key (see ibox.h). */
size_t
ibox_find(const struct ibox *b, int page, const char *key,
          const struct ibox_line **first)
{
	size_t lo = 0, hi = b->n, n = 0;

	*first = NULL;
	if (b->n == 0 || key[0] == '\0')
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ibox_line *m = &b->v[mid];
		int c = m->page != page ? (m->page < page ? -1 : 1)
		                        : strcmp(m->key, key);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + n < b->n && b->v[lo + n].page == page &&
	       strcmp(b->v[lo + n].key, key) == 0)
		n++;
	if (n > 0)
		*first = &b->v[lo];
	return n;
}

/* Find the line of page whose key ends with key (see ibox.h). */
const struct ibox_line *
ibox_find_end(const struct ibox *b, int page, const char *key)
{
	size_t lo = 0, hi = b->n, n = strlen(key);
	const struct ibox_line *found = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->v[mid].page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; n > 0 && lo < b->n && b->v[lo].page == page; lo++) {
		size_t kn = strlen(b->v[lo].key);

		if (kn < n || strcmp(b->v[lo].key + kn - n, key) != 0)
			continue;
		if (found != NULL)
			return NULL;
		found = &b->v[lo];
	}
	return found;
}

/* Return the number of code points of s that are not blanks. No memory. */
static size_t
ibox_letters(const char *s)
{
	size_t n = strlen(s), k = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		k += !jtext_is_blank(cp);
	}
	return k;
}

/* Return s with the blanks of l's text (see ibox.h). */
char *
ibox_blanks(const struct ibox_line *l, const char *s)
{
	const char *t = l->text;
	size_t n = strlen(s), tn = strlen(t), j = 0;
	bool blank = false;
	struct sbuf sb;

	if (ibox_letters(s) != ibox_letters(t))
		return NULL;
	sbuf_init(&sb);
	for (size_t i = 0; i < n;) {
		uint32_t cp, tc = 0;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (jtext_is_blank(cp)) {
			i += k;
			continue;
		}
		/* Step over the blanks of the line's text before its letter
		 * for this one, and over that letter. */
		while (j < tn) {
			size_t m = utf8_decode(t + j, tn - j, &tc);

			j += m;
			if (!jtext_is_blank(tc))
				break;
			blank = true;
		}
		if (blank && sb.len > 0)
			sbuf_addc(&sb, ' ');
		blank = false;
		sbuf_add(&sb, s + i, k);
		i += k;
	}
	return sbuf_detach(&sb);
}

/* Add the piece s[0..n) of a cell, printed as line l, to sb with l's
 * blanks (ibox_blanks). */
static void
ibox_add_mended(const struct ibox_line *l, const char *s, size_t n,
                struct sbuf *sb)
{
	char *cell = xstrndup(s, n), *fixed = ibox_blanks(l, cell);

	sbuf_adds(sb, fixed != NULL ? fixed : cell);
	free(fixed);
	free(cell);
}

/* How many tries ibox_pieces() makes for one cell at most (a text printed
 * many times on a row would otherwise be tried in every order). */
#define IBOX_TRIES 64

/* Find the printed lines that s[p..n) is, one after the other on row's
 * line from its right (any line for the first when row is NULL): the
 * longest run of words first, in *tries tries at most. Appends them to
 * *piece with the bytes of s each takes; false when the words are not
 * such lines. */
static bool
ibox_pieces(const struct ibox *b, int page, const char *s, size_t n, size_t p,
            const struct ibox_line *row, const struct ibox_line ***piece,
            size_t **to, size_t *np, size_t *tries)
{
	if (*tries == 0)
		return false;
	(*tries)--;
	for (size_t e = n; e > p; e--) {
		char *cell, *key;
		const struct ibox_line *l;
		size_t k, keep = *np;

		if (e < n && s[e] != ' ')
			continue;
		cell = xstrndup(s + p, e - p);
		key = jtext_fold(cell, JTEXT_DROP_BLANKS);
		k = ibox_find(b, page, key, &l);
		free(key);
		free(cell);
		for (size_t i = 0; i < k; i++) {
			if (row != NULL &&
			    (ibox_abs(l[i].top - row->top) >= row->em / 2 ||
			     l[i].left < row->right))
				continue;
			*piece = xreallocarray(*piece, *np + 1, sizeof **piece);
			*to = xreallocarray(*to, *np + 1, sizeof **to);
			(*piece)[*np] = &l[i];
			(*to)[(*np)++] = e;
			if (e == n || ibox_pieces(b, page, s, n, e + 1, &l[i],
			                          piece, to, np, tries))
				return true;
			*np = keep;
		}
	}
	return false;
}

/* Add the cell s (n bytes) to sb split where it is two printed lines or
 * more of one row, one blank apart in the layout text (the cells of a
 * table printed close together): two blanks between them. False, with
 * nothing added, when its words are not such lines. */
static bool
ibox_split(const struct ibox *b, int page, const char *s, size_t n,
           struct sbuf *sb)
{
	const struct ibox_line **piece = NULL;
	size_t *to = NULL, np = 0;
	size_t tries = IBOX_TRIES;
	bool ok =
	        ibox_pieces(b, page, s, n, 0, NULL, &piece, &to, &np, &tries) &&
	        np >= 2;

	for (size_t k = 0; ok && k < np; k++) {
		size_t from = k > 0 ? to[k - 1] + 1 : 0;

		if (k > 0)
			sbuf_adds(sb, "  ");
		ibox_add_mended(piece[k], s + from, to[k] - from, sb);
	}
	free(piece);
	free(to);
	return ok;
}

/* Say whether the cell s is printed on page as one line, or as lines of
 * one row (see ibox.h). */
bool
ibox_confirms(const struct ibox *b, int page, const char *s)
{
	char *key = jtext_fold(s, JTEXT_DROP_BLANKS);
	const struct ibox_line *l, **piece = NULL;
	size_t *to = NULL, np = 0, tries = IBOX_TRIES;
	bool ok = ibox_find(b, page, key, &l) > 0 ||
	          ibox_pieces(b, page, s, strlen(s), 0, NULL, &piece, &to, &np,
	                      &tries);

	free(piece);
	free(to);
	free(key);
	return ok;
}

/* Add the cell s (n bytes, no run of two blanks) of a line of page of the
 * layout text to sb, mended by b (see ibox_layout). */
static void
ibox_mend(const struct ibox *b, int page, const char *s, size_t n,
          struct sbuf *sb)
{
	char *cell = xstrndup(s, n), *key = jtext_fold(cell, JTEXT_DROP_BLANKS);
	const struct ibox_line *l;
	char *fixed;

	if (ibox_find(b, page, key, &l) != 1) {
		if (!ibox_split(b, page, s, n, sb))
			sbuf_add(sb, s, n);
	} else if ((fixed = ibox_blanks(l, cell)) != NULL) {
		/* The same width: the blanks it loses go after it. */
		size_t len = strlen(fixed);

		sbuf_adds(sb, fixed);
		for (; len < n; len++)
			sbuf_addc(sb, ' ');
		free(fixed);
	} else {
		sbuf_add(sb, s, n);
	}
	free(key);
	free(cell);
}

/* Return the layout text (see ibox.h). */
char *
ibox_layout(const struct ibox *b, const char *text, size_t len, size_t *newlen)
{
	struct sbuf sb;
	int page = 1;

	sbuf_init(&sb);
	for (size_t i = 0; i < len;) {
		size_t j = i, at;

		if (text[i] == '\f' || text[i] == '\n' || text[i] == ' ') {
			page += text[i] == '\f';
			sbuf_addc(&sb, text[i++]);
			continue;
		}
		/* A cell: up to a run of two blanks or the line's end. */
		while (j < len && text[j] != '\n' && text[j] != '\f' &&
		       !(text[j] == ' ' && j + 1 < len && text[j + 1] == ' '))
			j++;
		while (j > i && text[j - 1] == ' ')
			j--;
		at = sb.len;
		ibox_mend(b, page, text + i, j - i, &sb);
		/* A cell that grew takes its blanks from the run after it,
		 * so that the cells after it keep their columns. */
		for (size_t grown = sb.len - at;
		     grown > j - i && j + 2 < len && text[j] == ' ' &&
		     text[j + 1] == ' ' && text[j + 2] == ' ';
		     grown--)
			j++;
		i = j;
	}
	*newlen = sb.len;
	return sbuf_detach(&sb);
}

/* Decide how a line ends (see ibox.h). The edge is the farthest end of
 * the column's lines, a little short of the real one: a line that ends
 * there itself may have had more room than the gap. Widths are measured
 * to a twentieth of the font size. */
enum ibox_end
ibox_decide(double gap, double unit, double em, bool blank_after, bool widest)
{
	if (blank_after)
		return IBOX_WRAP_BLANK;
	if (gap > unit + em / 20)
		return IBOX_BREAK;
	if (gap < unit - em / 20 && !widest)
		return IBOX_WRAP;
	return IBOX_UNSURE;
}

/* Release the lines of b. */
void
ibox_fini(struct ibox *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].key);
		free(b->v[i].text);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}
