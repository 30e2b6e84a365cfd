/* The editor's outline: the sections of the form (the tree on the left),
 * the rows of the section shown, and moving the focus through them. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void ed_flatten(struct ed *e, struct doc_group *g, int depth);

/* Add a section to the editor's list. */
static void
ed_add_section(struct ed *e, const char *name, const char *title,
               struct doc_group *g, const struct fdef_node *def)
{
	struct ed_section *s;

	e->secs = xreallocarray(e->secs, e->nsecs + 1, sizeof *e->secs);
	s = &e->secs[e->nsecs++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->title = xstrdup(title);
	s->g = g;
	s->def = def;
}

/* Tell whether a repeat holds groups (files) rather than items. */
bool
ed_repeat_of_groups(const struct fdef_node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->kind != FDEF_GROUP)
			return false;
	return n->nkids > 0;
}

/* Build the section list from the form and the document, keeping the
 * visited marks of sections that still exist. */
void
ed_build_sections(struct ed *e)
{
	struct ed_section *old = e->secs;
	size_t nold = e->nsecs;
	struct doc_group *root = e->doc->root;

	e->secs = NULL;
	e->nsecs = 0;
	for (size_t i = 0; i < e->fd->root->nkids; i++) {
		const struct fdef_node *n = e->fd->root->kids[i];
		struct doc_slot *s = doc_slot(root, n);
		const char *title = n->title ? n->title : n->label;
		const char *sname = n->short_name ? n->short_name : title;

		if (!fdef_in_version(n, e->doc->version))
			continue;
		if (n->kind == FDEF_GROUP) {
			ed_add_section(e, sname, title, s->grp, n);
		} else if (n->kind == FDEF_REPEAT && !ed_repeat_of_groups(n)) {
			ed_add_section(e, sname, title, root, n);
		} else if (n->kind == FDEF_REPEAT) {
			ed_add_section(e, sname, title, root, n);
			for (size_t k = 0; k < n->nkids; k++) {
				const struct fdef_node *sub = n->kids[k];
				const char *st =
				        sub->title ? sub->title : sub->label;
				const char *ss =
				        sub->short_name ? sub->short_name : st;
				const char *sp = strchr(ss, ' ');
				int plen =
				        sp ? (int)(sp - ss) : (int)strlen(ss);

				for (size_t j = 0; j < s->ninst; j++) {
					/* "II[1] 概要": the part, the file, the
					 * name. */
					char *nm = xasprintf("%.*s[%zu]%s",
					                     plen, ss, j + 1,
					                     sp ? sp : "");
					char *full = xasprintf("%s [%zu]", st,
					                       j + 1);

					ed_add_section(
					        e, nm, full,
					        doc_slot(s->inst[j], sub)->grp,
					        sub);
					free(nm);
					free(full);
				}
			}
		}
	}
	for (size_t i = 0; i < e->nsecs; i++)
		for (size_t j = 0; j < nold; j++)
			if (old[j].g == e->secs[i].g &&
			    old[j].def == e->secs[i].def)
				e->secs[i].visited = old[j].visited;
	for (size_t j = 0; j < nold; j++) {
		free(old[j].name);
		free(old[j].title);
	}
	free(old);
	if (e->cur >= e->nsecs)
		e->cur = e->nsecs ? e->nsecs - 1 : 0;
	ed_count_problems(e);
}

/* Append a row to the current section's rows. */
static void
ed_add_row(struct ed *e, enum ed_row_kind kind, struct doc_group *g,
           const struct fdef_node *node, size_t inst, int depth, bool hidden)
{
	struct ed_row *r;

	e->rows = xreallocarray(e->rows, e->nrows + 1, sizeof *e->rows);
	r = &e->rows[e->nrows++];
	r->kind = kind;
	r->g = g;
	r->node = node;
	r->inst = inst;
	r->depth = depth;
	r->hidden = hidden;
	r->heading = NULL;
}

