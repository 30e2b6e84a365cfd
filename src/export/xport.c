#include <config.h>
#include "xport.h"

#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* A text item whose label is wider than this many columns is printed over
 * the whole width with its content below (as the long "...におけるその他の
 * リスク及びそのリスクに対する措置" rows are). */
#define XPORT_WIDE_LABEL 40

/* A heading over items no wider than this (④使用の主体, 再委託) is a row
 * group, printed in a cell beside its items' labels. */
#define XPORT_GROUP_LABEL 16

/* The bounds of a table column's width (display columns): a short column
 * stays readable, a long text wraps. */
#define XPORT_COL_MIN 6
#define XPORT_COL_MAX 40

struct xport_ctx {
	const struct doc *d;
	struct xport *x;
	struct xport_part *part;
};

static void xport_group(struct xport_ctx *cx, const struct doc_group *g,
                        int depth, size_t from);

/* Add a part to the layout. Borrowed. */
static struct xport_part *
xport_add_part(struct xport *x, char *heading, char *sheet)
{
	struct xport_part *p;

	x->parts = xreallocarray(x->parts, x->nparts + 1, sizeof *x->parts);
	p = &x->parts[x->nparts++];
	memset(p, 0, sizeof *p);
	p->heading = heading;
	p->sheet = sheet;
	return p;
}

/* Add a row to the current part; text is taken. Borrowed. */
static struct xport_row *
xport_add_row(struct xport_ctx *cx, enum xport_row_kind kind, char *text)
{
	struct xport_part *p = cx->part;
	struct xport_row *r;

	p->rows = xreallocarray(p->rows, p->nrows + 1, sizeof *p->rows);
	r = &p->rows[p->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->text = text;
	return r;
}

/* Add an empty cell to a row. Borrowed. */
static struct xport_cell *
xport_add_cell(struct xport_row *r, enum xport_cell_kind kind)
{
	struct xport_cell *c;

	r->cells = xreallocarray(r->cells, r->ncells + 1, sizeof *r->cells);
	c = &r->cells[r->ncells++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

/* A text of the form with the * filled in for instance g (委託事項*);
 * most have none. Caller frees. */
static char *
xport_fill_stars(const struct doc_group *g, const char *tmpl)
{
	return strchr(tmpl, '*') ? doc_fill(g, tmpl) : xstrdup(tmpl);
}

/* The value of an item as printed: empty when hidden. Borrowed. */
static const struct doc_value *
xport_value(const struct xport_ctx *cx, const struct doc_group *g,
            const struct fdef_node *node)
{
	static const struct doc_value none = {NULL, 0, 0, 0};

	if (!doc_visible(cx->d, g, node))
		return &none;
	return &doc_slot(g, node)->val;
}

/* The first string of a value, "" when empty; caller frees. */
static char *
xport_scalar(const struct doc_value *v)
{
	return xstrdup(v->n > 0 ? v->v[0] : "");
}

/* Tell whether a label is a section number heading ("3. ..."). */
static bool
xport_numbered(const char *s)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && s[i] == '.' && s[i + 1] == ' ';
}

/* Tell whether an item is printed as a wide row (label over the content). */
static bool
xport_wide(const struct fdef_node *n)
{
	if (!fdef_types[n->type].free_text)
		return false;
	return xport_numbered(n->label) ||
	       utf8_width(n->label, strlen(n->label)) > XPORT_WIDE_LABEL;
}

/* Tell whether a value (a multi's labels) holds a label. */
static bool
xport_has(const struct doc_value *v, const char *label)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], label) == 0)
			return true;
	return false;
}

/* The sibling item that is the ( ) text or ( n ) 件 count of member m of
 * a checkbox set; NULL when it has none. Borrowed. */
static const struct fdef_node *
xport_companion(const struct xport_ctx *cx, const struct fdef_node *set,
                size_t m)
{
	const struct fdef_node *p = set->parent;

	for (size_t i = 0; i < p->nkids; i++)
		if (p->kids[i]->companion_of == set &&
		    p->kids[i]->member == m &&
		    fdef_in_version(p->kids[i], cx->d->version))
			return p->kids[i];
	return NULL;
}

