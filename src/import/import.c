#include <config.h>
#include "import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "iline.h"
#include "itable.h"
#include "ivalue.h"
#include "jtext.h"
#include "name.h"
#include "resolve.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define IMP_FOLD   (JTEXT_KEEP_CIRCLED | JTEXT_DROP_BLANKS)
#define IMP_PREFIX 600 /* bytes of a line folded to find a label in it */

/* What a printed label stands for. */
enum imp_kind {
	IMP_DOC,     /* the form's title */
	IMP_VERSION, /* the mark of a form version */
	IMP_PART, /* the heading of a part: I 基本情報, III リスク対策 ... */
	IMP_SECTION, /* the heading of a section or of a list of blocks */
	IMP_BLOCK,   /* the name of a block: システム1, 委託事項2～5 */
	IMP_ITEM,    /* the label of an item */
	IMP_HEADING, /* a printed heading over items: 4. 個人番号の利用 ※,
	                ④使用の主体, 再委託, a risk statement */
};

/* Kinds of printed numbers: ①, (別添1), 1. or 1), II. */
enum imp_number {
	NUM_NONE,
	NUM_CIRCLED,
	NUM_PAREN,
	NUM_DOT,
	NUM_ROMAN,
};

/* A text of the form that can start a line of the source. */
struct imp_anchor {
	enum imp_kind kind;
	const struct fdef_node *node; /* NULL for the title and versions */
	size_t version;               /* IMP_VERSION */
	uint32_t *u;                  /* folded text */
	size_t n;
	bool numberless;       /* the label without its printed number */
	enum imp_number nkind; /* the kind of number it was printed with */
};

/* A label found at the start of a line. */
struct imp_match {
	const struct imp_anchor *a;
	size_t end; /* byte offset in the line where the label ends */
	long num;   /* IMP_BLOCK: the block's number */
	bool range; /* IMP_BLOCK: a group of blocks (システム2～5) */
	bool other; /* printed with another number (④ for ①) */
};

/* The kind of text being collected below a label. */
enum imp_region {
	R_NONE,
	R_ITEM,  /* an item's value */
	R_TITLE, /* a section heading and its flags */
	R_BLOCK, /* a block's name */
	R_OTHER, /* text that belongs to nothing (after a mark or a range) */
	R_ANNEX, /* the rows of a table item (別添1) */
	R_TABLE, /* the rows of a block table (別添2) */
};

/* What became of one item of one instance. */
struct imp_item {
	struct doc_group *g;
	const struct fdef_node *n;
	int first, last; /* source lines */
	char *reason;    /* doubt, or NULL */
	bool found;      /* its label (or heading, or block) was read */
	bool unmarked;   /* a checkbox set with no box marked */
};

/* The blocks of one repeat in one instance: the printed number of the
 * current block. */
struct imp_blocks {
	struct doc_group *holder;
	const struct fdef_node *rep;
	long cur;
};

/* A piece of a cell of a block table: one source line's part. */
struct imp_piece {
	char *text;
	int no, page, start, end; /* see struct ivalue_line */
};

/* A cell of a block table: its pieces, line by line. */
struct imp_cell {
	struct imp_piece *p;
	size_t n;
};

/* A line of a block table: read when the table closes, by the columns of
 * the header printed last before it. */
struct imp_tline {
	size_t line;
	const struct itable_cols *cols; /* borrowed from imp.tks */
	bool gap;                       /* a blank line comes before it */
	bool after; /* the first line after the header printed again */
};

/* One row of a block table being read. */
struct imp_row {
	struct imp_cell *cells;
	int first, last;
	const char *doubt; /* why its cells may be wrong (static), or NULL */
};

/* The widest line (display columns) whose width is counted. */
#define IMP_WIDEST 400

/* States of source lines. */
enum { LINE_UNREAD, LINE_MAPPED, LINE_LAYOUT };

/* The start of a line (its first bytes, up to IMP_PREFIX) folded as
 * labels are compared: each line is looked at for the form's version and
 * again for its label, and folded once. */
struct imp_fold {
	char *s; /* the bytes folded, or NULL for a free slot */
	size_t len, hash;
	uint32_t *u;
	size_t *map;
	size_t n;
};

/* An anchor (index k) filed under the first code point of its label. */
struct imp_first {
	uint32_t cp;
	size_t k;
};

struct imp {
	const struct fdef *fd;
	struct doc *d;
	struct import_result *r;
	struct ilines L;
	struct ivalue_ctx cx;
	unsigned char *state; /* per line */
	struct imp_anchor *an;
	size_t nan;
	size_t maxfold; /* longest anchor, in code points */
	size_t *end_id; /* per node id: the last id of its subtree */
	const struct fdef_node *parts; /* the repeat of parts (files) */
	char *head;       /* the part heading read last, folded (no blanks) */
	bool annex_again; /* the open 別添1's heading came again on a page */
	size_t file, nfiles;
	unsigned char *seen; /* [part node id * max files + file] */
	size_t cursor;       /* id of the node of the last label read */
	struct imp_blocks *bl;
	size_t nbl;
	struct imp_item *it;
	size_t nit;
	size_t *hash; /* open addressing over it: index + 1 */
	size_t hcap;
	struct imp_fold *fc; /* the starts of lines folded, by their bytes */
	size_t nfc, fccap;
	struct imp_first *first; /* the anchors by their first code point */
	char **lfold; /* per line: its text folded (JTEXT_DROP_BLANKS), made
	                 when first asked for, until the labels are read */
	/* The open region. */
	enum imp_region rk;
	const struct fdef_node *rnode;
	struct doc_group *rg;
	long rnum;
	char *rdoubt;
	struct ivalue_line *rl;
	size_t nrl, caprl;
	size_t *rli; /* source line index of each region line */
	/* R_TABLE */
	const struct fdef_node **tcols;
	struct itable_cols *tk; /* the columns of the header printed last */
	size_t ntcols;
	struct imp_row *rows;
	size_t nrows;
	bool raw;       /* pages without their layout (pdftotext, no -layout) */
	bool raw_split; /* the text item read last was split (raw) */
	bool tblock;    /* rows apart by blank lines (layout text) */
	bool tbreak;    /* the header was printed again (a page break) */
	struct imp_tline *tl; /* the table's lines, read when it closes */
	size_t ntl;
	struct itable_cols **tks; /* the columns of each printing */
	size_t ntks;
	/* Unmapped lines, in source order: index and reason. */
	struct imp_lost {
		size_t line;
		char *text;
		char *reason;
	} * lost;
	size_t nlost;
};

/* ----- anchors ----- */

/* Fold s as labels are compared. Caller frees; *n gets the length. */
static uint32_t *
imp_fold(const char *s, size_t *n)
{
	size_t *map;
	uint32_t *u = jtext_fold_map(s, strlen(s), IMP_FOLD, n, &map);

	free(map);
	return u;
}

/* Return the length of a printed number at the start of folded u: ①, 1.,
 * 1), (1), II, (別添1); 0 when there is none. *kind gets its kind. No
 * memory. */
static size_t
imp_number_len(const uint32_t *u, size_t n, enum imp_number *kind)
{
	size_t i = 0;

	*kind = NUM_NONE;
	if (n > 0 && jtext_circled(u[0]) != 0) {
		*kind = NUM_CIRCLED;
		return 1;
	}
	if (n > 0 && u[0] == '(') {
		size_t j = 1;

		while (j < n && j < 6 && u[j] != ')')
			j++;
		if (j < n && u[j] == ')' && j > 1) {
			*kind = NUM_PAREN;
			return j + 1;
		}
		return 0;
	}
	/* 別添1) whose ( an extraction moved away. */
	for (i = 0; i < n && i < 5 && u[i] > 0x7F; i++)
		;
	if (i > 0 && i + 1 < n && u[i] >= '0' && u[i] <= '9' &&
	    u[i + 1] == ')') {
		*kind = NUM_PAREN;
		return i + 2;
	}
	i = 0;
	while (i < n && u[i] >= '0' && u[i] <= '9')
		i++;
	if (i > 0 && i < n && (u[i] == '.' || u[i] == ')')) {
		*kind = NUM_DOT;
		return i + 1;
	}
	i = 0;
	while (i < n && (u[i] == 'i' || u[i] == 'v' || u[i] == 'x'))
		i++;
	if (i > 0 && i < n && u[i] > 0x7F) {
		*kind = NUM_ROMAN;
		return i;
	}
	return 0;
}

/* Add an anchor for text (folded), and one without its printed number
 * when allowed and long enough to be unmistakable. */
static void
imp_add_anchor(struct imp *im, enum imp_kind kind, const struct fdef_node *node,
               size_t version, const char *text, bool numberless)
{
	size_t n, skip;
	uint32_t *u = imp_fold(text, &n);
	struct imp_anchor *a;

	if (n == 0) {
		free(u);
		return;
	}
	im->an = xreallocarray(im->an, im->nan + 2, sizeof *im->an);
	a = &im->an[im->nan++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->node = node;
	a->version = version;
	a->u = u;
	a->n = n;
	if (n > im->maxfold)
		im->maxfold = n;
	skip = imp_number_len(u, n, &a->nkind);
	if (numberless && skip > 0 && n - skip >= 5) {
		struct imp_anchor *b = &im->an[im->nan++];

		*b = *a;
		b->u = xcalloc(n - skip + 1, sizeof *b->u);
		memcpy(b->u, u + skip, (n - skip) * sizeof *u);
		b->n = n - skip;
		b->numberless = true;
	}
}

/* Say whether repeat n holds parts (its items are all sections): its
 * instances have no printed name (特定個人情報ファイル). No memory. */
static bool
imp_is_parts(const struct fdef_node *n)
{
	if (n->kind != FDEF_REPEAT || n->nkids == 0)
		return false;
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->kind != FDEF_GROUP)
			return false;
	return true;
}

/* Say whether item n is printed after the options of the choice before
 * it (委託の有無's ( n ) 件). No memory. */
static bool
imp_count_after_choice(const struct fdef_node *n)
{
	return n->kind == FDEF_ITEM && n->type == FT_COUNT &&
	       n->companion_of == NULL && n->index > 0 &&
	       n->parent->kids[n->index - 1]->type == FT_CHOICE;
}

/* Say whether item n is the name of its block, printed in the block's
 * heading row (委託事項1 followed by its name): the form's name_item. */
static bool
imp_block_name(const struct fdef_node *n)
{
	return n->parent != NULL && n->parent->kind == FDEF_REPEAT &&
	       n->parent->name_item == n;
}

/* Say whether node n is a section holding a table item. No memory. */
static const struct fdef_node *
imp_table_of(const struct fdef_node *n)
{
	if (n->kind != FDEF_GROUP)
		return NULL;
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->kind == FDEF_ITEM &&
		    n->kids[i]->type == FT_TABLE)
			return n->kids[i];
	return NULL;
}

/* Say whether node n heads a part: a top-level section, or a section of
 * the repeat of parts. No memory. */
static bool
imp_is_part(const struct imp *im, const struct fdef_node *n)
{
	return n->parent == im->fd->root ||
	       (im->parts != NULL && n->parent == im->parts);
}