/* Add the rows of a repeat: its blocks and the row that adds one. */
static void
ed_flatten_repeat(struct ed *e, struct doc_group *g, const struct fdef_node *n,
                  int depth, bool children)
{
	struct doc_slot *s = doc_slot(g, n);
	bool vis = doc_visible(e->doc, g, n);

	if (!vis && s->ninst == 0) {
		if (n->show_reason != NULL)
			ed_add_row(e, ROW_NOTE, g, n, 0, depth, false);
		return;
	}
	for (size_t j = 0; j < s->ninst; j++) {
		ed_add_row(e, ROW_BLOCK, g, n, j, depth, !vis);
		if (children)
			ed_flatten(e, s->inst[j], depth + 1);
	}
	if (vis)
		ed_add_row(e, ROW_ADD, g, n, s->ninst, depth, false);
}

/* Add the rows of a group instance's children. */
static void
ed_flatten(struct ed *e, struct doc_group *g, int depth)
{
	const struct fdef_heading *caption = NULL;

	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		struct doc_slot *s = &g->slots[i];
		bool vis;

		if (!fdef_in_version(n, e->doc->version))
			continue;
		vis = doc_visible(e->doc, g, n);
		switch (n->kind) {
		case FDEF_GROUP:
			if (!vis && doc_group_empty(s->grp))
				continue;
			ed_add_row(e, ROW_HEADING, g, n, 0, depth, !vis);
			ed_flatten(e, s->grp, depth + 1);
			caption = NULL;
			break;
		case FDEF_REPEAT:
			/* A repeat of a part is printed under its numbered
			 * heading (2. …使用するシステム), then its blocks. */
			if (depth == 0)
				ed_add_row(e, ROW_HEADING, g, n, 0, depth,
				           false);
			ed_flatten_repeat(e, g, n, depth, true);
			caption = NULL;
			break;
		case FDEF_ITEM:
			if (!vis && doc_value_empty(&s->val) &&
			    (n->heading == NULL || n->heading == caption))
				continue;
			/* The printed heading over this item, once, above
			 * the first of its items; when that one is hidden
			 * and empty, the reason stands in for the items. */
			if (n->heading != NULL && n->heading != caption) {
				ed_add_row(e, ROW_CAPTION, g, NULL, 0, depth,
				           false);
				e->rows[e->nrows - 1].heading = n->heading;
			}
			caption = n->heading;
			if (!vis && doc_value_empty(&s->val)) {
				if (n->show_reason != NULL)
					ed_add_row(e, ROW_NOTE, g, n, 0, depth,
					           false);
				continue;
			}
			ed_add_row(e, ROW_ITEM, g, n, 0, depth, !vis);
			break;
		}
	}
}

/* Tell whether a row can take the focus. */
static bool
ed_focusable(const struct ed_row *r)
{
	return r->kind == ROW_ITEM || r->kind == ROW_BLOCK ||
	       r->kind == ROW_ADD;
}

/* Rebuild the sections and the rows of the current section, keeping the
 * focus on the same row where it still exists. */
void
ed_rebuild(struct ed *e)
{
	struct ed_row keep = {ROW_NOTE, NULL, NULL, 0, 0, false, NULL};
	struct ed_section *sec;

	if (e->focus < e->nrows)
		keep = e->rows[e->focus];
	ed_build_sections(e);
	free(e->rows);
	e->rows = NULL;
	e->nrows = 0;
	if (e->nsecs == 0)
		return;
	sec = &e->secs[e->cur];
	if (sec->def->kind == FDEF_REPEAT)
		ed_flatten_repeat(e, sec->g, sec->def, 0,
		                  !ed_repeat_of_groups(sec->def));
	else
		ed_flatten(e, sec->g, 0);
	e->focus = 0;
	for (size_t i = 0; i < e->nrows; i++) {
		if (e->rows[i].g == keep.g && e->rows[i].node == keep.node &&
		    e->rows[i].kind == keep.kind &&
		    (keep.kind != ROW_BLOCK || e->rows[i].inst == keep.inst)) {
			e->focus = i;
			return;
		}
	}
	while (e->focus < e->nrows && !ed_focusable(&e->rows[e->focus]))
		e->focus++;
	if (e->focus >= e->nrows)
		e->focus = 0;
}