/* Fill a cell with the marks of a checkbox set or a flag. */
static void
xport_marks(const struct xport_ctx *cx, const struct doc_group *g,
            const struct fdef_node *node, struct xport_cell *c)
{
	const struct doc_value *v = xport_value(cx, g, node);
	const char *group = NULL;

	c->node = node;
	if (fdef_types[node->type].shape == FS_BOOL) {
		c->marks = xcalloc(1, sizeof *c->marks);
		c->nmarks = 1;
		c->marks[0].label = node->label;
		c->marks[0].checked = v->n > 0;
		return;
	}
	c->marks =
	        xcalloc(node->nmembers ? node->nmembers : 1, sizeof *c->marks);
	for (size_t i = 0; i < node->nmembers; i++) {
		const struct fdef_member *m = &node->members[i];
		const struct fdef_node *comp;
		struct xport_mark *k;

		if (!fdef_member_in_version(m, cx->d->version))
			continue;
		k = &c->marks[c->nmarks++];
		if (m->group != NULL &&
		    (group == NULL || strcmp(group, m->group) != 0))
			k->group = m->group;
		group = m->group;
		k->label = m->label;
		k->checked = xport_has(v, m->label);
		comp = xport_companion(cx, node, i);
		if (comp != NULL) {
			k->has_extra = true;
			k->count = comp->type == FT_COUNT;
			k->extra = xport_scalar(xport_value(cx, g, comp));
			k->ref = doc_ref_of(g, comp);
			k->xlabel = xport_fill_stars(g, comp->label);
			k->xwho = (struct xport_who){g, comp};
		}
	}
}

/* Fill the content cell of an item. */
static void
xport_fill(const struct xport_ctx *cx, const struct doc_group *g,
           const struct fdef_node *node, struct xport_cell *c)
{
	c->ref = doc_ref_of(g, node);
	c->label = xport_fill_stars(g, node->label);
	c->who = (struct xport_who){g, node};
	switch (fdef_types[node->type].input) {
	case FI_PICK:
		c->kind = XPORT_CHOICE;
		c->node = node;
		c->text = xport_scalar(xport_value(cx, g, node));
		break;
	case FI_CHECK:
		c->kind = XPORT_MARKS;
		xport_marks(cx, g, node, c);
		break;
	default:
		c->kind = XPORT_TEXT;
		c->multiline = !fdef_types[node->type].one_line;
		c->text = xport_scalar(xport_value(cx, g, node));
		break;
	}
}

/* Print a table item: its column labels and its rows. */
static void
xport_table(struct xport_ctx *cx, const struct doc_group *g,
            const struct fdef_node *node)
{
	const struct doc_value *v = xport_value(cx, g, node);
	struct xport_row *r = xport_add_row(cx, XPORT_TABLE_HEAD, NULL);
	char *ref = doc_ref_of(g, node);
	size_t nc = node->ncolumns;

	for (size_t k = 0; k < nc; k++)
		xport_add_cell(r, XPORT_TEXT)->text =
		        xstrdup(node->columns[k].label);
	for (size_t i = 0; nc > 0 && i + nc <= v->n; i += nc) {
		r = xport_add_row(cx, XPORT_TABLE_ROW, NULL);
		for (size_t k = 0; k < nc; k++) {
			struct xport_cell *c = xport_add_cell(r, XPORT_TEXT);

			c->ref = xasprintf("%s-%zu", ref, i / nc + 1);
			c->label = xstrdup(node->columns[k].label);
			c->text = xstrdup(v->v[i + k]);
		}
	}
	free(ref);
}