/* Order anchors by first code point, then index. */
static int
imp_first_cmp(const void *x, const void *y)
{
	const struct imp_first *a = x, *b = y;

	if (a->cp != b->cp)
		return a->cp < b->cp ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* File the anchors under the first code point of their labels (a label
 * matches a line only where the line has that code point). */
static void
imp_index_anchors(struct imp *im)
{
	free(im->first);
	im->first = xcalloc(im->nan + 1, sizeof *im->first);
	for (size_t k = 0; k < im->nan; k++) {
		im->first[k].cp = im->an[k].u[0];
		im->first[k].k = k;
	}
	qsort(im->first, im->nan, sizeof *im->first, imp_first_cmp);
}

/* The first entry of the anchors filed under cp; *hi gets the end of
 * them. No memory. */
static size_t
imp_first_range(const struct imp *im, uint32_t cp, size_t *hi)
{
	size_t lo = 0, top = im->nan, end;

	while (lo < top) {
		size_t mid = lo + (top - lo) / 2;

		if (im->first[mid].cp < cp)
			lo = mid + 1;
		else
			top = mid;
	}
	for (end = lo; end < im->nan && im->first[end].cp == cp; end++)
		;
	*hi = end;
	return lo;
}

/* Build the anchors from the form definition. */
static void
imp_build_anchors(struct imp *im)
{
	const struct fdef *fd = im->fd;

	imp_add_anchor(im, IMP_DOC, NULL, 0, fd->title ? fd->title : "", false);
	for (size_t v = 0; v < fd->nversions; v++)
		if (fd->versions[v].mark != NULL)
			imp_add_anchor(im, IMP_VERSION, NULL, v,
			               fd->versions[v].mark, false);
	for (size_t i = 0; i < fd->nall; i++) {
		const struct fdef_node *n = fd->all[i];

		if (n == fd->root || !fdef_in_version(n, im->d->version))
			continue;
		if (n->kind == FDEF_GROUP || n->kind == FDEF_REPEAT) {
			const char *t = n->title ? n->title : NULL;

			if (imp_is_parts(n))
				continue;
			if (t != NULL)
				imp_add_anchor(im,
				               imp_is_part(im, n) ? IMP_PART
				                                  : IMP_SECTION,
				               n, 0, t, true);
			if (n->kind == FDEF_REPEAT && n->instance_label) {
				char *pre = xstrdup(n->instance_label);
				char *star = strchr(pre, '*');

				if (star != NULL) {
					*star = '\0';
					imp_add_anchor(im, IMP_BLOCK, n, 0, pre,
					               false);
				}
				free(pre);
			}
			continue;
		}
		if (n->companion_of != NULL || n->type == FT_FLAG ||
		    n->type == FT_TABLE || imp_count_after_choice(n) ||
		    imp_block_name(n) || strchr(n->label, '*') != NULL)
			continue;
		imp_add_anchor(im, IMP_ITEM, n, 0, n->label, true);
	}
	for (size_t i = 0; i < fd->nheadings; i++) {
		const struct fdef_heading *h = fd->headings[i];

		if (h->first != NULL &&
		    fdef_in_version(h->first, im->d->version))
			imp_add_anchor(im, IMP_HEADING, h->first, 0, h->label,
			               true);
	}
	imp_index_anchors(im);
}

/* ----- items of instances ----- */

/* Return the record of item n of instance g, creating it. Borrowed. */
static struct imp_item *
imp_item(struct imp *im, struct doc_group *g, const struct fdef_node *n)
{
	size_t h, mask;

	if (im->nit * 2 >= im->hcap) {
		size_t cap = im->hcap ? im->hcap * 2 : 1024;

		free(im->hash);
		im->hash = xcalloc(cap, sizeof *im->hash);
		im->hcap = cap;
		for (size_t i = 0; i < im->nit; i++) {
			h = (((uintptr_t)im->it[i].g >> 4) * 31 +
			     im->it[i].n->id) &
			    (cap - 1);
			while (im->hash[h] != 0)
				h = (h + 1) & (cap - 1);
			im->hash[h] = i + 1;
		}
	}
	mask = im->hcap - 1;
	h = ((((uintptr_t)g >> 4) * 31) + n->id) & mask;
	while (im->hash[h] != 0) {
		struct imp_item *it = &im->it[im->hash[h] - 1];

		if (it->g == g && it->n == n)
			return it;
		h = (h + 1) & mask;
	}
	im->it = xreallocarray(im->it, im->nit + 1, sizeof *im->it);
	memset(&im->it[im->nit], 0, sizeof *im->it);
	im->it[im->nit].g = g;
	im->it[im->nit].n = n;
	im->hash[h] = ++im->nit;
	return &im->it[im->nit - 1];
}

/* Record a doubt about item n of g (the first reason stays). */
static void
imp_doubt(struct imp *im, struct doc_group *g, const struct fdef_node *n,
          const char *reason)
{
	struct imp_item *it = imp_item(im, g, n);

	if (it->reason == NULL)
		it->reason = xstrdup(reason);
}

/* Return the blocks of repeat rep in holder, creating them. Borrowed. */
static struct imp_blocks *
imp_blocks(struct imp *im, struct doc_group *holder,
           const struct fdef_node *rep)
{
	for (size_t i = 0; i < im->nbl; i++)
		if (im->bl[i].holder == holder && im->bl[i].rep == rep)
			return &im->bl[i];
	im->bl = xreallocarray(im->bl, im->nbl + 1, sizeof *im->bl);
	memset(&im->bl[im->nbl], 0, sizeof *im->bl);
	im->bl[im->nbl].holder = holder;
	im->bl[im->nbl].rep = rep;
	return &im->bl[im->nbl++];
}

/* Return the instance of repeat rep in holder for the current block (the
 * file for the repeat of parts), creating it when create; NULL when it
 * does not exist or the repeat is full. Borrowed. */
static struct doc_group *
imp_instance(struct imp *im, struct doc_group *holder,
             const struct fdef_node *rep, bool create)
{
	struct doc_slot *s = doc_slot(holder, rep);

	if (rep == im->parts) {
		while (create && s->ninst <= im->file &&
		       doc_add_instance(im->d, holder, rep, s->ninst, NULL))
			;
		return im->file < s->ninst ? s->inst[im->file] : NULL;
	}
	{
		/* Block n is instance n: blocks left out in print (システム3
		 * to 5 when only 1, 2 and 6 are printed) stay empty. */
		struct imp_blocks *b = imp_blocks(im, holder, rep);
		size_t want = b->cur > 0 ? (size_t)b->cur - 1 : 0;

		while (create && s->ninst <= want &&
		       doc_add_instance(im->d, holder, rep, s->ninst, NULL))
			;
		return want < s->ninst ? s->inst[want] : NULL;
	}
}

/* Return the instance that holds node n in the current blocks and file,
 * creating instances when create; NULL when there is none. Borrowed. */
static struct doc_group *
imp_holder(struct imp *im, const struct fdef_node *n, bool create)
{
	const struct fdef_node *chain[32];
	size_t k = 0;
	struct doc_group *g = im->d->root;

	for (const struct fdef_node *p = n->parent;
	     p && p != im->fd->root && k < 32; p = p->parent)
		chain[k++] = p;
	while (k > 0 && g != NULL) {
		const struct fdef_node *c = chain[--k];

		if (c->kind == FDEF_GROUP)
			g = doc_slot(g, c)->grp;
		else
			g = imp_instance(im, g, c, create);
	}
	return g;
}

/* Return the start of s (taken) on one line and at most 40 columns, with
 * … when it was cut. Caller frees. */
static char *
imp_excerpt(char *s)
{
	size_t len, used, fit;
	char *r;

	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	len = strlen(s);
	fit = utf8_fit(s, len, 40, &used);
	r = fit < len ? xasprintf("%.*s…", (int)fit, s) : xstrdup(s);
	free(s);
	return r;
}

/* Say whether item n is in a block of a repeat whose block name has not
 * been read (its items were printed without システム1 above them). */
static bool
imp_unnamed_block(struct imp *im, const struct fdef_node *n)
{
	for (const struct fdef_node *p = n->parent; p != NULL; p = p->parent)
		if (p->kind == FDEF_REPEAT && p != im->parts) {
			struct doc_group *h = imp_holder(im, p, false);

			return h == NULL || imp_blocks(im, h, p)->cur == 0;
		}
	return false;
}

/* Store value v (taken) in item n of instance g, read from source lines
 * first..last; a second, different value for the same item is doubt. */
static void
imp_store(struct imp *im, struct doc_group *g, const struct fdef_node *n,
          char **v, size_t nv, int first, int last)
{
	struct doc_slot *s = doc_slot(g, n);
	struct imp_item *it = imp_item(im, g, n);
	struct doc_value val = {v, nv, 0, 0};
	char *err = NULL;

	if (!it->found) {
		it->first = first;
		it->last = last;
	} else if (last > it->last) {
		it->last = last;
	}
	it->found = true;
	if (nv == 0) {
		free(v);
		return;
	}
	for (size_t i = 0; i < nv; i++)
		if (!utf8_valid(v[i], strlen(v[i]), NULL)) {
			imp_doubt(
			        im, g, n,
			        _("the text read here is not whole (a character was cut in two); it was left out"));
			doc_value_clear(&val);
			return;
		}
	if (!doc_validate_value(im->d, n, &val, &err)) {
		imp_doubt(im, g, n, err);
		free(err);
		doc_value_clear(&val);
		return;
	}
	if (!doc_value_empty(&s->val)) {
		bool same = s->val.n == nv;

		for (size_t i = 0; same && i < nv; i++)
			same = strcmp(s->val.v[i], v[i]) == 0;
		if (!same) {
			char *old = imp_excerpt(doc_format_value(n, &s->val));
			char *now = imp_excerpt(doc_format_value(n, &val));
			char *msg = xasprintf(
			        _("two different values were found (the "
			          "first one was kept): 「%s」 and 「%s」"),
			        old, now);

			imp_doubt(im, g, n, msg);
			free(msg);
			free(old);
			free(now);
		}
		doc_value_clear(&val);
		return;
	}
	doc_value_take(&s->val, v, nv);
}

/* ----- source lines ----- */

/* Note line i as mapping to nothing, with the part of it not read. */
static void
imp_lost(struct imp *im, size_t i, const char *text, const char *reason)
{
	im->state[i] = LINE_MAPPED;
	im->lost = xreallocarray(im->lost, im->nlost + 1, sizeof *im->lost);
	im->lost[im->nlost].line = i;
	im->lost[im->nlost].text = xstrdup(text);
	im->lost[im->nlost].reason = reason ? xstrdup(reason) : NULL;
	im->nlost++;
}

/* Say whether line i starts with two blanks (a value line of hyoka's text
 * export, never a label). No memory. */
static bool
imp_indented(const struct imp *im, size_t i)
{
	return im->cx.verbatim && strncmp(im->L.v[i].raw, "  ", 2) == 0;
}

/* Return the column (counting characters, as pdftotext -layout places
 * them) where the text of line s ends. No memory. */
static int
imp_columns(const char *s)
{
	int n = 0, last = 0;

	for (const char *p = s; *p; p++)
		if ((*p & 0xC0) != 0x80) {
			n++;
			if (*p != ' ' && *p != '\t')
				last = n;
		}
	return last;
}

/* Return the column (in characters) where text, a part of the line s,
 * starts after its blanks; 0 when text is not in s. No memory. */
static int
imp_start_column(const char *s, const char *text)
{
	int n = 0;

	if (text < s || text > s + strlen(s))
		return 0;
	text += strspn(text, " \t");
	for (const char *p = s; p < text; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* Return the text of a line for matching: its clean text, with the
 * dashes of "--- X ---" removed in hyoka's text export. Borrowed or
 * kept in *tmp (caller frees *tmp). */
static const char *
imp_line_text(const struct imp *im, size_t i, char **tmp)
{
	*tmp = NULL;
	if (!im->cx.verbatim)
		return im->L.v[i].text;
	*tmp = iline_clean(im->L.v[i].raw);
	return *tmp;
}

/* ----- matching labels ----- */

/* Say whether the text after a label (at byte e of s) lets the label
 * stand on its own: a blank, a mark, a bracket, the end, or (unless
 * strict) a long label. No memory. */
static bool
imp_boundary(const struct imp_anchor *a, const char *s, size_t e, bool strict)
{
	static const char *const ok[] = {"[",
	                                 "\xef\xbc\xbb",
	                                 "<",
	                                 "\xef\xbc\x9c",
	                                 "(",
	                                 "\xef\xbc\x88",
	                                 ILINE_CHECKED,
	                                 ILINE_UNCHECKED,
	                                 "\xe2\x97\x8b",
	                                 "\xe2\x96\xa0",
	                                 "\xe2\x96\xa1",
	                                 "\xe3\x80\x90",
	                                 ":",
	                                 "\xef\xbc\x9a",
	                                 "\xe3\x80\x80",
	                                 " ",
	                                 "\t",
	                                 "\n",
	                                 "|"};

	if (s[e] == '\0')
		return true;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncmp(s + e, ok[i], strlen(ok[i])) == 0)
			return true;
	if (strict)
		return false;
	if (a->n >= 10)
		return true;
	return (a->kind == IMP_PART || a->kind == IMP_SECTION ||
	        a->kind == IMP_BLOCK) &&
	       a->n >= 5;
}

/* Return the byte offset after the character of s that starts at off.
 * No memory. */
static size_t
imp_char_end(const char *s, size_t off)
{
	uint32_t cp;

	return off + utf8_decode(s + off, strlen(s + off), &cp);
}

/* Return the id of the node of an anchor (0 for the title and marks). */
static size_t
imp_pos(const struct imp_anchor *a)
{
	return a->node ? a->node->id : 0;
}

/* Say whether a is "ahead" of the cursor: later in the form, or a block
 * name of the repeat the cursor is in. No memory. */
static bool
imp_ahead(const struct imp *im, const struct imp_anchor *a)
{
	size_t p = imp_pos(a);

	if (a->kind == IMP_BLOCK)
		return p > im->cursor ||
		       (im->cursor >= p && im->cursor <= im->end_id[p]);
	return p > im->cursor;
}

/* Hash len bytes. */
static size_t
imp_fold_hash(const char *s, size_t len)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The fold (IMP_FOLD, with its byte map) of the len bytes at s, made on
 * the first call for these bytes. Borrowed: valid until the next call. */
static const struct imp_fold *
imp_fold_start(struct imp *im, const char *s, size_t len)
{
	size_t h = imp_fold_hash(s, len), i;
	struct imp_fold *f;

	if ((im->nfc + 1) * 2 > im->fccap) {
		struct imp_fold *old = im->fc;
		size_t oldcap = im->fccap;

		im->fccap = im->fccap ? im->fccap * 2 : 1024;
		im->fc = xcalloc(im->fccap, sizeof *im->fc);
		for (size_t j = 0; j < oldcap; j++) {
			if (old[j].s == NULL)
				continue;
			i = old[j].hash & (im->fccap - 1);
			while (im->fc[i].s != NULL)
				i = (i + 1) & (im->fccap - 1);
			im->fc[i] = old[j];
		}
		free(old);
	}
	for (i = h & (im->fccap - 1); im->fc[i].s != NULL;
	     i = (i + 1) & (im->fccap - 1)) {
		f = &im->fc[i];
		if (f->hash == h && f->len == len && memcmp(f->s, s, len) == 0)
			return f;
	}
	f = &im->fc[i];
	f->s = xstrndup(s, len);
	f->len = len;
	f->hash = h;
	f->u = jtext_fold_map(s, len, IMP_FOLD, &f->n, &f->map);
	im->nfc++;
	return f;
}

/* Free the folded starts of lines. */
static void
imp_fold_free(struct imp *im)
{
	for (size_t i = 0; i < im->fccap; i++) {
		free(im->fc[i].s);
		free(im->fc[i].u);
		free(im->fc[i].map);
	}
	free(im->fc);
}

/* Find the labels that start text at byte from and keep the best one in
 * *best: exact before renumbered, ahead of the cursor before behind it,
 * longest, then nearest. items_only limits to item labels (a second cell).
 * Returns false when none fits. */
static bool
imp_match_at(struct imp *im, const char *text, size_t from, bool items_only,
             struct imp_match *best)
{
	size_t len = strlen(text + from), lim = len, n, skip, whole;
	const size_t *map;
	const uint32_t *u;
	const struct imp_fold *f;
	size_t i0, h0, i1, h1;
	bool found = false, best_ahead = false;
	enum imp_number nkind;

	if (lim > IMP_PREFIX) {
		lim = IMP_PREFIX;
		while (lim > 0 && (text[from + lim] & 0xC0) == 0x80)
			lim--;
	}
	f = imp_fold_start(im, text + from, lim);
	u = f->u;
	n = f->n;
	map = f->map;
	skip = imp_number_len(u, n, &nkind);
	whole = lim == len ? n : 0;
	if (n == 0)
		return false;
	/* Only anchors whose label begins with the line's first code point,
	 * or with the one after its number (labels without their number),
	 * can match; both lists are read in the anchors' order. */
	i0 = imp_first_range(im, u[0], &h0);
	i1 = h1 = 0;
	if (skip > 0 && skip < n && u[skip] != u[0])
		i1 = imp_first_range(im, u[skip], &h1);
	for (;;) {
		const struct imp_anchor *a;
		size_t at, e, k;
		struct imp_match m;
		bool ahead;

		if (i0 < h0 && (i1 >= h1 || im->first[i0].k < im->first[i1].k))
			k = im->first[i0++].k;
		else if (i1 < h1)
			k = im->first[i1++].k;
		else
			break;
		a = &im->an[k];
		at = a->numberless ? skip : 0;
		m = (struct imp_match){a, 0, 0, false, false};

		if (items_only && a->kind != IMP_ITEM)
			continue;
		/* Without its number, a label may have lost it, or have
		 * another of the same kind (④ for ①), not ② for "1.". */
		if (a->numberless && skip > 0 && nkind != a->nkind)
			continue;
		if (at + a->n > n || a->u[0] != u[at] ||
		    memcmp(u + at, a->u, a->n * sizeof *u) != 0) {
			/* A part's title shortened (III リスク対策). */
			if (a->kind == IMP_PART && whole >= 4 && whole < a->n &&
			    3 * whole >= a->n &&
			    memcmp(u, a->u, whole * sizeof *u) == 0) {
				m.end = len;
				goto candidate;
			}
			continue;
		}
		e = at + a->n;
		if (a->kind == IMP_BLOCK) {
			size_t d = e;

			while (d < n && u[d] >= '0' && u[d] <= '9')
				m.num = m.num * 10 + (long)(u[d++] - '0');
			if (d == e || m.num > 100000)
				continue;
			if (d + 1 < n &&
			    (u[d] == '~' || u[d] == 0x301C || u[d] == '-' ||
			     u[d] == 0x2010) &&
			    u[d + 1] >= '0' && u[d + 1] <= '9') {
				m.range = true;
				d++;
				while (d < n && u[d] >= '0' && u[d] <= '9')
					d++;
			}
			e = d;
		}
		m.end = from + imp_char_end(text + from, map[e - 1]);
		if (!imp_boundary(a, text, m.end, a->numberless))
			continue;
		if (a->numberless && skip > 0) {
			/* ④システムの名称 for ①: read, with doubt. */
			m.other = true;
		}
	candidate:
		ahead = imp_ahead(im, a);
		if (found) {
			const struct imp_anchor *b = best->a;

			if (b->numberless != a->numberless) {
				if (a->numberless)
					continue;
			} else if (best_ahead != ahead) {
				if (!ahead)
					continue;
			} else if (b->n != a->n) {
				if (a->n < b->n)
					continue;
			} else if (ahead ? imp_pos(a) >= imp_pos(b)
			                 : imp_pos(a) <= imp_pos(b)) {
				continue;
			}
		}
		*best = m;
		best_ahead = ahead;
		found = true;
	}
	return found;
}

/* Find the label that starts line text (or its second cell, after a row
 * group such as ④使用の主体); false when there is none that fits. */
static bool
imp_match(struct imp *im, const char *text, struct imp_match *m)
{
	size_t from = 0, gap;

	while (text[from] == ' ' || text[from] == '\t' || text[from] == '\n')
		from++;
	if (text[from] == '\0')
		return false;
	if (imp_match_at(im, text, from, false, m)) {
		struct imp_match item;
		size_t rest = m->end;

		/* A heading and the label of its first item on one line
		 * (④使用の主体 使用部署 …, ④使用の主体 / 使用部署): the
		 * item's label counts. */
		while (text[rest] == ' ' || text[rest] == '\t' ||
		       text[rest] == '/' || text[rest] == '|' ||
		       strncmp(text + rest, "\xef\xbc\x8f", 3) == 0)
			rest += (unsigned char)text[rest] < 0x80 ? 1 : 3;
		if (m->a->kind == IMP_HEADING && text[rest] != '\0' &&
		    text[rest] != '\n' &&
		    imp_match_at(im, text, rest, true, &item))
			*m = item;
		return true;
	}
	/* A row group in the first cell: the item's label is the second. */
	for (size_t i = from; text[i] != '\0'; i++) {
		if (text[i] == '\n')
			return false;
		if ((text[i] == '\t' || text[i] == ' ') &&
		    (text[i] == '\t' || text[i + 1] == ' ')) {
			gap = i;
			while (text[gap] == ' ' || text[gap] == '\t')
				gap++;
			if (utf8_width(text + from, i - from) > 24)
				return false;
			return imp_match_at(im, text, gap, true, m);
		}
	}
	return false;
}

/* Return the part that node n is in: its section at the top of the form,
 * or its section of the repeat of parts. Borrowed. */
static const struct fdef_node *
imp_part_of(const struct imp *im, const struct fdef_node *n)
{
	while (n != NULL && n->parent != NULL && !imp_is_part(im, n))
		n = n->parent;
	return n;
}

/* The most lines a label may be broken over in the label column. */
#define IMP_WRAP 4

/* Find a label printed over several lines of the label column (layout
 * text wraps long labels): line i starts with the label's beginning and
 * the next lines with the rest of it, each followed by its part of the
 * value. Returns how many lines after i it takes (0: none) with the match
 * on line i in *m and, in off[k], where the value starts in line i+1+k. */
static size_t
imp_match_wrapped(struct imp *im, size_t i, struct imp_match *m, size_t *off)
{
	const char *t = im->L.v[i].text + strspn(im->L.v[i].text, " \t");
	size_t n1, *map1, best_span = 0;
	uint32_t *u1 = jtext_fold_map(t, strlen(t), IMP_FOLD, &n1, &map1);

	for (size_t k = 0; k < im->nan; k++) {
		const struct imp_anchor *a = &im->an[k];
		size_t c = 0, got, span = 0, offs[IMP_WRAP];
		bool ok = false;

		if (a->numberless || a->n < 8 || a->kind == IMP_BLOCK ||
		    a->kind == IMP_DOC || a->u[0] != (n1 ? u1[0] : 0))
			continue;
		while (c < n1 && c < a->n && u1[c] == a->u[c])
			c++;
		if (c < 4 || c >= a->n)
			continue;
		got = c;
		for (size_t j = i + 1; j < im->L.n && span < IMP_WRAP; j++) {
			const char *tj = im->L.v[j].text;
			size_t nj, *mapj, q = 0;
			uint32_t *uj;

			if (im->L.v[j].blank || im->state[j] != LINE_UNREAD)
				break;
			tj += strspn(tj, " \t");
			uj = jtext_fold_map(tj, strlen(tj), IMP_FOLD, &nj,
			                    &mapj);
			while (q < nj && got + q < a->n &&
			       uj[q] == a->u[got + q])
				q++;
			if (q > 0)
				offs[span] = (size_t)(tj - im->L.v[j].text) +
				             imp_char_end(tj, mapj[q - 1]);
			free(uj);
			free(mapj);
			if (q == 0)
				break;
			span++;
			got += q;
			if (got == a->n) {
				ok = true;
				break;
			}
		}
		if (!ok || (best_span > 0 && m->a->n >= a->n))
			continue;
		m->a = a;
		m->end = (size_t)(t - im->L.v[i].text) +
		         imp_char_end(t, map1[c - 1]);
		m->num = 0;
		m->range = false;
		m->other = false;
		best_span = span;
		memcpy(off, offs, span * sizeof *off);
	}
	free(u1);
	free(map1);
	return best_span;
}

/* Say whether a match may end the open region: a table ends only at a
 * later part or section (its own title again is a page's heading); inside
 * the text of an item, a short label behind the cursor is more likely
 * text. */
static bool
imp_may_end(const struct imp *im, const struct imp_match *m)
{
	const struct imp_anchor *a = m->a;
	const struct fdef_node *r = im->rnode;

	if (im->rk == R_ANNEX || im->rk == R_TABLE) {
		if (a->node == NULL)
			return false;
		if (a->node == r)
			return im->nfiles > 1 && im->parts != NULL &&
			       r->parent == im->parts;
		if (a->kind == IMP_PART)
			return true;
		if (a->node->id > im->end_id[r->id])
			return a->kind == IMP_SECTION || a->n >= 8;
		return false;
	}
	/* A short label of an earlier part is a word of this one. */
	if (a->kind == IMP_ITEM && !imp_ahead(im, a) && a->n < 8 &&
	    imp_part_of(im, a->node) !=
	            imp_part_of(im, im->fd->all[im->cursor]))
		return false;
	if (im->rk == R_ITEM && r->type == FT_TEXT)
		return imp_ahead(im, a) ||
		       (!a->numberless && (a->kind != IMP_ITEM || a->n >= 8));
	return true;
}

/* ----- regions ----- */

/* Add a line (or the rest of one, from byte off) to the open region. */
static void
imp_region_add(struct imp *im, size_t i, const char *text)
{
	struct ivalue_line *l;

	if (im->nrl == im->caprl) {
		im->caprl = im->caprl ? im->caprl * 2 : 16;
		im->rl = xreallocarray(im->rl, im->caprl, sizeof *im->rl);
		im->rli = xreallocarray(im->rli, im->caprl, sizeof *im->rli);
	}
	l = &im->rl[im->nrl];
	l->text = text;
	l->no = im->L.v[i].no;
	l->page = im->L.v[i].page;
	l->start = imp_start_column(im->L.v[i].text, text);
	l->end = imp_columns(im->L.v[i].raw);
	im->rli[im->nrl++] = i;
	im->state[i] = LINE_MAPPED;
}

/* Return the part of line i of layout text that goes on with the value
 * of the open item region: all of it, but not a short piece in the label
 * column left of where the value's lines start on this page (the rest of
 * a label broken over lines: 「の主体」 under 「④使用」), nor the options
 * of a choice beside a text (「<選択肢> 1) …」, printed higher than the
 * choice's own line). NULL when nothing of it goes on. Borrowed. */
static const char *
imp_value_piece(const struct imp *im, size_t i)
{
	const char *t = im->L.v[i].text;
	const struct ivalue_line *ref = NULL;
	size_t nc, lead = strspn(t, " ");
	int *x, left;
	char **cells;
	const char *piece = t;

	if (!im->cx.layout || im->rk != R_ITEM || im->nrl == 0 ||
	    im->rnode == NULL)
		return t;
	for (size_t k = 0; k < im->nrl; k++)
		if (im->rl[k].page == im->L.v[i].page &&
		    !iline_is_blank(im->rl[k].text)) {
			ref = &im->rl[k];
			break;
		}
	cells = itable_cells(t, false, &nc, &x);
	left = nc > 0 ? x[0] - (int)lead + imp_start_column(t, t) : 0;
	if (ref != NULL && nc > 0 && left < ref->start - 2 &&
	    imp_columns(cells[0]) <= 8) {
		/* The label column's text: the rest is the value's. */
		piece = NULL;
		if (nc > 1) {
			const char *p = t + lead + strlen(cells[0]);

			piece = p + strspn(p, " ");
		}
	}
	if (piece != NULL && im->rnode->type != FT_CHOICE &&
	    ivalue_options_start(piece))
		piece = NULL;
	for (size_t c = 0; c < nc; c++)
		free(cells[c]);
	free(cells);
	free(x);
	return piece;
}

/* Report the region lines that used[] does not explain. */
static void
imp_region_leftover(struct imp *im, const bool *used)
{
	for (size_t k = 0; k < im->nrl; k++)
		if ((used == NULL || !used[k]) &&
		    !iline_is_blank(im->rl[k].text))
			imp_lost(im, im->rli[k], im->rl[k].text, NULL);
}

/* Say whether the lines of the open region have three blank lines or
 * more between two of them (a spreadsheet prints a row taller than what
 * is left of a page in parts). No memory. */
static bool
imp_gap(const struct imp *im)
{
	for (size_t k = 1; k < im->nrl; k++)
		if (im->rl[k].no > im->rl[k - 1].no + 3)
			return true;
	return false;
}

/* Give item n the value read from the region, with its companions. */
static void
imp_read_item(struct imp *im, struct doc_group *g, const struct fdef_node *n)
{
	struct ivalue v;
	int first = im->rl[0].no, last = im->rl[im->nrl - 1].no;

	ivalue_read(n, im->rl, im->nrl, &im->cx, &v);
	imp_store(im, g, n, v.v, v.n, first, last);
	v.v = NULL;
	v.n = 0;
	if (v.reason != NULL)
		imp_doubt(im, g, n, v.reason);
	if (im->rdoubt != NULL)
		imp_doubt(im, g, n, im->rdoubt);
	/* hyoka's export never loses a mark: no box marked is none checked. */
	if (v.unmarked && !im->cx.verbatim)
		imp_item(im, g, n)->unmarked = true;
	if (n->type == FT_TEXT && im->cx.layout &&
	    im->rl[0].page != im->rl[im->nrl - 1].page)
		imp_doubt(im, g, n,
		          _("the text continues across a page break; check "
		            "that nothing is missing or doubled there"));
	else if (n->type == FT_TEXT && im->cx.layout && imp_gap(im))
		imp_doubt(im, g, n,
		          _("the text goes on after blank lines (a tall cell "
		            "printed in parts); check the line break there"));
	/* Text without its layout: a label printed in the middle of a tall
	 * row comes in the middle of its value, which it splits between
	 * itself and the item before. */
	if (im->raw && (n->type == FT_TEXT || n->type == FT_LINE)) {
		bool split = false;

		for (size_t k = 1; k < im->nrl; k++)
			split |= im->rl[k].page == im->rl[k - 1].page &&
			         im->rl[k].no > im->rl[k - 1].no + 1;
		if (split || im->raw_split)
			imp_doubt(
			        im, g, n,
			        _("the text has no layout (pdftotext without "
			          "-layout, or copied from a viewer): a label "
			          "printed beside the middle of a value splits "
			          "it; check this value and the ones beside "
			          "it"));
		im->raw_split = split;
	}
	/* The ( ) texts and counts of the members. */
	for (size_t m = 0; m < v.nextra; m++)
		for (size_t k = 0; k < n->parent->nkids; k++) {
			const struct fdef_node *c = n->parent->kids[k];
			char **one;

			if (c->companion_of != n || c->member != m)
				continue;
			if (v.extra[m] == NULL) {
				imp_item(im, g, c)->found = true;
				continue;
			}
			one = xmalloc(sizeof *one);
			if (c->type == FT_COUNT) {
				char *d = jtext_nfkc(v.extra[m]), *end;
				long num = strtol(d, &end, 10);

				if (end == d || *end != '\0' || num < 0) {
					char *msg = xasprintf(
					        _("「%s」 is not a whole number"),
					        v.extra[m]);

					imp_doubt(im, g, c, msg);
					free(msg);
					free(one);
					free(d);
					imp_item(im, g, c)->found = true;
					continue;
				}
				one[0] = xasprintf("%ld", num);
				free(d);
			} else {
				one[0] = xstrdup(v.extra[m]);
			}
			imp_store(im, g, c, one, 1, first, last);
		}
	/* A count printed after the options of this choice. */
	if (n->type == FT_CHOICE && n->index + 1 < n->parent->nkids &&
	    imp_count_after_choice(n->parent->kids[n->index + 1])) {
		const struct fdef_node *c = n->parent->kids[n->index + 1];
		char *count;

		if (!ivalue_count_after(im->rl, im->nrl, &count))
			imp_doubt(im, g, c,
			          _("the count after the options cannot be "
			            "read"));
		if (count != NULL) {
			char **one = xmalloc(sizeof *one);

			one[0] = count;
			imp_store(im, g, c, one, 1, first, last);
		} else {
			imp_item(im, g, c)->found = true;
		}
	}
	imp_region_leftover(im, v.used);
	ivalue_fini(&v);
}

/* Read the flags of section n from its heading's region. */
static void
imp_read_flags(struct imp *im, const struct fdef_node *n)
{
	bool *used = xcalloc(im->nrl + 1, sizeof *used);
	struct doc_group *g = NULL;

	used[0] = true; /* the rest of the heading line, unless text */
	if (!iline_is_blank(im->rl[0].text))
		used[0] = false;
	for (size_t k = 0; n->kind == FDEF_GROUP && k < n->nkids; k++) {
		const struct fdef_node *f = n->kids[k];
		bool checked;

		if (f->kind != FDEF_ITEM || f->type != FT_FLAG ||
		    !fdef_in_version(f, im->d->version))
			continue;
		if (g == NULL)
			g = imp_holder(im, f, true);
		if (g == NULL)
			break;
		if (!ivalue_flag(f, im->rl, im->nrl, &checked, used))
			continue;
		if (checked) {
			char **one = xmalloc(sizeof *one);

			one[0] = xstrdup("true");
			imp_store(im, g, f, one, 1, im->rl[0].no, im->rl[0].no);
		} else {
			imp_store(im, g, f, NULL, 0, im->rl[0].no,
			          im->rl[0].no);
		}
	}
	imp_region_leftover(im, used);
	free(used);
}

/* Read the name of the current block from its heading's region. */
static void
imp_read_block_name(struct imp *im)
{
	const struct fdef_node *rep = im->rnode;
	const struct fdef_node *name = rep->name_item;
	struct doc_group *g;
	char *t;

	if (name == NULL) {
		imp_region_leftover(im, NULL);
		return;
	}
	t = ivalue_text(im->rl, im->nrl, &im->cx, true, NULL);
	g = imp_holder(im, name, true);
	if (g != NULL) {
		char **one = NULL;

		if (t[0] != '\0') {
			one = xmalloc(sizeof *one);
			one[0] = t;
			t = NULL;
		}
		imp_store(im, g, name, one, one ? 1 : 0, im->rl[0].no,
		          im->rl[im->nrl - 1].no);
	}
	free(t);
}

/* Read the rows of the table item of section n (別添1). */
static void
imp_read_annex(struct imp *im, const struct fdef_node *n)
{
	const struct fdef_node *tab = imp_table_of(n);
	struct itable_rows t;
	struct doc_group *g;
	size_t file = im->file;

	itable_annex(tab, im->rl, im->nrl, &im->cx, &t);
	for (size_t f = 0; f <= im->nfiles; f++) {
		size_t k = 0;
		char **cells = NULL;

		/* Rows of file f+1 ("k) name" headings), or of the current
		 * file when the rows name none. */
		for (size_t r = 0; r < t.nrows; r++) {
			size_t rf = t.file[r] > 0 && t.file[r] <= im->nfiles
			                    ? t.file[r]
			                    : file + 1;

			if (rf != f + 1)
				continue;
			cells = xreallocarray(cells, (k + 1) * t.ncols,
			                      sizeof *cells);
			for (size_t c = 0; c < t.ncols; c++)
				cells[k * t.ncols + c] =
				        xstrdup(t.cells[r * t.ncols + c]);
			k++;
		}
		if (k == 0 && f != file) {
			free(cells);
			continue;
		}
		im->file = f;
		g = imp_holder(im, tab, true);
		if (g != NULL) {
			imp_store(im, g, tab, cells, k * t.ncols, im->rl[0].no,
			          im->rl[im->nrl - 1].no);
			if (t.reason != NULL)
				imp_doubt(im, g, tab, t.reason);
			if (im->annex_again)
				imp_doubt(
				        im, g, tab,
				        _("its heading is printed again at the "
				          "top of a page with no file's name; "
				          "the rows after it were read as this "
				          "file's, check that they are not the "
				          "next file's"));
		} else {
			for (size_t c = 0; c < k * t.ncols; c++)
				free(cells[c]);
			free(cells);
		}
	}
	im->file = file;
	imp_region_leftover(im, t.used);
	itable_fini(&t);
}

/* Release cells[0..n). */
static void
imp_free_cells(char **cells, size_t n)
{
	for (size_t c = 0; c < n; c++)
		free(cells[c]);
	free(cells);
}

/* Say whether a blank line comes between line i and the line of text
 * before it (page furniture aside). No memory. */
static bool
imp_after_gap(const struct imp *im, size_t i)
{
	for (;
	     i > 0 && (im->L.v[i - 1].blank || im->state[i - 1] == LINE_LAYOUT);
	     i--)
		if (im->L.v[i - 1].blank)
			return true;
	return false;
}

/* Make the columns *k (moved from; it is left empty) those of the open
 * block table's header printed last; lines kept after it point to them. */
static void
imp_keep_cols(struct imp *im, struct itable_cols *k)
{
	im->tks = xreallocarray(im->tks, im->ntks + 1, sizeof *im->tks);
	im->tk = xmalloc(sizeof *im->tk);
	*im->tk = *k;
	memset(k, 0, sizeof *k);
	im->tks[im->ntks++] = im->tk;
}

/* Keep line i of the open block table, to be read when it closes. */
static void
imp_table_line(struct imp *im, size_t i)
{
	struct imp_tline *t;

	im->tl = xreallocarray(im->tl, im->ntl + 1, sizeof *im->tl);
	t = &im->tl[im->ntl++];
	t->line = i;
	t->cols = im->tk;
	itable_cols_add(im->tk, im->L.v[i].text);
	t->gap = imp_after_gap(im, i);
	t->after = im->tbreak;
	im->tbreak = false;
	im->state[i] = LINE_MAPPED;
}

/* Say whether piece p of column c of a block table, words one blank
 * apart, runs on past where the cells of the next column start, or its
 * label when they do not show it (a cell's text stays inside its cell:
 * the last words may be the next cell's, which pdftotext -layout printed
 * one blank after it). No memory. */
static bool
imp_runs_over(const struct itable_cols *k, size_t c, const struct imp_piece *p)
{
	int next = c + 1 < k->n ? itable_edge(k, c + 1) : -1;

	/* Where its label starts when its cells do not show it. */
	if (next < 0 && c + 1 < k->n)
		next = k->start[c + 1];

	return next >= 0 && strchr(p->text, ' ') != NULL && p->end > next + 1;
}

/* Say whether the first cell of the last row of the open block table
 * ended before its last line (a line of the row with that cell empty).
 * No memory. */
static bool
imp_first_ended(const struct imp *im)
{
	const struct imp_row *row;
	const struct imp_cell *c;

	if (im->nrows == 0)
		return false;
	row = &im->rows[im->nrows - 1];
	c = &row->cells[0];
	return c->n > 0 && c->p[c->n - 1].no < row->last;
}

/* Say whether the PDF, when it was read (cx.box), shows where the cells
 * of line i part: each cell with a blank in it is printed as one line or
 * as lines of one row (ibox_confirms). No memory. */
static bool
imp_box_confirms(const struct imp *im, size_t i)
{
	size_t n;
	int *x;
	char **cells;
	bool ok = true;

	if (im->cx.box == NULL)
		return true;
	cells = itable_cells(im->L.v[i].text, false, &n, &x);
	for (size_t k = 0; k < n && ok; k++)
		ok = strchr(cells[k], ' ') == NULL ||
		     ibox_confirms(im->cx.box, im->L.v[i].page, cells[k]);
	imp_free_cells(cells, n);
	free(x);
	return ok;
}

/* Say whether text, what a column took of a line of layout text, holds
 * a cell of the line (words two blanks or more apart from the others)
 * and more: two cells read as one. No memory. */
static bool
imp_holds_cells(const char *line, const char *text)
{
	size_t n, len = strlen(text);
	int *x;
	char **cells = itable_cells(line, false, &n, &x);
	bool more = false;

	for (size_t k = 0; k < n && !more; k++) {
		size_t cl = strlen(cells[k]);
		const char *w = cl < len ? strstr(text, cells[k]) : NULL;

		for (; w != NULL && !more; w = strstr(w + 1, cells[k]))
			more = (w == text || w[-1] == ' ') &&
			       (w[cl] == '\0' || w[cl] == ' ');
	}
	imp_free_cells(cells, n);
	free(x);
	return more;
}

/* Read a kept line t of the open block table into its rows. Rows apart by
 * blank lines (tblock): a new row after a blank line, except for a row's
 * rest after a page break (its first cell empty); else a new row when its
 * first cell is filled. Other lines are more lines of the cells of the row
 * above. */
static void
imp_table_row(struct imp *im, const struct imp_tline *t)
{
	size_t i = t->line;
	int *at = xcalloc(im->ntcols + 1, sizeof *at);
	char **cells = itable_split(im->L.v[i].text, t->cols, at);
	bool any = false, fresh;
	struct imp_row *row;

	for (size_t c = 0; c < im->ntcols; c++) {
		char *s = cells[c];
		size_t a = 0, b = strlen(s);

		while (s[a] == ' ' || s[a] == '\n')
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
			b--;
		memmove(s, s + a, b - a);
		s[b - a] = '\0';
		any |= s[0] != '\0';
	}
	/* A row starts with its first cell: after blank lines, or where
	 * that cell of the row above had ended (a line with it empty came
	 * between: cells are printed from their top). Lines after blank
	 * ones with that cell empty go on with the row before (a tall row
	 * split, or blank lines in a cell), a doubt unless the header was
	 * printed again before them (a page break). */
	fresh = cells[0][0] != '\0' &&
	        (!im->tblock || t->gap || imp_first_ended(im));
	if (any && (fresh || im->nrows == 0)) {
		im->rows = xreallocarray(im->rows, im->nrows + 1,
		                         sizeof *im->rows);
		row = &im->rows[im->nrows++];
		row->cells = xcalloc(im->ntcols, sizeof *row->cells);
		row->first = im->L.v[i].no;
		row->doubt = NULL;
	} else if (any && im->tblock && t->gap && !t->after) {
		im->rows[im->nrows - 1].doubt =
		        _("lines after blank ones with no 変更日 were read as "
		          "the rest of the row before");
	}
	if (any) {
		row = &im->rows[im->nrows - 1];
		for (size_t c = 0; c < im->ntcols; c++) {
			struct imp_cell *cell = &row->cells[c];
			struct imp_piece *p;

			if (cells[c][0] == '\0')
				continue;
			cell->p = xreallocarray(cell->p, cell->n + 1,
			                        sizeof *cell->p);
			p = &cell->p[cell->n++];
			p->text = cells[c];
			cells[c] = NULL;
			p->no = im->L.v[i].no;
			p->page = im->L.v[i].page;
			p->start = at[c] < 0 ? 0 : at[c];
			p->end = p->start + imp_columns(p->text);
			if (row->doubt == NULL && im->cx.layout &&
			    strchr(im->L.v[i].text, '\t') == NULL &&
			    (imp_runs_over(t->cols, c, p) ||
			     imp_holds_cells(im->L.v[i].text, p->text) ||
			     !imp_box_confirms(im, i)))
				row->doubt = _(
				        "two cells printed one blank apart may "
				        "have been read as one");
		}
		row->last = im->L.v[i].no;
	}
	imp_free_cells(cells, im->ntcols);
	free(at);
}

/* Return the text of a cell of a block table, its pieces a line each, to
 * compare rows. Caller frees. */
static char *
imp_cell_text(const struct imp_cell *c)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t k = 0; k < c->n; k++) {
		if (k > 0)
			sbuf_addc(&sb, '\n');
		sbuf_adds(&sb, c->p[k].text);
	}
	return sbuf_detach(&sb);
}