/* Find the section that shows an instance; (size_t)-1 when none. */
size_t
ed_section_of(const struct ed *e, const struct doc_group *g)
{
	for (const struct doc_group *h = g; h != NULL; h = h->parent)
		for (size_t i = 0; i < e->nsecs; i++)
			if (e->secs[i].g == h &&
			    (e->secs[i].def->kind != FDEF_REPEAT ||
			     !ed_repeat_of_groups(e->secs[i].def)))
				return i;
	return (size_t)-1;
}

/* Go to a section and focus the row of node in instance g if given. */
void
ed_goto(struct ed *e, size_t sec, const struct doc_group *g,
        const struct fdef_node *node)
{
	if (sec >= e->nsecs)
		return;
	e->cur = sec;
	e->secs[sec].visited = true;
	e->focus = (size_t)-1;
	e->member = 0;
	e->page_gen++;
	ed_rebuild(e);
	if (node == NULL)
		return;
	for (size_t i = 0; i < e->nrows; i++) {
		/* A repeat is shown by the row that adds a block. */
		if (e->rows[i].node == node && e->rows[i].g == g &&
		    ed_focusable(&e->rows[i]) &&
		    (node->kind != FDEF_REPEAT || e->rows[i].kind == ROW_ADD)) {
			e->focus = i;
			return;
		}
	}
	for (size_t i = 0; i < e->nrows; i++) {
		/* A hidden item: focus the block or heading that holds it. */
		for (const struct doc_group *h = g; h; h = h->parent)
			if (e->rows[i].kind == ROW_BLOCK &&
			    doc_slot(e->rows[i].g, e->rows[i].node)->ninst >
			            e->rows[i].inst &&
			    doc_slot(e->rows[i].g, e->rows[i].node)
			                    ->inst[e->rows[i].inst] == h) {
				e->focus = i;
				return;
			}
	}
}

/* Count the members of a multi item that exist in the document's
 * version. No memory. */
size_t
ed_members(const struct ed *e, const struct fdef_node *n)
{
	size_t k = 0;

	for (size_t i = 0; i < n->nmembers; i++)
		k += fdef_member_in_version(&n->members[i], e->doc->version);
	return k;
}

/* The k-th member of a multi item in the document's version (the
 * first when k is past the end), or NULL when it has none. Borrowed. */
const struct fdef_member *
ed_member_at(const struct ed *e, const struct fdef_node *n, size_t k)
{
	const struct fdef_member *first = NULL;

	for (size_t i = 0; i < n->nmembers; i++) {
		if (!fdef_member_in_version(&n->members[i], e->doc->version))
			continue;
		if (first == NULL)
			first = &n->members[i];
		if (k-- == 0)
			return &n->members[i];
	}
	return first;
}

/* Move the focus to the next (dir 1) or previous (dir -1) focusable row. */
void
ed_move(struct ed *e, int dir)
{
	size_t i = e->focus;

	for (;;) {
		if (dir > 0 && i + 1 >= e->nrows)
			return;
		if (dir < 0 && i == 0)
			return;
		i = dir > 0 ? i + 1 : i - 1;
		if (ed_focusable(&e->rows[i]))
			break;
	}
	e->focus = i;
	e->member = 0;
	if (dir < 0 && e->rows[i].kind == ROW_ITEM &&
	    fdef_types[e->rows[i].node->type].shape == FS_LIST) {
		size_t n = ed_members(e, e->rows[i].node);

		e->member = n ? n - 1 : 0;
	}
}

/* Switch to the next or previous section. */
void
ed_section_step(struct ed *e, int dir)
{
	if (dir > 0 && e->cur + 1 < e->nsecs)
		ed_goto(e, e->cur + 1, NULL, NULL);
	else if (dir < 0 && e->cur > 0)
		ed_goto(e, e->cur - 1, NULL, NULL);
}

/* Tell whether two rows show the same thing. */
bool
ed_same_row(const struct ed_row *a, const struct ed_row *b)
{
	return a->g == b->g && a->node == b->node && a->kind == b->kind &&
	       (a->kind != ROW_BLOCK || a->inst == b->inst);
}