/* Print one item (with the count that follows a choice, if any). */
static void
xport_item(struct xport_ctx *cx, const struct doc_group *g,
           const struct fdef_node *node, const struct fdef_node *count)
{
	struct xport_row *r;
	struct xport_cell *c;

	if (fdef_types[node->type].shape == FS_ROWS) {
		xport_table(cx, g, node);
		return;
	}
	r = xport_add_row(cx, xport_wide(node) ? XPORT_WIDE : XPORT_ITEM,
	                  xport_fill_stars(g, node->label));
	c = xport_add_cell(r, XPORT_TEXT);
	xport_fill(cx, g, node, c);
	if (count != NULL) {
		c->has_count = true;
		c->count = xport_scalar(xport_value(cx, g, count));
		c->count_ref = doc_ref_of(g, count);
		c->count_label = xport_fill_stars(g, count->label);
		c->count_who = (struct xport_who){g, count};
	}
}

/* Print one block of a repeat (システム1, 委託事項2 ...); an empty block
 * when inst is a blank instance. */
static void
xport_block(struct xport_ctx *cx, const struct doc_group *inst, int depth)
{
	const struct fdef_node *rep = inst->def;
	char *heading = doc_fill(inst, rep->instance_label ? rep->instance_label
	                                                   : rep->label);

	if (rep->name_item != NULL) {
		/* The block's name sits in its heading row (委託事項1 名称). */
		struct xport_row *r = xport_add_row(cx, XPORT_ITEM, heading);

		xport_fill(cx, inst, rep->name_item,
		           xport_add_cell(r, XPORT_TEXT));
	} else {
		xport_add_row(cx, XPORT_HEADING, heading);
	}
	cx->part->rows[cx->part->nrows - 1].block = true;
	xport_group(cx, inst, depth + 1, 0);
}

/* Print the blocks of a repeat in the printed groups (システム1,
 * システム2～5 ...): the first block even when empty, a group's heading
 * even when the group is empty, and the blocks in use. */
static void
xport_blocks(struct xport_ctx *cx, const struct doc_group *g,
             const struct fdef_node *rep, int depth)
{
	const struct fdef_print *pr = cx->x->print;
	const struct doc_slot *s = doc_slot(g, rep);
	size_t n = doc_visible(cx->d, g, rep) ? s->ninst : 0, lo = 0;
	const char *il = rep->instance_label ? rep->instance_label : rep->label;

	for (size_t k = 0; k <= pr->nranges; k++) {
		size_t hi = k < pr->nranges ? pr->ranges[k] : n;

		if (hi > rep->max)
			hi = rep->max;
		if (hi <= lo)
			continue;
		if (k < pr->nranges && hi - lo > 1) {
			char *range =
			        xasprintf("%zu%s%zu", lo + 1, pr->range, hi);
			const char *star = strchr(il, '*');
			char *h = star ? xasprintf("%.*s%s%s", (int)(star - il),
			                           il, range, star + 1)
			               : xasprintf("%s%s", il, range);

			xport_add_row(cx, XPORT_HEADING, h);
			free(range);
		}
		for (size_t i = lo; i < hi; i++) {
			if (i < n) {
				xport_block(cx, s->inst[i], depth);
			} else if (i == 0) {
				struct doc_group *blank = doc_group_new(
				        rep, (struct doc_group *)g, 0);

				xport_block(cx, blank, depth);
				doc_group_free(&blank);
			}
		}
		lo = hi;
	}
}

/* Count the flags that open a group (printed in its heading row). */
static size_t
xport_leading_flags(const struct fdef_node *group, size_t version)
{
	size_t n = 0;

	while (n < group->nkids && group->kids[n]->kind == FDEF_ITEM &&
	       fdef_types[group->kids[n]->type].shape == FS_BOOL &&
	       fdef_in_version(group->kids[n], version))
		n++;
	return n;
}

/* Print a section heading for a group: its title and the flags printed
 * at its right (4. ... [ ] 委託しない); returns how many flags. */
static size_t
xport_section(struct xport_ctx *cx, const struct doc_group *g)
{
	const struct fdef_node *def = g->def;
	size_t nflags = xport_leading_flags(def, cx->d->version);
	struct xport_row *r =
	        xport_add_row(cx, XPORT_SECTION,
	                      xstrdup(def->title ? def->title : def->label));

	for (size_t i = 0; i < nflags; i++)
		xport_fill(cx, g, def->kids[i], xport_add_cell(r, XPORT_TEXT));
	return nflags;
}