/* Return the lines of a cell of a block table as region lines. Caller
 * frees the array (the texts are borrowed). */
static struct ivalue_line *
imp_cell_lines(const struct imp_cell *c)
{
	struct ivalue_line *l = xcalloc(c->n + 1, sizeof *l);

	for (size_t k = 0; k < c->n; k++) {
		l[k].text = c->p[k].text;
		l[k].no = c->p[k].no;
		l[k].page = c->p[k].page;
		l[k].start = c->p[k].start;
		l[k].end = c->p[k].end;
	}
	return l;
}

/* Return the width of a full line of column c of the open block table in
 * layout text: the usual width of the printed lines of all its cells
 * (ivalue_full_width), 0 when it is not layout text. No memory. */
static size_t
imp_column_width(const struct imp *im, size_t c)
{
	size_t n = 0, *w, full;

	if (!im->cx.layout)
		return 0;
	for (size_t r = 0; r < im->nrows; r++)
		n += im->rows[r].cells[c].n;
	w = xcalloc(n + 1, sizeof *w);
	n = 0;
	for (size_t r = 0; r < im->nrows; r++) {
		struct ivalue_line *l = imp_cell_lines(&im->rows[r].cells[c]);

		n += ivalue_layout_widths(l, im->rows[r].cells[c].n, w + n);
		free(l);
	}
	full = ivalue_full_width(w, n);
	free(w);
	return full;
}