/* Print a heading over items (4. 個人番号の利用 ※, a risk statement) at
 * depth; a short one is a row group (④使用の主体, 再委託), printed in a
 * cell beside its items' labels: then its label is returned. Borrowed. */
static const char *
xport_heading(struct xport_ctx *cx, const struct fdef_heading *h, int depth)
{
	if (xport_numbered(h->label)) {
		xport_add_row(cx, depth == 0 ? XPORT_SECTION : XPORT_HEADING,
		              xstrdup(h->label));
		return NULL;
	}
	if (utf8_width(h->label, strlen(h->label)) <= XPORT_GROUP_LABEL)
		return h->label;
	xport_add_row(cx, XPORT_HEADING, xstrdup(h->label));
	return NULL;
}

/* Print the kids of a group instance from kid number from on; depth 0 is
 * the top of a part, where groups and repeats are sections. */
static void
xport_group(struct xport_ctx *cx, const struct doc_group *g, int depth,
            size_t from)
{
	const struct fdef_node *def = g->def;
	const struct fdef_heading *over = NULL;
	const char *group = NULL;

	for (size_t i = from; i < def->nkids; i++) {
		const struct fdef_node *k = def->kids[i];
		const struct fdef_node *next =
		        i + 1 < def->nkids ? def->kids[i + 1] : NULL;
		size_t first_row = cx->part->nrows;

		if (!fdef_in_version(k, cx->d->version) || k == def->name_item)
			continue; /* a block's name is in its heading row */
		if (k->heading != over) {
			over = k->heading;
			group = over ? xport_heading(cx, over, depth) : NULL;
			first_row = cx->part->nrows;
		}
		if (k->kind == FDEF_GROUP) {
			const struct doc_group *sub = doc_slot(g, k)->grp;

			if (depth == 0) {
				xport_group(cx, sub, depth + 1,
				            xport_section(cx, sub));
			} else {
				xport_add_row(cx, XPORT_HEADING,
				              xstrdup(k->title ? k->title
				                               : k->label));
				xport_group(cx, sub, depth + 1, 0);
			}
		} else if (k->kind == FDEF_REPEAT) {
			if (depth == 0)
				xport_add_row(cx, XPORT_SECTION,
				              xstrdup(k->title ? k->title
				                               : k->label));
			xport_blocks(cx, g, k, depth);
		} else if (k->companion_of != NULL) {
			continue; /* printed in its checkbox set */
		} else if (k->type == FT_CHOICE && next != NULL &&
		           next->kind == FDEF_ITEM && next->type == FT_COUNT &&
		           next->companion_of == NULL &&
		           fdef_in_version(next, cx->d->version)) {
			xport_item(cx, g, k,
			           next); /* [委託する] ... ( 1 ) 件 */
			i++;
		} else {
			xport_item(cx, g, k, NULL);
		}
		for (size_t r = first_row; group != NULL && r < cx->part->nrows;
		     r++)
			cx->part->rows[r].group = xstrdup(group);
	}
}

/* The printed title of a node; caller frees. */
static char *
xport_title(const struct fdef_node *n)
{
	return xstrdup(n->title ? n->title : n->label);
}

/* The sheet name of a node (its short name, else its title); caller
 * frees. */
static char *
xport_sheet(const struct fdef_node *n)
{
	return xstrdup(n->short_name ? n->short_name
	                             : (n->title ? n->title : n->label));
}

/* Replace {name} placeholders of a pattern; caller frees. */
static char *
xport_pattern(const char *pat, const char *const *names,
              const char *const *values, size_t n)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (const char *p = pat; *p;) {
		size_t k = n;

		if (*p == '{')
			for (k = 0; k < n; k++)
				if (strncmp(p + 1, names[k],
				            strlen(names[k])) == 0 &&
				    p[1 + strlen(names[k])] == '}')
					break;
		if (k < n) {
			sbuf_adds(&sb, values[k]);
			p += strlen(names[k]) + 2;
		} else {
			sbuf_addc(&sb, *p++);
		}
	}
	return sbuf_detach(&sb);
}

/* Print the parts held by each instance of a repeat of parts (the files:
 * II, 別添1 and III): every file's II, then every file's 別添1 ... */
static void
xport_file_parts(struct xport_ctx *cx, const struct fdef_node *rep)
{
	const struct fdef_print *pr = cx->x->print;
	const struct doc_slot *s = doc_slot(cx->d->root, rep);
	size_t n = s->ninst ? s->ninst : 1;
	struct doc_group *blank =
	        s->ninst ? NULL : doc_group_new(rep, cx->d->root, 0);

	for (size_t k = 0; k < rep->nkids; k++) {
		const struct fdef_node *part = rep->kids[k];

		if (part->kind != FDEF_GROUP ||
		    !fdef_in_version(part, cx->d->version))
			continue;
		for (size_t i = 0; i < n; i++) {
			const struct doc_group *inst =
			        blank ? blank : s->inst[i];
			char *heading = xport_title(part);
			char *sheet = xport_sheet(part);

			if (n > 1) {
				static const char *const names[] = {
				        "title", "n", "name", "short"};
				const struct doc_value *v =
				        pr->file_name
				                ? doc_effective(cx->d, inst,
				                                pr->file_name)
				                : NULL;
				char num[24];
				const char *vals[4] = {heading, num,
				                       v && v->n ? v->v[0] : "",
				                       sheet};
				char *h, *sh;

				snprintf(num, sizeof num, "%zu", i + 1);
				h = xport_pattern(pr->file_heading, names, vals,
				                  4);
				sh = xport_pattern(pr->file_sheet, names, vals,
				                   4);
				free(heading);
				free(sheet);
				heading = h;
				sheet = sh;
			}
			cx->part = xport_add_part(cx->x, heading, sheet);
			xport_group(cx, doc_slot(inst, part)->grp, 0, 0);
		}
	}
	doc_group_free(&blank);
}

/* Print a repeat of items at the top (別添2) as a table, one row per
 * block. */
static void
xport_table_part(struct xport_ctx *cx, const struct fdef_node *rep)
{
	const struct doc_slot *s = doc_slot(cx->d->root, rep);
	struct xport_row *r;

	cx->part = xport_add_part(cx->x, xport_title(rep), xport_sheet(rep));
	cx->part->block_table = true;
	r = xport_add_row(cx, XPORT_TABLE_HEAD, NULL);
	for (size_t k = 0; k < rep->nkids; k++)
		if (fdef_in_version(rep->kids[k], cx->d->version))
			xport_add_cell(r, XPORT_TEXT)->text = xport_fill_stars(
			        cx->d->root, rep->kids[k]->label);
	for (size_t i = 0; i < s->ninst; i++) {
		const struct doc_group *inst = s->inst[i];

		r = xport_add_row(cx, XPORT_TABLE_ROW,
		                  doc_fill(inst, rep->instance_label
		                                         ? rep->instance_label
		                                         : rep->label));
		for (size_t k = 0; k < rep->nkids; k++) {
			const struct fdef_node *kid = rep->kids[k];
			struct xport_cell *c;

			if (!fdef_in_version(kid, cx->d->version))
				continue;
			c = xport_add_cell(r, XPORT_TEXT);
			c->ref = doc_ref_of(inst, kid);
			c->label = xport_fill_stars(inst, kid->label);
			c->who = (struct xport_who){inst, kid};
			c->multiline = true;
			c->text = kid->kind == FDEF_ITEM
			                  ? xport_scalar(
			                            xport_value(cx, inst, kid))
			                  : xstrdup("");
		}
	}
}

/* Print the cover: the title, its items, the version mark and the list
 * of the parts that follow. */