/* Say whether row r of the open block table is row r - 1 again (printed
 * again after a page break). No memory. */
static bool
imp_row_again(const struct imp *im, size_t r)
{
	bool same = r > 0;

	for (size_t c = 0; same && c < im->ntcols; c++) {
		char *a = imp_cell_text(&im->rows[r].cells[c]);
		char *b = imp_cell_text(&im->rows[r - 1].cells[c]);

		same = strcmp(a, b) == 0;
		free(a);
		free(b);
	}
	return same;
}

/* Say whether the cell c holds more text than the option value (blanks
 * aside). No memory. */
static bool
imp_cell_more(const struct imp_cell *c, const char *value)
{
	char *t = imp_cell_text(c);
	char *a = jtext_fold(t, JTEXT_DROP_BLANKS);
	char *b = jtext_fold(value, JTEXT_DROP_BLANKS);
	bool more = strcmp(a, b) != 0;

	free(t);
	free(a);
	free(b);
	return more;
}

/* Say whether an option of a choice column whose cell is empty in row
 * is printed in another cell of it as a word of its own, one blank
 * apart (the choice's cell printed beside, or vertically centred beside,
 * the text of the cell before it, which pdftotext -layout joined). No
 * memory. */
static bool
imp_stray_choice(const struct imp *im, const struct imp_row *row)
{
	for (size_t c = 0; c < im->ntcols; c++) {
		const struct fdef_node *n = im->tcols[c];

		if (n->type != FT_CHOICE || row->cells[c].n > 0)
			continue;
		for (size_t d = 0; d < im->ntcols; d++)
			for (size_t k = 0; k < row->cells[d].n; k++)
				for (size_t o = 0; o < n->noptions; o++) {
					const char *t = row->cells[d].p[k].text;
					const char *w =
					        strstr(t, n->options[o]);
					size_t len = strlen(n->options[o]);

					for (; w != NULL;
					     w = strstr(w + 1, n->options[o]))
						if ((w == t || w[-1] == ' ') &&
						    (w[len] == '\0' ||
						     w[len] == ' '))
							return true;
				}
	}
	return false;
}

/* Store the rows of a block table (別添2), one block per row. */
static void
imp_read_rows(struct imp *im)
{
	const struct fdef_node *rep = im->rnode;
	struct doc_group *holder = imp_holder(im, rep, true);
	size_t *full = xcalloc(im->ntcols + 1, sizeof *full);

	for (size_t k = 0; k < im->ntl; k++)
		imp_table_row(im, &im->tl[k]);
	free(im->tl);
	im->tl = NULL;
	im->ntl = 0;
	for (size_t c = 0; c < im->ntcols; c++)
		full[c] = imp_column_width(im, c);
	for (size_t r = 0; r < im->nrows; r++) {
		struct imp_row *row = &im->rows[r];
		struct imp_blocks *b;
		struct doc_group *g;
		char *first = imp_cell_text(&row->cells[0]);

		if (imp_row_again(im, r)) {
			imp_lost(im, (size_t)row->first - 1, first,
			         _("the same row again (repeated at a page "
			           "break); read once"));
			free(first);
			continue;
		}
		if (holder == NULL) {
			free(first);
			break;
		}
		b = imp_blocks(im, holder, rep);
		b->cur = (long)doc_slot(holder, rep)->ninst + 1;
		g = imp_instance(im, holder, rep, true);
		if (g == NULL) {
			imp_lost(im, (size_t)row->first - 1, first,
			         _("more rows than the form allows"));
			free(first);
			continue;
		}
		free(first);
		if (row->doubt == NULL && im->cx.layout &&
		    imp_stray_choice(im, row))
			row->doubt = _("a cell is empty and its value may be "
			               "printed beside the text of another "
			               "cell of the row");
		for (size_t c = 0; c < im->ntcols; c++) {
			struct ivalue_line *l = imp_cell_lines(&row->cells[c]);
			struct ivalue_ctx cx = im->cx;
			struct ivalue v;

			/* A blank cell is a blank, not a value lost, unless
			 * the row's cells may be split wrongly. */
			if (row->cells[c].n == 0) {
				if (row->doubt != NULL)
					imp_doubt(im, g, im->tcols[c],
					          row->doubt);
				free(l);
				continue;
			}
			cx.full = full[c];
			ivalue_read(im->tcols[c], l, row->cells[c].n, &cx, &v);
			free(l);
			if (v.reason == NULL && v.n == 1 &&
			    im->tcols[c]->type == FT_CHOICE &&
			    imp_cell_more(&row->cells[c], v.v[0]))
				v.reason = xasprintf(
				        _("the cell holds more than 「%s」; "
				          "the rest may belong to the cell "
				          "beside it"),
				        v.v[0]);
			/* A choice's cell that does not read well: the line
			 * may be split wrongly between it and the cell before
			 * it. */
			if (v.reason != NULL && im->cx.layout &&
			    im->tcols[c]->type == FT_CHOICE && c > 0 &&
			    row->cells[c - 1].n > 0)
				imp_doubt(
				        im, g, im->tcols[c - 1],
				        _("the line may be split wrongly between "
				          "this cell and the one beside it"));
			imp_store(im, g, im->tcols[c], v.v, v.n, row->first,
			          row->last);
			v.v = NULL;
			v.n = 0;
			if (v.reason != NULL)
				imp_doubt(im, g, im->tcols[c], v.reason);
			else if (row->doubt != NULL)
				imp_doubt(im, g, im->tcols[c], row->doubt);
			ivalue_fini(&v);
		}
		for (size_t k = 0; k < rep->nkids; k++)
			imp_item(im, g, rep->kids[k])->found = true;
	}
	free(full);
}