static void
xport_cover(struct xport_ctx *cx, const struct doc_group *cover)
{
	const struct fdef *fd = cx->d->fd;
	const char *mark = fd->versions[cx->d->version].mark;
	struct xport_row *r;

	cx->part = xport_add_part(cx->x, NULL, xport_sheet(cover->def));
	xport_add_row(cx, XPORT_TITLE, xstrdup(fd->title ? fd->title : ""));
	xport_group(cx, cover, 1, 0);
	if (mark != NULL)
		xport_add_row(cx, XPORT_NOTE, xstrdup(mark));
	r = xport_add_row(cx, XPORT_CONTENTS, xstrdup(cx->x->print->contents));
	for (size_t i = 1; i < fd->root->nkids; i++) {
		const struct fdef_node *k = fd->root->kids[i];

		if (!fdef_in_version(k, cx->d->version))
			continue;
		if (k->kind == FDEF_REPEAT && k->nkids > 0 &&
		    k->kids[0]->kind == FDEF_GROUP) {
			for (size_t j = 0; j < k->nkids; j++)
				if (k->kids[j]->kind == FDEF_GROUP &&
				    fdef_in_version(k->kids[j], cx->d->version))
					xport_add_cell(r, XPORT_TEXT)->text =
					        xport_title(k->kids[j]);
		} else {
			xport_add_cell(r, XPORT_TEXT)->text = xport_title(k);
		}
	}
}

/* Measure the columns of the table that starts at row from of a part. */
static void
xport_widths(struct xport_part *p, size_t from)
{
	size_t nc = p->rows[from].ncells;

	p->widths = xcalloc(nc ? nc : 1, sizeof *p->widths);
	p->nwidths = nc;
	/* A text wider than XPORT_COL_MAX is measured only that far. */
	for (size_t i = from; i < p->nrows; i++)
		for (size_t k = 0; k < nc && k < p->rows[i].ncells; k++) {
			const char *t = p->rows[i].cells[k].text;
			size_t n = strlen(t), w;

			if (p->widths[k] > XPORT_COL_MAX)
				continue;
			if (utf8_fit(t, n, XPORT_COL_MAX, &w) < n)
				w = XPORT_COL_MAX + 1;
			if (w > p->widths[k])
				p->widths[k] = w;
		}
	for (size_t k = 0; k < nc; k++)
		p->widths[k] =
		        p->widths[k] < XPORT_COL_MIN
		                ? XPORT_COL_MIN
		                : (p->widths[k] > XPORT_COL_MAX ? XPORT_COL_MAX
		                                                : p->widths[k]);
}

/* Lay out a document as printed; footer (copied, may be NULL) is the
 * draft's footer. NULL when the form has no print: section. Caller frees
 * with xport_free(). */
struct xport *
xport_build(const struct doc *d, const char *footer)
{
	const struct fdef *fd = d->fd;
	struct xport *x;
	struct xport_ctx cx;

	if (!fd->print.present || fd->root->nkids == 0 ||
	    fd->root->kids[0]->kind != FDEF_GROUP)
		return NULL;
	x = xcalloc(1, sizeof *x);
	x->fd = fd;
	x->print = &fd->print;
	x->footer = footer ? xstrdup(footer) : NULL;
	cx.d = d;
	cx.x = x;
	cx.part = NULL;
	{
		const struct doc_value *v =
		        fd->print.header
		                ? doc_effective(d, d->root, fd->print.header)
		                : NULL;

		x->header = xstrdup(v && v->n ? v->v[0] : "");
	}
	xport_cover(&cx, doc_slot(d->root, fd->root->kids[0])->grp);
	for (size_t i = 1; i < fd->root->nkids; i++) {
		const struct fdef_node *k = fd->root->kids[i];

		if (!fdef_in_version(k, d->version))
			continue;
		if (k->kind == FDEF_GROUP) {
			cx.part = xport_add_part(x, xport_title(k),
			                         xport_sheet(k));
			xport_group(&cx, doc_slot(d->root, k)->grp, 0, 0);
		} else if (k->kind == FDEF_REPEAT && k->nkids > 0 &&
		           k->kids[0]->kind == FDEF_GROUP) {
			xport_file_parts(&cx, k);
		} else if (k->kind == FDEF_REPEAT) {
			xport_table_part(&cx, k);
		}
	}
	for (size_t i = 0; i < x->nparts; i++)
		for (size_t j = 0; j < x->parts[i].nrows; j++)
			if (x->parts[i].rows[j].kind == XPORT_TABLE_HEAD) {
				xport_widths(&x->parts[i], j);
				break;
			}
	return x;
}