/* Close the open region: read what it holds. */
static void
imp_close(struct imp *im)
{
	if (im->rk == R_NONE)
		return;
	if (im->rk == R_TABLE)
		imp_read_rows(im);
	if (im->nrl > 0) {
		switch (im->rk) {
		case R_ITEM:
			if (im->rg != NULL)
				imp_read_item(im, im->rg, im->rnode);
			else
				imp_region_leftover(im, NULL);
			break;
		case R_TITLE:
			imp_read_flags(im, im->rnode);
			break;
		case R_BLOCK:
			imp_read_block_name(im);
			break;
		case R_ANNEX:
			imp_read_annex(im, im->rnode);
			break;
		default:
			imp_region_leftover(im, NULL);
			break;
		}
	}
	for (size_t r = 0; r < im->nrows; r++) {
		for (size_t c = 0; c < im->ntcols; c++) {
			struct imp_cell *cell = &im->rows[r].cells[c];

			for (size_t k = 0; k < cell->n; k++)
				free(cell->p[k].text);
			free(cell->p);
		}
		free(im->rows[r].cells);
	}
	free(im->rows);
	im->rows = NULL;
	im->nrows = 0;
	free(im->tcols);
	for (size_t k = 0; k < im->ntks; k++) {
		itable_cols_fini(im->tks[k]);
		free(im->tks[k]);
	}
	free(im->tks);
	im->tks = NULL;
	im->ntks = 0;
	im->tk = NULL;
	im->tcols = NULL;
	im->ntcols = 0;
	free(im->rdoubt);
	im->rdoubt = NULL;
	im->nrl = 0;
	im->rk = R_NONE;
	im->rnode = NULL;
	im->rg = NULL;
	im->annex_again = false;
}

/* Choose the file of a part heading: the one its text names, "(2. ...)",
 * else the first file whose part has not been read. */
static void
imp_choose_file(struct imp *im, const struct fdef_node *part, const char *rest)
{
	size_t max = im->parts->max, f = 0;
	const char *p = rest;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "(", 1) == 0 || strncmp(p, "\xef\xbc\x88", 3) == 0) {
		char *d = jtext_nfkc(p + (*p == '(' ? 1 : 3));
		long k = strtol(d, NULL, 10);

		free(d);
		if (k >= 1 && (size_t)k <= max && (size_t)k <= im->nfiles) {
			im->file = (size_t)k - 1;
			im->seen[part->id * max + im->file] = 1;
			return;
		}
	}
	while (f < im->nfiles && im->seen[part->id * max + f])
		f++;
	if (f < im->nfiles) {
		im->file = f;
		im->seen[part->id * max + f] = 1;
	}
}

/* Open the region of a label matched on line i. */
static void
imp_open(struct imp *im, size_t i, const char *text, const struct imp_match *m)
{
	const struct imp_anchor *a = m->a;
	const struct fdef_node *n = a->node;

	imp_close(im);
	im->rk = R_OTHER;
	im->rnode = n;
	if (a->kind != IMP_DOC && a->kind != IMP_VERSION)
		im->cursor = n->id;
	switch (a->kind) {
	case IMP_PART:
		if (im->parts != NULL && n->parent == im->parts)
			imp_choose_file(im, n, text + m->end);
		/* fallthrough */
	case IMP_SECTION:
		im->rk = imp_table_of(n) != NULL ? R_ANNEX : R_TITLE;
		break;
	case IMP_BLOCK:
		if (!m->range) {
			struct doc_group *h = imp_holder(im, n, true);

			if (h != NULL)
				imp_blocks(im, h, n)->cur = m->num;
			im->rk = R_BLOCK;
			im->rnum = m->num;
		}
		break;
	case IMP_HEADING:
		/* Its first item comes next. */
		im->cursor = n->id - 1;
		break;
	case IMP_ITEM:
		im->rk = R_ITEM;
		im->rg = imp_holder(im, n, true);
		if (im->rg != NULL && !m->other && imp_unnamed_block(im, n))
			im->rdoubt = xstrdup(_(
			        "no block name (such as システム1) was "
			        "printed before it; it was read into block 1"));
		if (im->rg != NULL && m->other) {
			char *what = imp_excerpt(xstrndup(text, m->end));

			im->rdoubt = xasprintf(_("printed with another number "
			                         "(「%s」); read as %s"),
			                       what, n->label);
			free(what);
		}
		break;
	default:
		break;
	}
	if (a->kind == IMP_VERSION)
		im->state[i] = LINE_MAPPED;
	imp_region_add(im, i, text + m->end);
}

/* Match cells[0..nc) with the labels of items of one section: nodes[]
 * and *parent get them. True when every cell is such a label. No
 * memory. */
static bool
imp_header_cells(const struct imp *im, char *const *cells, size_t nc,
                 const struct fdef_node **nodes,
                 const struct fdef_node **parent)
{
	bool all = nc >= 2;

	*parent = NULL;
	for (size_t c = 0; c < nc && all; c++) {
		size_t n;
		uint32_t *u = imp_fold(cells[c], &n);

		all = false;
		for (size_t k = 0; k < im->nan && !all; k++) {
			const struct imp_anchor *a = &im->an[k];

			if (a->kind != IMP_ITEM || a->numberless || a->n != n ||
			    memcmp(a->u, u, n * sizeof *u) != 0 ||
			    (*parent != NULL && a->node->parent != *parent))
				continue;
			nodes[c] = a->node;
			*parent = a->node->parent;
			all = true;
		}
		free(u);
	}
	return all;
}

/* Say whether the rows of the table whose header ends at line i are
 * apart by blank lines (layout text of a table with padded cells, where a
 * row takes several lines): a blank line between two lines of text of the
 * same page among the table's first lines. No memory. */
static bool
imp_table_blocks(const struct imp *im, size_t i)
{
	size_t text = 0, last = 0;
	bool gap = false;

	if (!im->cx.layout)
		return false;
	for (size_t j = i + 1; j < im->L.n && text < 200; j++) {
		if (im->L.v[j].blank) {
			gap = text > 0;
			continue;
		}
		if (im->state[j] == LINE_LAYOUT)
			continue;
		if (gap && im->L.v[j].page == im->L.v[last].page)
			return true;
		gap = false;
		last = j;
		text++;
	}
	return false;
}

/* If line i is a header row (each cell the label of an item of the same
 * section; in layout text perhaps printed over several lines), read it:
 * the values of a section's items are on the next line; a block table's
 * rows follow. True when it was one. */
static bool
imp_header_row(struct imp *im, size_t i, const char *text)
{
	size_t nc = 0, span = 1;
	int *col = NULL;
	struct itable_cols hk;
	char **cells = NULL;
	const struct fdef_node **nodes = NULL;
	const struct fdef_node *parent = NULL;
	bool all = false;

	memset(&hk, 0, sizeof hk);
	/* Cells apart by tabs or wide gaps; in layout text by any blank. */
	for (int words = 0; words < 2 && !all; words++) {
		if (words && !im->cx.layout)
			break;
		imp_free_cells(cells, nc);
		free(col);
		free(nodes);
		cells = itable_cells(text, words, &nc, &col);
		nodes = xcalloc(nc + 1, sizeof *nodes);
		all = imp_header_cells(im, cells, nc, nodes, &parent);
	}
	if (all)
		itable_cols_set(&hk, cells, col, nc);
	free(col);
	/* A label broken inside a narrow cell: 提 / 出 / 時 / 期. */
	if (!all && im->cx.layout) {
		const char *texts[6] = {text};
		size_t k = 1;

		while (k < 6 && i + k < im->L.n && !im->L.v[i + k].blank &&
		       im->state[i + k] == LINE_UNREAD) {
			texts[k] = im->L.v[i + k].text;
			k++;
		}
		for (size_t m = 2; m <= k && !all; m++)
			for (int words = 0; words < 2 && !all; words++) {
				imp_free_cells(cells, nc);
				free(nodes);
				itable_cols_fini(&hk);
				cells = itable_header(texts, m, words, &hk);
				nc = hk.n;
				nodes = xcalloc(nc + 1, sizeof *nodes);
				all = imp_header_cells(im, cells, nc, nodes,
				                       &parent);
				span = m;
			}
	}
	if (all && im->rk == R_TABLE && parent == im->rnode) {
		/* The header again, after a page break. */
		for (size_t k = 0; k < span; k++)
			im->state[i + k] = LINE_LAYOUT;
		if (nc == im->ntcols)
			imp_keep_cols(im, &hk);
		im->tbreak = true;
	} else if (all && parent->kind == FDEF_REPEAT) {
		imp_close(im);
		im->rk = R_TABLE;
		im->rnode = parent;
		im->cursor = parent->id;
		im->tcols = nodes;
		imp_keep_cols(im, &hk);
		im->ntcols = nc;
		im->tblock = imp_table_blocks(im, i + span - 1);
		im->tbreak = false;
		nodes = NULL;
		for (size_t k = 0; k < span; k++)
			im->state[i + k] = LINE_MAPPED;
	} else if (all) {
		size_t j = i + span;
		char **vals = NULL;

		imp_close(im);
		while (j < im->L.n && (im->L.v[j].blank || im->L.v[j].rule ||
		                       im->state[j] == LINE_LAYOUT))
			j++;
		for (size_t k = 0; k < span; k++)
			im->state[i + k] = LINE_MAPPED;
		if (j < im->L.n) {
			vals = itable_split(im->L.v[j].text, &hk, NULL);
			im->state[j] = LINE_MAPPED;
		}
		for (size_t c = 0; c < nc; c++) {
			struct doc_group *g = imp_holder(im, nodes[c], true);

			im->nrl = 0;
			imp_region_add(im, j < im->L.n ? j : i,
			               vals ? vals[c] : "");
			if (g != NULL)
				imp_read_item(im, g, nodes[c]);
			im->cursor = nodes[c]->id;
		}
		im->nrl = 0;
		if (vals != NULL)
			imp_free_cells(vals, nc);
	}
	imp_free_cells(cells, nc);
	free(nodes);
	itable_cols_fini(&hk);
	return all;
}

/* ----- before and after reading ----- */

/* Say whether folded text is a page number: digits with - / ( ) 頁
 * ページ page of and the like. No memory. */
static bool
imp_page_number(const char *f)
{
	static const char *const words[] = {"頁", "ページ", "page", "of", "p."};
	bool digits = false;

	for (const char *c = f; *c;) {
		size_t k;

		if (*c >= '0' && *c <= '9') {
			digits = true;
			c++;
			continue;
		}
		if (*c == '-' || *c == '/' || *c == '(' || *c == ')') {
			c++;
			continue;
		}
		for (k = 0; k < sizeof words / sizeof words[0]; k++)
			if (strncmp(c, words[k], strlen(words[k])) == 0)
				break;
		if (k == sizeof words / sizeof words[0])
			return false;
		c += strlen(words[k]);
	}
	return digits;
}

/* Line i folded with JTEXT_DROP_BLANKS, made on the first call. Borrowed:
 * valid until imp_line_folds_free(). */
static const char *
imp_line_fold(struct imp *im, size_t i)
{
	if (im->lfold == NULL)
		im->lfold = xcalloc(im->L.n + 1, sizeof *im->lfold);
	if (im->lfold[i] == NULL)
		im->lfold[i] = jtext_fold(im->L.v[i].text, JTEXT_DROP_BLANKS);
	return im->lfold[i];
}

/* Free the folded lines (before lines are changed by reading labels). */
static void
imp_line_folds_free(struct imp *im)
{
	for (size_t i = 0; im->lfold != NULL && i < im->L.n; i++)
		free(im->lfold[i]);
	free(im->lfold);
	im->lfold = NULL;
}

/* Mark as layout the lines that are the form's own printed words with no
 * item of their own: the heading of the list of parts (項目一覧, the
 * form's print: contents). */
static void
imp_form_words(struct imp *im)
{
	const char *contents =
	        im->fd->print.present ? im->fd->print.contents : NULL;
	char *want;

	if (contents == NULL)
		return;
	want = jtext_fold(contents, JTEXT_DROP_BLANKS);
	for (size_t i = 0; i < im->L.n; i++)
		if (im->state[i] == LINE_UNREAD && !im->L.v[i].blank &&
		    strcmp(imp_line_fold(im, i), want) == 0)
			im->state[i] = LINE_LAYOUT;
	free(want);
}

/* Mark the running headers, footers and page numbers of a paged source
 * as layout: the first and last lines of pages that are a page number or
 * the same text (blanks aside) on a third of the pages or more. */
static void
imp_page_furniture(struct imp *im)
{
	int pages = im->L.n ? im->L.v[im->L.n - 1].page : 0;
	size_t *edge, nedge = 0;
	const char **fold;

	if (pages < 3)
		return;
	edge = xcalloc(2 * (size_t)pages + 2, sizeof *edge);
	for (size_t i = 0; i < im->L.n; i++) {
		bool first = true;

		if (im->L.v[i].blank)
			continue;
		/* The first non-blank line of its page, and the last. */
		for (size_t j = i; j-- > 0;)
			if (!im->L.v[j].blank) {
				first = im->L.v[j].page != im->L.v[i].page;
				break;
			}
		if (first) {
			edge[nedge++] = i;
			continue;
		}
		for (size_t j = i + 1; j <= im->L.n; j++)
			if (j == im->L.n || !im->L.v[j].blank) {
				if (j == im->L.n ||
				    im->L.v[j].page != im->L.v[i].page)
					edge[nedge++] = i;
				break;
			}
	}
	fold = xcalloc(nedge + 1, sizeof *fold);
	for (size_t e = 0; e < nedge; e++)
		fold[e] = imp_line_fold(im, edge[e]);
	for (size_t e = 0; e < nedge; e++) {
		size_t same = 0;

		for (size_t k = 0; k < nedge; k++)
			same += strcmp(fold[k], fold[e]) == 0;
		if (imp_page_number(fold[e]) || same * 3 >= (size_t)pages)
			im->state[edge[e]] = LINE_LAYOUT;
	}
	free(fold);
	free(edge);
}

/* Return the first run of two or more characters beyond ASCII of a label
 * (a word to look for before folding a line), or the label. Caller frees. */
static char *
imp_key(const char *label)
{
	const char *p = label;

	while (*p != '\0') {
		const char *q = p;

		while ((*q & 0x80) != 0)
			q++;
		if (q - p >= 6)
			return xstrndup(p, (size_t)(q - p));
		p = *q ? q + 1 : q;
	}
	return xstrdup(label);
}

/* Return the first line before line limit that holds label (folded);
 * limit when there is none. No memory beyond what it frees. */
static size_t
imp_first_line(struct imp *im, const char *label, size_t limit)
{
	char *f = jtext_fold(label, JTEXT_DROP_BLANKS);
	char *key = imp_key(label);
	size_t at = limit;

	for (size_t i = 0; i < limit && at == limit; i++)
		/* A cheap test first: a word of the label. */
		if (strstr(im->L.v[i].text, key) != NULL &&
		    strstr(imp_line_fold(im, i), f) != NULL)
			at = i;
	free(key);
	free(f);
	return at;
}

/* Find the form version the source shows: its mark, or a checkbox member
 * that only one version has (4情報 / 5情報). Returns the version, or -1. */
static long
imp_find_version(struct imp *im, char **why)
{
	const struct fdef *fd = im->fd;
	unsigned all = (1u << fd->nversions) - 1;
	long found = -1;

	*why = NULL;
	for (size_t i = 0; i < im->L.n && found < 0; i++) {
		struct imp_match m;
		const char *t = im->L.v[i].text;

		if (!im->L.v[i].blank &&
		    imp_match_at(im, t, strspn(t, " \t"), false, &m) &&
		    m.a->kind == IMP_VERSION) {
			found = (long)m.a->version;
			*why = xasprintf(_("the form version %s was taken from "
			                   "the mark 「%s」 (line %d)"),
			                 fd->versions[found].id,
			                 fd->versions[found].label,
			                 im->L.v[i].no);
		}
	}
	/* A member of one version only, found in the text: the one that
	 * occurs first (the body comes before a change log that may hold the
	 * member of the older version). */
	if (found < 0) {
		size_t first = im->L.n;
		const struct fdef_member *by = NULL;

		for (size_t k = 0; k < fd->nall; k++)
			for (size_t m = 0; fd->all[k]->type == FT_MULTI &&
			                   m < fd->all[k]->nmembers;
			     m++) {
				const struct fdef_member *mb =
				        &fd->all[k]->members[m];
				size_t at =
				        imp_first_line(im, mb->label, first);

				if (mb->versions != 0 &&
				    (mb->versions & all) != all && at < first) {
					first = at;
					by = mb;
				}
			}
		for (size_t v = 0; by != NULL && v < fd->nversions; v++)
			if (by->versions & (1u << v)) {
				found = (long)v;
				*why = xasprintf(
				        _("the form version %s was taken "
				          "from the checkbox 「%s」 (line "
				          "%d)"),
				        fd->versions[v].id, by->label,
				        im->L.v[first].no);
				break;
			}
	}
	return found;
}

/* Say whether line i, matched as part heading m, is that heading printed
 * again at the top of a page (the title rows a spreadsheet repeats on
 * every page): every line before it on its page is blank or page
 * furniture, it reads (blanks aside) as last, the part heading read
 * before it, and unless the part is a table (別添1) or its table (別添2)
 * is being read the next line of text is not in the part's first section
 * (where the part itself starts). No memory beyond what it frees. */
static bool
imp_running_head(struct imp *im, size_t i, const struct imp_match *m,
                 const char *last)
{
	const struct fdef_node *part = m->a->node;
	struct imp_match next;
	size_t j, cursor;
	char *f;
	bool same, found;

	if (last == NULL || m->a->kind != IMP_PART || part == NULL)
		return false;
	for (j = i; j-- > 0 && im->L.v[j].page == im->L.v[i].page;)
		if (!im->L.v[j].blank && im->state[j] != LINE_LAYOUT)
			return false;
	f = jtext_fold(im->L.v[i].text, JTEXT_DROP_BLANKS);
	same = strcmp(f, last) == 0;
	free(f);
	if (!same || imp_table_of(part) != NULL || part->nkids == 0)
		return same;
	/* The rows of a table of the part go on. */
	if (im->rk == R_TABLE && im->rnode->id >= part->id &&
	    im->rnode->id <= im->end_id[part->id])
		return true;
	for (j = i + 1; j < im->L.n; j++)
		if (!im->L.v[j].blank && im->state[j] != LINE_LAYOUT)
			break;
	/* The labels of the part first (a label printed in several parts:
	 * 1. 特定個人情報ファイル名). */
	cursor = im->cursor;
	im->cursor = part->id;
	found = j < im->L.n && imp_match(im, im->L.v[j].text, &next) &&
	        next.a->node != NULL;
	im->cursor = cursor;
	if (!found)
		return true;
	return next.a->node->id < part->kids[0]->id ||
	       next.a->node->id > im->end_id[part->kids[0]->id];
}

/* Count the files: the most times a part of the repeat of parts is
 * headed in the text (not counting the list of parts). */
static void
imp_count_files(struct imp *im)
{
	size_t *count = xcalloc(im->fd->nall + 1, sizeof *count);
	bool prev_part = false;
	size_t prev = 0;
	char *last = NULL;

	im->nfiles = 1;
	for (size_t i = 0; i < im->L.n; i++) {
		struct imp_match m;
		char *tmp;
		const char *t;
		bool part;

		if (im->L.v[i].blank || im->L.v[i].bare || imp_indented(im, i))
			continue;
		t = imp_line_text(im, i, &tmp);
		im->cursor = 0;
		part = imp_match(im, t, &m) && m.a->kind == IMP_PART;
		free(tmp);
		if (part && imp_running_head(im, i, &m, last))
			continue;
		if (part) {
			free(last);
			last = jtext_fold(im->L.v[i].text, JTEXT_DROP_BLANKS);
		}
		/* Two part headings in a row: a list of parts. */
		if (part && prev_part && count[prev] > 0)
			count[prev]--;
		if (part && im->parts != NULL && m.a->node->parent == im->parts)
			count[m.a->node->id]++;
		prev_part = part;
		if (part)
			prev = m.a->node->id;
	}
	for (size_t k = 0; k < im->fd->nall; k++)
		if (count[k] > im->nfiles)
			im->nfiles = count[k];
	if (im->parts != NULL && im->nfiles > im->parts->max)
		im->nfiles = im->parts->max;
	free(last);
	free(count);
}

/* Return the usual width (display columns) of a full line of the values
 * of layout text: the width, give or take one, that the last cells of
 * lines (runs of two blanks or more apart; page furniture aside) twenty
 * columns wide or more have most often, counting each by its width (the
 * full lines of values are the long ones); 0 when there are none. No
 * memory. */
static size_t
imp_usual_width(const struct imp *im)
{
	size_t *count = xcalloc(IMP_WIDEST + 2, sizeof *count), best = 0;
	size_t most = 0;

	for (size_t i = 0; i < im->L.n; i++) {
		const char *s = im->L.v[i].text, *last = s;
		size_t w;

		for (const char *p = s; *p; p++)
			if (p[0] == ' ' && p[1] == ' ')
				last = p + 2;
		last += strspn(last, " ");
		w = utf8_width(last, strlen(last));
		if (w >= 20 && w <= IMP_WIDEST && im->state[i] != LINE_LAYOUT)
			count[w]++;
	}
	for (size_t w = 20; w < IMP_WIDEST; w++) {
		size_t c = (count[w - 1] + count[w] + count[w + 1]) * w;

		if (c > most) {
			most = c;
			best = w;
		}
	}
	free(count);
	return best;
}

/* Say whether pages of text have lost their layout (pdftotext without
 * -layout): hardly a line (one in twenty) has two blanks between its
 * words. No memory. */
static bool
imp_is_raw(const struct imp *im)
{
	size_t lines = 0, gaps = 0;

	for (size_t i = 0; i < im->L.n; i++) {
		const char *t = im->L.v[i].text, *p = t + strspn(t, " ");

		if (im->L.v[i].blank)
			continue;
		lines++;
		for (; *p; p++)
			if (p[0] == ' ' && p[1] == ' ') {
				p += strspn(p, " ");
				gaps += *p != '\0';
				break;
			}
	}
	return lines > 0 && gaps * 20 < lines;
}

/* Say whether the text is layout text of pages (pdftotext -layout): no
 * tabs, and a PDF or pages. */
static void
imp_layout(struct imp *im, const char *text, bool pdf)
{
	im->cx.layout = !im->cx.verbatim && strchr(text, '\t') == NULL &&
	                (pdf || strchr(text, '\f') != NULL);
}

/* Say whether the text is hyoka's own text export: rules of = and
 * "  | " value lines. No memory. */
static bool
imp_is_export(const struct ilines *L)
{
	bool rule = false, value = false;

	for (size_t i = 0; i < L->n && !(rule && value); i++) {
		const char *s = L->v[i].raw;

		if (strspn(s, "=") >= 40 && s[strspn(s, "=")] == '\0')
			rule = true;
		if (strncmp(s, "  | ", 4) == 0 || strcmp(s, "  |") == 0)
			value = true;
	}
	return rule && value;
}

/* Say whether item n is printed with a label, a heading or a block name of
 * its own (so that its absence is news). No memory. */
static bool
imp_printed(const struct fdef_node *n)
{
	return n->companion_of == NULL && !imp_count_after_choice(n);
}

/* Add a note about item n of instance g. */
static void
imp_note(struct imp *im, enum import_note_kind kind, struct doc_group *g,
         const struct fdef_node *n, int first, int last, const char *reason)
{
	struct import_result *r = im->r;
	struct import_note *note;

	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof *r->notes);
	note = &r->notes[r->nnotes++];
	memset(note, 0, sizeof *note);
	note->kind = kind;
	note->path = doc_path_of(g, n);
	note->ref = doc_ref_of(g, n);
	note->name = name_item(g, n);
	note->first = first;
	note->last = last;
	note->reason = xstrdup(reason);
	doc_review_add(g, n->key, reason);
}