/* Free the content of a cell. */
static void
xport_cell_free(struct xport_cell *c)
{
	free(c->ref);
	free(c->label);
	free(c->text);
	for (size_t i = 0; i < c->nmarks; i++) {
		free(c->marks[i].extra);
		free(c->marks[i].ref);
		free(c->marks[i].xlabel);
	}
	free(c->marks);
	free(c->count);
	free(c->count_ref);
	free(c->count_label);
}

/* Free a layout and null the pointer. */
void
xport_free(struct xport **xp)
{
	struct xport *x = xp ? *xp : NULL;

	if (x == NULL)
		return;
	for (size_t i = 0; i < x->nparts; i++) {
		struct xport_part *p = &x->parts[i];

		for (size_t j = 0; j < p->nrows; j++) {
			for (size_t k = 0; k < p->rows[j].ncells; k++)
				xport_cell_free(&p->rows[j].cells[k]);
			free(p->rows[j].cells);
			free(p->rows[j].text);
			free(p->rows[j].group);
		}
		free(p->rows);
		free(p->heading);
		free(p->sheet);
		free(p->widths);
	}
	free(x->parts);
	free(x->header);
	free(x->footer);
	free(x);
	*xp = NULL;
}

/* Replace the * of a pattern by a text; caller frees. */
static char *
xport_star(const char *pat, const char *text)
{
	const char *star = strchr(pat, '*');

	if (star == NULL)
		return xstrdup(pat);
	return xasprintf("%.*s%s%s", (int)(star - pat), pat, text, star + 1);
}

/* A checkbox as printed: [○] label ( text ); caller frees. */
char *
xport_mark_text(const struct xport *x, const struct xport_mark *m)
{
	const char *box = m->checked ? x->print->checked : x->print->unchecked;
	char *extra, *s;

	if (!m->has_extra)
		return xasprintf("%s %s", box, m->label);
	extra = xport_star(m->count ? x->print->count : x->print->companion,
	                   m->extra);
	s = xasprintf("%s %s %s", box, m->label, extra);
	free(extra);
	return s;
}

/* The chosen option as printed: [ 十分である ]; caller frees. */
char *
xport_choice_text(const struct xport *x, const char *chosen)
{
	return xport_star(x->print->chosen, chosen);
}

/* A count as printed after options: ( 1 ) 件; caller frees. */
char *
xport_count_text(const struct xport *x, const char *count)
{
	return xport_star(x->print->count, count);
}

/* The options of a choice as printed: <選択肢> 1) ... 2) ...; caller
 * frees. */
char *
xport_options_text(const struct xport *x, const struct fdef_node *n)
{
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_adds(&sb, x->print->choices);
	for (size_t i = 0; i < n->noptions; i++)
		sbuf_addf(&sb, " %zu) %s", i + 1, n->options[i]);
	return sbuf_detach(&sb);
}

/* The value of a cell in one CSV field: the text, the chosen option, or
 * the checked labels separated by 、; caller frees. */
char *
xport_csv_value(const struct xport *x, const struct xport_cell *c)
{
	struct sbuf sb;

	if (c->kind != XPORT_MARKS)
		return xstrdup(c->text ? c->text : "");
	sbuf_init(&sb);
	for (size_t i = 0; i < c->nmarks; i++) {
		if (!c->marks[i].checked)
			continue;
		if (sb.len > 0)
			sbuf_adds(&sb, x->print->join);
		sbuf_adds(&sb, c->marks[i].label);
	}
	return sbuf_detach(&sb);
}