/* Say whether instance g holds no value at all. No memory. */
static bool
imp_empty(const struct doc_group *g)
{
	for (size_t k = 0; k < g->def->nkids; k++) {
		const struct doc_slot *s = &g->slots[k];

		if ((s->grp != NULL && !imp_empty(s->grp)) || s->ninst > 0 ||
		    (g->def->kids[k]->kind == FDEF_ITEM &&
		     !doc_value_empty(&s->val)))
			return false;
	}
	return true;
}

/* Drop the empty blocks at the end of every repeat (block 1 is printed
 * even when it is empty; empty blocks between filled ones keep their
 * numbers). The repeat of parts keeps one. */
static void
imp_prune(struct imp *im, struct doc_group *g)
{
	for (size_t k = 0; k < g->def->nkids; k++) {
		const struct fdef_node *n = g->def->kids[k];
		struct doc_slot *s = &g->slots[k];

		if (s->grp != NULL)
			imp_prune(im, s->grp);
		for (size_t j = 0; j < s->ninst; j++)
			imp_prune(im, s->inst[j]);
		while (n->kind == FDEF_REPEAT && s->ninst > 0 &&
		       (n != im->parts || s->ninst > 1) &&
		       imp_empty(s->inst[s->ninst - 1]))
			doc_remove_instance(g, n, s->ninst - 1);
	}
}

/* Read the 項目 of every row of the change log (別添2) through the
 * reference resolver: a 項目 that names no item of the document, or
 * several, is doubt (the reference may be fine and the document wrong:
 * the resolver says which block or file is missing). */
static void
imp_check_log(struct imp *im)
{
	const struct fdef_node *item = fdef_role(im->fd, "change_item");
	const struct doc_group *h;
	struct resolve_log log;
	struct doc_slot *s;

	if (item == NULL || item->parent->kind != FDEF_REPEAT ||
	    (h = doc_holder(im->d->root, item->parent)) == NULL)
		return;
	s = doc_slot(h, item->parent);
	resolve_log(im->d, &log);
	for (size_t i = 0; i < log.n && i < s->ninst; i++) {
		const struct resolve_result *res = &log.rows[i];
		char *msg;

		if (res->status == RESOLVE_SURE ||
		    doc_value_empty(&doc_slot(s->inst[i], item)->val))
			continue;
		msg = xasprintf(
		        res->status == RESOLVE_AMBIGUOUS
		                ? _("this 項目 may name several items (%s); "
		                    "check the reference")
		                : _("this 項目 names no item of the document "
		                    "(%s); check the reference and the blocks "
		                    "and files read"),
		        res->reason ? res->reason : "");
		imp_doubt(im, s->inst[i], item, msg);
		free(msg);
	}
	resolve_log_fini(&log);
}

/* Walk the document in form order: count what was read and note and mark
 * what is uncertain or missing. */
static void
imp_walk(struct imp *im, struct doc_group *g)
{
	for (size_t k = 0; k < g->def->nkids; k++) {
		const struct fdef_node *n = g->def->kids[k];
		struct doc_slot *s = &g->slots[k];

		if (!fdef_in_version(n, im->d->version))
			continue;
		if (n->kind == FDEF_GROUP) {
			imp_walk(im, s->grp);
		} else if (n->kind == FDEF_REPEAT) {
			for (size_t j = 0; j < s->ninst; j++)
				imp_walk(im, s->inst[j]);
		} else {
			struct imp_item *it = imp_item(im, g, n);

			if (it->found && it->unmarked && it->reason == NULL &&
			    doc_value_empty(&s->val) &&
			    doc_visible(im->d, g, n) &&
			    doc_required(im->d, g, n))
				it->reason = xstrdup(_(
				        "no box is marked; the marks may have "
				        "been lost in the extraction"));
			if (it->found && it->reason != NULL) {
				im->r->nuncertain++;
				imp_note(im, IMPORT_UNCERTAIN, g, n, it->first,
				         it->last, it->reason);
			} else if (it->found) {
				im->r->nread++;
			} else if (imp_printed(n)) {
				im->r->nmissing++;
				imp_note(im, IMPORT_MISSING, g, n, 0, 0,
				         _("its label was not found in the "
				           "source"));
			}
		}
	}
}

/* Read text into a new document (see import.h). */
bool
import_text(const struct fdef *fd, const char *text, size_t len,
            const struct import_opts *o, struct import_result *r, char **err)
{
	struct imp im;
	long version = -1;
	char *why = NULL;

	memset(r, 0, sizeof *r);
	memset(&im, 0, sizeof im);
	*err = NULL;
	if (o->form_version != NULL) {
		version = fdef_version_find(fd, o->form_version);
		if (version < 0) {
			*err = xasprintf(_("unknown form version \"%s\""),
			                 o->form_version);
			return false;
		}
	}
	im.fd = fd;
	im.r = r;
	iline_split(text, len, false, &im.L);
	if (imp_is_export(&im.L)) {
		iline_free(&im.L);
		iline_split(text, len, true, &im.L);
		im.cx.verbatim = true;
	}
	im.state = xcalloc(im.L.n + 1, 1);
	im.end_id = xcalloc(fd->nall + 1, sizeof *im.end_id);
	for (size_t i = fd->nall; i-- > 0;) {
		const struct fdef_node *n = fd->all[i];

		if (im.end_id[n->id] < n->id)
			im.end_id[n->id] = n->id;
		if (n->parent != NULL &&
		    im.end_id[n->parent->id] < im.end_id[n->id])
			im.end_id[n->parent->id] = im.end_id[n->id];
	}
	for (size_t i = 0; i < fd->root->nkids; i++)
		if (imp_is_parts(fd->root->kids[i]))
			im.parts = fd->root->kids[i];
	/* Anchors of every version, to find the version; then the chosen
	 * version's. */
	im.d = doc_new(fd,
	               version >= 0 ? (size_t)version : fd->default_version);
	imp_build_anchors(&im);
	if (version < 0) {
		version = imp_find_version(&im, &why);
		if (version < 0) {
			version = (long)fd->default_version;
			r->version_doubt = true;
			why = xasprintf(_("no form version mark or checkbox of "
			                  "one version was found; the form "
			                  "version %s was taken: check it"),
			                fd->versions[version].id);
		}
		if ((size_t)version != im.d->version) {
			doc_free(&im.d);
			im.d = doc_new(fd, (size_t)version);
			for (size_t k = 0; k < im.nan; k++)
				free(im.an[k].u);
			free(im.an);
			im.an = NULL;
			im.nan = 0;
			imp_build_anchors(&im);
		}
	} else {
		why = xasprintf(_("the form version %s was given"),
		                fd->versions[version].id);
	}
	r->version_note = why;
	im.cx.version = (size_t)version;
	imp_layout(&im, text, o->pdf);
	im.cx.box = im.cx.layout ? o->box : NULL;
	imp_page_furniture(&im);
	imp_form_words(&im);
	imp_line_folds_free(&im);
	if (im.cx.layout) {
		im.cx.usual = imp_usual_width(&im);
		im.raw = imp_is_raw(&im);
		r->raw = im.raw;
	}
	imp_count_files(&im);
	if (im.parts != NULL)
		im.seen = xcalloc(fd->nall * im.parts->max + 1, 1);
	im.cursor = 0;
	im.file = 0;
	for (size_t i = 0; i < im.L.n; i++) {
		struct imp_match m;
		size_t off[IMP_WRAP];
		char *tmp;
		const char *t;
		bool found;

		if (im.state[i] != LINE_UNREAD)
			continue;
		if (im.L.v[i].blank || im.L.v[i].rule) {
			im.state[i] = LINE_LAYOUT;
			continue;
		}
		if (imp_indented(&im, i)) {
			if (im.rk != R_NONE)
				imp_region_add(&im, i, im.L.v[i].text);
			else
				imp_lost(&im, i, im.L.v[i].text, NULL);
			continue;
		}
		t = imp_line_text(&im, i, &tmp);
		if (im.rk != R_ANNEX && imp_header_row(&im, i, t)) {
			free(tmp);
			continue;
		}
		found = imp_match(&im, t, &m);
		if (found && imp_running_head(&im, i, &m, im.head)) {
			/* With several files, the 別添1 of the next one may
			 * start on a new page under the same heading. */
			im.annex_again |= im.rk == R_ANNEX && im.nfiles > 1;
			im.state[i] = LINE_LAYOUT;
			free(tmp);
			continue;
		}
		found = found && imp_may_end(&im, &m);
		/* A label broken over lines of the label column, unless a
		 * label ahead starts this line. */
		if (!im.cx.verbatim && im.rk != R_TABLE &&
		    (!found || m.a->numberless || !imp_ahead(&im, m.a))) {
			struct imp_match w;
			size_t span = imp_match_wrapped(&im, i, &w, off);

			if (span > 0 && imp_ahead(&im, w.a) &&
			    imp_may_end(&im, &w)) {
				free(tmp);
				imp_open(&im, i, im.L.v[i].text, &w);
				for (size_t k = 0; k < span; k++)
					imp_region_add(&im, i + 1 + k,
					               im.L.v[i + 1 + k].text +
					                       off[k]);
				continue;
			}
		}
		if (found) {
			bool toc = false;

			/* A part heading followed by another one is the
			 * list of parts (項目一覧). */
			if (m.a->kind == IMP_PART) {
				size_t j = i + 1;
				struct imp_match next;

				while (j < im.L.n &&
				       (im.L.v[j].blank || im.L.v[j].bare ||
				        im.state[j] != LINE_UNREAD))
					j++;
				toc = j < im.L.n &&
				      imp_match(&im, im.L.v[j].text, &next) &&
				      next.a->kind == IMP_PART;
			}
			if (toc) {
				im.state[i] = LINE_LAYOUT;
			} else {
				if (m.a->kind == IMP_PART) {
					free(im.head);
					im.head = jtext_fold(im.L.v[i].text,
					                     JTEXT_DROP_BLANKS);
				}
				/* The region keeps pointers into the line. */
				if (tmp != NULL) {
					free(im.L.v[i].text);
					im.L.v[i].text = tmp;
					tmp = NULL;
				}
				imp_open(&im, i, im.L.v[i].text, &m);
			}
			free(tmp);
			continue;
		}
		free(tmp);
		if (im.rk == R_TABLE) {
			imp_table_line(&im, i);
		} else if (im.rk != R_NONE) {
			const char *piece = imp_value_piece(&im, i);

			if (piece != NULL)
				imp_region_add(&im, i, piece);
			else
				im.state[i] = LINE_LAYOUT;
		} else {
			imp_lost(&im, i, im.L.v[i].text, NULL);
		}
	}
	imp_close(&im);
	/* At least one file, so that its missing items are listed. */
	if (im.parts != NULL && doc_slot(im.d->root, im.parts)->ninst == 0)
		doc_add_instance(im.d, im.d->root, im.parts, 0, NULL);
	imp_prune(&im, im.d->root);
	/* No instance is made or dropped after this: the records of items
	 * hold pointers to instances. */
	imp_check_log(&im);
	imp_walk(&im, im.d->root);
	for (size_t k = 0; k < im.nlost; k++) {
		struct import_note *note;
		size_t i = im.lost[k].line;

		r->notes = xreallocarray(r->notes, r->nnotes + 1,
		                         sizeof *r->notes);
		note = &r->notes[r->nnotes++];
		memset(note, 0, sizeof *note);
		note->kind = IMPORT_UNMAPPED;
		note->first = note->last = im.L.v[i].no;
		note->text = im.lost[k].text;
		note->reason = im.lost[k].reason;
		r->nunmapped++;
	}
	r->doc = im.d;
	/* Clean up. */
	for (size_t k = 0; k < im.nan; k++)
		free(im.an[k].u);
	free(im.an);
	free(im.first);
	for (size_t k = 0; k < im.nit; k++)
		free(im.it[k].reason);
	free(im.it);
	free(im.hash);
	imp_fold_free(&im);
	free(im.bl);
	free(im.lost);
	free(im.rl);
	free(im.rli);
	free(im.seen);
	free(im.head);
	free(im.end_id);
	free(im.state);
	iline_free(&im.L);
	return true;
}

/* Release what import_text() stored. */
void
import_result_fini(struct import_result *r)
{
	doc_free(&r->doc);
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].path);
		free(r->notes[i].ref);
		free(r->notes[i].name);
		free(r->notes[i].reason);
		free(r->notes[i].text);
	}
	free(r->notes);
	free(r->version_note);
	memset(r, 0, sizeof *r);
}
