#include <config.h>
#include "ed-int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "docio.h"
#include "i18n.h"
#include "jtext.h"
#include "key.h"
#include "name.h"
#include "rules.h"
#include "utf8.h"
#include "xalloc.h"

static void ed_rebuild(struct ed *e);
static void ed_validate(struct ed *e);
static bool ed_can_change(struct ed *e);
static void ed_count_problems(struct ed *e);
static void ed_focus_block(struct ed *e, const struct doc_group *g,
                           const struct fdef_node *repeat, size_t at);
static size_t ed_section_of(const struct ed *e, const struct doc_group *g);
static size_t ed_finding_section(const struct ed *e, size_t k);
static bool ed_repeat_of_groups(const struct fdef_node *n);
static bool ed_edit_valid(struct ed *e);
static void ed_abandon_edit(struct ed *e);
static void ed_find_update(struct ed *e);

/* Set the one-line message shown to the user. */
void
ed_message(struct ed *e, bool error, const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sbuf_init(&sb);
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(e->msg);
	e->msg = sbuf_detach(&sb);
	e->msg_error = error;
}

/* The first non-empty one-line value in an instance, to name it. Borrowed. */
const char *
ed_summary(const struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_ITEM &&
		    (n->type == FT_LINE || n->type == FT_DATE) &&
		    !doc_value_empty(&s->val))
			return s->val.v[0];
		if (n->kind == FDEF_GROUP) {
			const char *r = ed_summary(s->grp);

			if (r != NULL)
				return r;
		}
	}
	return NULL;
}

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
static bool
ed_repeat_of_groups(const struct fdef_node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->kind != FDEF_GROUP)
			return false;
	return n->nkids > 0;
}

/* Build the section list from the form and the document, keeping the
 * visited marks of sections that still exist. */
static void
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

static void ed_flatten(struct ed *e, struct doc_group *g, int depth);

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
static void
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
static size_t
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
static void
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

/* Make an editor on a loaded document; the editor does not own fd or doc. */
struct ed *
ed_new(const struct fdef *fd, struct doc *doc, const char *file)
{
	struct ed *e = xcalloc(1, sizeof *e);

	e->fd = fd;
	e->doc = doc;
	e->file = xstrdup(file);
	sbuf_init(&e->edit);
	sbuf_init(&e->paste);
	sbuf_init(&e->query);
	diag_list_init(&e->problems);
	e->saved_pos = 0;
	ed_build_sections(e);
	if (e->nsecs > 0)
		e->secs[0].visited = true;
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s",
	           _("F1: help for this item  Ctrl-N: next item to fill in"));
	return e;
}

/* Free one undo record. */
static void
ed_undo_free(struct ed_undo *u)
{
	free(u->path);
	free(u->rule);
	free(u->reason);
	free(u->values);
	doc_value_clear(&u->before);
	doc_value_clear(&u->after);
	doc_group_free(&u->kept);
}

/* Free the editor and null the pointer (the document stays the caller's). */
void
ed_free(struct ed **ep)
{
	struct ed *e = ep ? *ep : NULL;

	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nsecs; i++) {
		free(e->secs[i].name);
		free(e->secs[i].title);
	}
	free(e->secs);
	free(e->rows);
	for (size_t i = 0; i < e->nundo; i++)
		ed_undo_free(&e->undo[i]);
	free(e->undo);
	free(e->hits);
	free(e->help_moves);
	free(e->porder);
	free(e->ploc);
	sbuf_fini(&e->edit);
	sbuf_fini(&e->paste);
	sbuf_fini(&e->query);
	diag_list_fini(&e->problems);
	free(e->msg);
	free(e->alert);
	free(e->autosave_err);
	free(e->file);
	doc_free(&e->own_doc);
	free(e);
	*ep = NULL;
}

/* Put another document in the editor (the file read again): the changes
 * and their undo history are dropped; the section shown stays. The
 * document stays the caller's. */
void
ed_replace_doc(struct ed *e, struct doc *doc)
{
	for (size_t i = 0; i < e->nundo; i++)
		ed_undo_free(&e->undo[i]);
	free(e->undo);
	e->undo = NULL;
	e->nundo = e->undo_pos = e->saved_pos = 0;
	for (size_t i = 0; i < e->nsecs; i++) {
		free(e->secs[i].name);
		free(e->secs[i].title);
	}
	free(e->secs);
	e->secs = NULL;
	e->nsecs = 0;
	free(e->rows);
	e->rows = NULL;
	e->nrows = e->focus = e->member = 0;
	e->page_gen++;
	free(e->hits);
	e->hits = NULL;
	e->nhits = 0;
	e->editing = false;
	sbuf_reset(&e->edit);
	e->cursor = 0;
	e->doc = doc;
	ed_build_sections(e);
	if (e->cur >= e->nsecs)
		e->cur = 0;
	ed_rebuild(e);
	ed_validate(e);
	e->saved_gen = e->gen;
}

/* Fill l with a look at the editor's state (borrowed pointers, valid
 * until the next key). */
void
ed_look(const struct ed *e, struct ed_look *l)
{
	l->ed = e;
	l->fd = e->fd;
	l->doc = e->doc;
	l->file = e->file;
	l->secs = e->secs;
	l->nsecs = e->nsecs;
	l->cur = e->cur;
	l->rows = e->rows;
	l->nrows = e->nrows;
	l->focus = e->focus;
	l->member = e->member;
	l->editing = e->editing;
	l->edit = e->edit.buf ? e->edit.buf : "";
	l->edit_len = e->edit.len;
	l->cursor = e->cursor;
	l->popup = e->popup;
	l->pop_sel = e->pop_sel;
	l->query = e->query.buf ? e->query.buf : "";
	l->hits = e->hits;
	l->nhits = e->nhits;
	l->problems = &e->problems;
	l->porder = e->porder;
	l->msg = e->msg;
	l->msg_error = e->msg_error;
	l->alert = e->alert;
	l->autosave_err = e->autosave_err;
	l->readonly = e->readonly;
	l->quit = e->quit;
	l->undo_pos = e->undo_pos;
	l->nundo = e->nundo;
	l->page_gen = e->page_gen;
	l->help_gen = e->help_gen;
	l->help_moves = e->help_moves;
	l->nhelp_moves = e->nhelp_moves;
}

/* Tell whether the user has quit the editor. */
bool
ed_quitting(const struct ed *e)
{
	return e->quit;
}

/* Tell whether the editor is read-only (another editor holds the file). */
bool
ed_readonly(const struct ed *e)
{
	return e->readonly;
}

/* Make the editor read-only, or let it change the document again. */
void
ed_set_readonly(struct ed *e, bool readonly)
{
	e->readonly = readonly;
}

/* Mark the document as holding changes that were never saved (restored
 * from a recovery file), to be written to the recovery file at once. */
void
ed_set_restored(struct ed *e)
{
	e->saved_pos = (size_t)-1;
	e->gen++;
}

/* Why the recovery file cannot be written, or NULL when it can.
 * Borrowed. */
const char *
ed_autosave_error(const struct ed *e)
{
	return e->autosave_err;
}

/* Give the editor its host (files, locks, other programs); borrowed, it
 * must outlive the editor. NULL: none. */
void
ed_set_host(struct ed *e, const struct ed_host *host)
{
	e->host = host;
}

/* Tell whether there are changes since the last save. */
bool
ed_modified(const struct ed *e)
{
	return e->undo_pos != e->saved_pos;
}

/* Count the findings of each section for the section tree. */
static void
ed_count_problems(struct ed *e)
{
	for (size_t i = 0; i < e->nsecs; i++)
		e->secs[i].nmissing = e->secs[i].nerr = e->secs[i].nwarn = 0;
	for (size_t i = 0; i < e->problems.n; i++) {
		struct diag *d = &e->problems.v[i];
		size_t sec;

		if (e->ploc == NULL || e->ploc[i].g == NULL)
			continue;
		sec = ed_section_of(e, e->ploc[i].g);
		if (sec == (size_t)-1)
			continue;
		if (d->rule != NULL && (strcmp(d->rule, "required") == 0 ||
		                        strcmp(d->rule, "min") == 0))
			e->secs[sec].nmissing++;
		else if (d->sev == DIAG_ERROR)
			e->secs[sec].nerr++;
		else if (d->sev == DIAG_WARNING && !d->accepted)
			e->secs[sec].nwarn++;
	}
}

/* Count the open findings: answers still missing (required items and
 * blocks), other errors, and warnings. */
void
ed_counts(const struct ed *e, size_t *missing, size_t *errors, size_t *warn)
{
	*missing = *errors = *warn = 0;
	for (size_t i = 0; i < e->problems.n; i++) {
		const struct diag *d = &e->problems.v[i];

		if (d->accepted)
			continue;
		if (d->sev == DIAG_ERROR && d->rule != NULL &&
		    (strcmp(d->rule, "required") == 0 ||
		     strcmp(d->rule, "min") == 0))
			(*missing)++;
		else if (d->sev == DIAG_ERROR)
			(*errors)++;
		else if (d->sev == DIAG_WARNING)
			(*warn)++;
	}
}

/* Resolve a finding's path to the instance and node it is about: an item,
 * or a repeat that needs a block. False when it names neither. */
static bool
ed_resolve(struct ed *e, const char *path, struct doc_group **g,
           const struct fdef_node **n)
{
	struct doc_ptr p;
	char *err = NULL, *head, *dot;
	struct doc_group *h;
	const struct fdef_node *k;
	size_t len;

	if (path == NULL)
		return false;
	if (doc_resolve(e->doc, path, false, &p, &err)) {
		*g = p.g;
		*n = p.node;
		return true;
	}
	free(err);
	/* A repeat's path ends in .* (files.1.outline.entrust.items.*). */
	len = strlen(path);
	if (len < 2 || strcmp(path + len - 2, ".*") != 0)
		return false;
	head = xstrndup(path, len - 2);
	dot = strrchr(head, '.');
	if (dot != NULL)
		*dot = '\0';
	h = doc_find_group(e->doc, dot ? head : "");
	k = h ? fdef_child(h->def, dot ? dot + 1 : head) : NULL;
	free(head);
	if (k == NULL || k->kind != FDEF_REPEAT)
		return false;
	*g = h;
	*n = k;
	return true;
}

/* Resolve where each problem is, once, for drawing and counting. */
static void
ed_locate_problems(struct ed *e)
{
	free(e->ploc);
	e->ploc = xcalloc(e->problems.n + 1, sizeof *e->ploc);
	for (size_t i = 0; i < e->problems.n; i++) {
		struct doc_group *g;
		const struct fdef_node *n;

		if (ed_resolve(e, e->problems.v[i].path, &g, &n)) {
			e->ploc[i].g = g;
			e->ploc[i].n = n;
		}
	}
	ed_count_problems(e);
}

/* Run every check and count findings per section. */
static void
ed_validate(struct ed *e)
{
	diag_list_fini(&e->problems);
	check_doc(e->doc, e->file, &e->problems);
	ed_locate_problems(e);
}

/* Mark node and every node whose visibility or requirement depends on it,
 * with their subtrees. */
static void
ed_mark_affected(const struct fdef_node *n, unsigned char *mark)
{
	if (mark[n->id])
		return;
	mark[n->id] = 1;
	for (size_t i = 0; i < n->nreaders; i++)
		ed_mark_affected(n->readers[i], mark);
	for (size_t i = 0; i < n->nkids; i++)
		ed_mark_affected(n->kids[i], mark);
}

/* Check again after item `changed` got a new value: only the checks that
 * read an affected item run again (the index from items to rules). */
static void
ed_validate_change(struct ed *e, const struct fdef_node *changed)
{
	const struct fdef *fd = e->fd;
	unsigned char *nodes = xcalloc(fd->nall + 1, 1);
	unsigned char *checks = xcalloc(fd->nchecks + 1, 1);
	struct diag_list keep;

	ed_mark_affected(changed, nodes);
	/* A block that gains or loses its last value changes whether the
	 * empty blocks before it are numbers left unused (check.c). */
	for (const struct fdef_node *p = changed->parent; p; p = p->parent)
		if (p->kind == FDEF_REPEAT) {
			ed_mark_affected(p, nodes);
			break;
		}
	for (size_t c = 0; c < fd->nchecks; c++)
		for (size_t r = 0; r < fd->checks[c].nreads && !checks[c]; r++)
			checks[c] = nodes[fd->checks[c].reads[r]->id];
	diag_list_init(&keep);
	for (size_t i = 0; i < e->problems.n; i++) {
		struct diag *d = &e->problems.v[i];
		bool stale = d->src > 0 ? checks[d->src - 1] != 0
		                        : e->ploc[i].n != NULL &&
		                                  nodes[e->ploc[i].n->id];

		if (stale) {
			free(d->file);
			free(d->ref);
			free(d->rule);
			free(d->path);
			free(d->name);
			free(d->msg);
			free(d->values);
			free(d->note);
		} else {
			diag_move(&keep, d);
		}
	}
	free(e->problems.v);
	e->problems = keep;
	check_partial(e->doc, e->file, nodes, checks, &e->problems);
	diag_sort(&e->problems);
	ed_locate_problems(e);
	free(nodes);
	free(checks);
}

/* Record an undoable operation, dropping any redo history. */
static struct ed_undo *
ed_push_undo(struct ed *e, enum ed_undo_kind kind)
{
	struct ed_undo *u;

	for (size_t i = e->undo_pos; i < e->nundo; i++)
		ed_undo_free(&e->undo[i]);
	if (e->saved_pos > e->undo_pos)
		e->saved_pos = (size_t)-1;
	e->nundo = e->undo_pos;
	e->undo = xreallocarray(e->undo, e->nundo + 1, sizeof *e->undo);
	u = &e->undo[e->nundo++];
	memset(u, 0, sizeof *u);
	u->kind = kind;
	e->undo_pos = e->nundo;
	return u;
}

/* Copy a value's strings; caller owns the copy. */
static void
ed_value_copy(struct doc_value *dst, const struct doc_value *src)
{
	char **v = src->n ? xcalloc(src->n, sizeof *v) : NULL;

	for (size_t i = 0; i < src->n; i++)
		v[i] = xstrdup(src->v[i]);
	dst->v = NULL;
	dst->n = 0;
	doc_value_take(dst, v, src->n);
}

/* Tell whether two values hold the same strings. */
static bool
ed_value_same(const struct doc_value *a, const struct doc_value *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Store a value for an item as one undoable change; takes v's strings. */
static bool
ed_set_value(struct ed *e, struct doc_group *g, const struct fdef_node *node,
             struct doc_value *v)
{
	struct doc_ptr p = {g, node};
	struct doc_value before;
	struct ed_undo *u;

	if (!ed_can_change(e))
		return false;
	/* Storing the same value again is no change (and no undo step). */
	if (ed_value_same(&doc_slot(g, node)->val, v))
		return true;
	ed_value_copy(&before, &doc_slot(g, node)->val);
	{
		struct doc_value after;

		ed_value_copy(&after, v);
		if (!doc_set(e->doc, &p, v)) {
			doc_value_clear(&before);
			doc_value_clear(&after);
			return false;
		}
		u = ed_push_undo(e, UNDO_SET);
		u->path = doc_path_of(g, node);
		u->node = node;
		u->before = before;
		u->after = after;
	}
	ed_rebuild(e);
	ed_validate_change(e, node);
	return true;
}

/* Apply (redo) or revert (undo) one recorded operation. */
static bool
ed_apply_undo(struct ed *e, struct ed_undo *u, bool redo)
{
	if (u->kind == UNDO_SET) {
		struct doc_ptr p;
		struct doc_value v;
		char *err = NULL;

		if (!doc_resolve(e->doc, u->path, false, &p, &err)) {
			free(err);
			return false;
		}
		ed_value_copy(&v, redo ? &u->after : &u->before);
		doc_set(e->doc, &p, &v);
		ed_goto(e, ed_section_of(e, p.g), p.g, p.node);
		return true;
	} else {
		struct doc_group *g = doc_find_group(e->doc, u->path);

		if (g == NULL)
			return false;
		if (u->kind == UNDO_ACCEPT || u->kind == UNDO_WITHDRAW) {
			if ((u->kind == UNDO_ACCEPT) == redo) {
				doc_accept_add(g, u->rule, u->node->key,
				               u->reason, u->values);
			} else {
				for (size_t i = 0; i < g->nacc; i++)
					if (strcmp(g->acc[i].rule, u->rule) ==
					            0 &&
					    strcmp(g->acc[i].item,
					           u->node->key) == 0)
						g->acc[i].used = false;
				doc_accept_prune(g);
			}
		} else if (u->kind == UNDO_SWAP) {
			doc_swap_instances(g, u->node, u->at, u->to);
		} else if ((u->kind == UNDO_ADD) == redo) {
			if (u->kept != NULL) {
				doc_insert_instance(g, u->node, u->at, u->kept);
				u->kept = NULL;
			} else {
				doc_add_instance(e->doc, g, u->node, u->at,
				                 NULL);
			}
		} else {
			doc_group_free(&u->kept);
			u->kept = doc_detach_instance(g, u->node, u->at);
		}
		ed_rebuild(e);
		{
			size_t sec = ed_section_of(e, g);

			if (sec != (size_t)-1 && sec != e->cur)
				ed_goto(e, sec, NULL, NULL);
		}
		/* Show the block that came back or moved. */
		if (u->kind == UNDO_SWAP)
			ed_focus_block(e, g, u->node, redo ? u->to : u->at);
		else if (u->kind == UNDO_ADD || u->kind == UNDO_REMOVE)
			ed_focus_block(e, g, u->node, u->at);
		return true;
	}
}

/* Undo the last change. */
static void
ed_undo(struct ed *e)
{
	if (!ed_can_change(e))
		return;
	if (e->undo_pos == 0) {
		ed_message(e, false, "%s", _("nothing to undo"));
		return;
	}
	e->undo_pos--;
	ed_apply_undo(e, &e->undo[e->undo_pos], false);
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s", _("undone (Ctrl-Y redoes)"));
}

/* Redo the last undone change. */
static void
ed_redo(struct ed *e)
{
	if (!ed_can_change(e))
		return;
	if (e->undo_pos == e->nundo) {
		ed_message(e, false, "%s", _("nothing to redo"));
		return;
	}
	ed_apply_undo(e, &e->undo[e->undo_pos], true);
	e->undo_pos++;
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s", _("redone"));
}

/* Save the document (edsave.c: the lock, changes made by other programs,
 * read-only files and owners). */
bool
ed_save(struct ed *e)
{
	if (!ed_can_change(e))
		return false;
	return ed_write(e, ED_SAVE_ASK);
}

/* The document as it would be saved, with the text being edited included
 * (for the recovery file). NULL when it cannot be written. Caller frees. */
char *
ed_recovery_text(struct ed *e, size_t *len)
{
	struct ed_row *r = e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	struct doc_value v, keep;
	struct doc_slot *s;
	char *err = NULL, *buf;

	if (!e->editing || r == NULL)
		return docio_emit(e->doc, len);
	s = doc_slot(r->g, r->node);
	if (!doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err)) {
		free(err);
		if (r->node->type != FT_TEXT && r->node->type != FT_LINE) {
			/* Not a valid value yet (a date half typed): keep the
			 * raw text in a comment line that says where it goes,
			 * so that nothing typed is lost. */
			char *path = doc_path_of(r->g, r->node);
			char *text = utf8_escape(e->edit.buf, "");
			char *doc = docio_emit(e->doc, len);

			buf = doc ? xasprintf("%s%s\t%s\n%s", ED_UNFINISHED,
			                      path, text, doc)
			          : NULL;
			*len += buf ? strlen(buf) - strlen(doc) : 0;
			free(doc);
			free(text);
			free(path);
			return buf;
		}
		/* A text item takes any text: the raw text as it is. */
		{
			char **one = xmalloc(sizeof *one);

			one[0] = xstrdup(e->edit.buf);
			doc_value_take(&v, one, 1);
		}
	}
	keep = s->val;
	s->val = v;
	buf = docio_emit(e->doc, len);
	s->val = keep;
	doc_value_clear(&v);
	return buf;
}

/* Tell whether the text being edited differs from the item's value. */
static bool
ed_edit_changed(const struct ed *e)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	char *s;
	bool changed;

	if (!e->editing || r == NULL)
		return false;
	s = doc_format_value(r->node, &doc_slot(r->g, r->node)->val);
	changed = strcmp(s, e->edit.buf) != 0;
	free(s);
	return changed;
}

/* Tell whether there is typed or changed text the recovery file lacks
 * (starting an edit and typing nothing is no change). */
bool
ed_autosave_due(const struct ed *e)
{
	return e->gen != e->saved_gen && (ed_modified(e) || ed_edit_changed(e));
}

/* Refuse a change in a read-only session, saying why. */
static bool
ed_can_change(struct ed *e)
{
	if (!e->readonly)
		return true;
	ed_message(e, true, "%s",
	           _("read-only: another editor has this file open; nothing "
	             "can be "
	             "changed here"));
	return false;
}

/* The focused row, or NULL. Borrowed. */
static struct ed_row *
ed_focused(struct ed *e)
{
	return e->focus < e->nrows ? &e->rows[e->focus] : NULL;
}

/* Count the members of a multi item that exist in the document's
 * version. No memory. */
static size_t
ed_members(const struct ed *e, const struct fdef_node *n)
{
	size_t k = 0;

	for (size_t i = 0; i < n->nmembers; i++)
		k += fdef_member_in_version(&n->members[i], e->doc->version);
	return k;
}

/* The k-th member of a multi item in the document's version (the
 * first when k is past the end), or NULL when it has none. Borrowed. */
static const struct fdef_member *
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
static void
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
	    e->rows[i].node->type == FT_MULTI) {
		size_t n = ed_members(e, e->rows[i].node);

		e->member = n ? n - 1 : 0;
	}
}

/* Switch to the next or previous section. */
static void
ed_section_step(struct ed *e, int dir)
{
	if (dir > 0 && e->cur + 1 < e->nsecs)
		ed_goto(e, e->cur + 1, NULL, NULL);
	else if (dir < 0 && e->cur > 0)
		ed_goto(e, e->cur - 1, NULL, NULL);
}

/* Tell whether the text of an item is edited as one line. */
static bool
ed_one_line(const struct fdef_node *n)
{
	return n->type != FT_TEXT && n->type != FT_TABLE;
}

/* Start editing the focused text item: with its current value, or empty
 * (typing over a date or a number replaces it). */
static void
ed_begin_edit_with(struct ed *e, bool empty)
{
	struct ed_row *r = ed_focused(e);
	char *s;

	if (r == NULL)
		return;
	if (!ed_can_change(e))
		return;
	s = empty ? xstrdup("")
	          : doc_format_value(r->node, &doc_slot(r->g, r->node)->val);
	sbuf_reset(&e->edit);
	sbuf_adds(&e->edit, s);
	free(s);
	e->cursor = e->edit.len;
	e->editing = true;
	e->refused = false;
}

/* Start editing the focused text item with its current value. */
static void
ed_begin_edit(struct ed *e)
{
	ed_begin_edit_with(e, false);
}

/* Put the cursor where a table's text is wrong: the end of the first row
 * with more cells than the table has columns. */
static void
ed_cursor_to_fault(struct ed *e, const struct fdef_node *n)
{
	size_t start = 0;

	if (n->type != FT_TABLE)
		return;
	while (start <= e->edit.len) {
		size_t end = start, tabs = 0;

		while (end < e->edit.len && e->edit.buf[end] != '\n')
			tabs += e->edit.buf[end++] == '\t';
		if (tabs + 1 > n->ncolumns) {
			e->cursor = end;
			return;
		}
		start = end + 1;
	}
}

/* Finish editing: parse and store the text. When it is not a valid value
 * the edit stays open with the text as it is, the cursor on the fault and
 * the reason shown, and false is returned. */
static bool
ed_commit_edit(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char *err = NULL;

	if (r == NULL)
		return true;
	if (!e->editing)
		return true;
	if (!doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err)) {
		ed_message(
		        e, true,
		        _("%s (Esc again gives the edit up and keeps the previous value)"),
		        err);
		free(err);
		if (!e->refused)
			ed_cursor_to_fault(e, r->node);
		e->refused = true;
		return false;
	}
	e->editing = false;
	e->refused = false;
	/* The reason for a refusal is gone with it. */
	if (e->msg_error) {
		free(e->msg);
		e->msg = NULL;
	}
	ed_set_value(e, r->g, r->node, &v);
	doc_value_clear(&v);
	return true;
}

/* Tell whether the text being edited is a valid value. */
static bool
ed_edit_valid(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char *err = NULL;
	bool ok;

	if (r == NULL)
		return true;
	ok = doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err);
	doc_value_clear(&v);
	free(err);
	return ok;
}

/* Give an edit up: the item keeps its previous value, and nothing is
 * recorded for undo. */
static void
ed_abandon_edit(struct ed *e)
{
	e->editing = false;
	e->refused = false;
	ed_message(e, false, "%s",
	           _("the edit was given up; the previous value is kept"));
}

/* Esc: end the edit. Text that is not a valid value stays in the edit
 * with the reason shown; Esc again right after gives it up. */
static void
ed_end_edit(struct ed *e)
{
	if (!e->editing)
		return;
	if (e->refused && e->esc_armed) {
		ed_abandon_edit(e);
		return;
	}
	if (!ed_commit_edit(e))
		e->esc_armed = true;
}

/* Insert typed text at the cursor. */
static void
ed_insert(struct ed *e, const char *s, size_t n)
{
	struct sbuf nb;

	sbuf_init(&nb);
	sbuf_add(&nb, e->edit.buf, e->cursor);
	sbuf_add(&nb, s, n);
	sbuf_add(&nb, e->edit.buf + e->cursor, e->edit.len - e->cursor);
	sbuf_fini(&e->edit);
	e->edit = nb;
	e->cursor += n;
}

/* Encode a code point as UTF-8 into buf (4 bytes); returns the length. */
static size_t
ed_encode(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Delete the bytes [a, b) of the edit buffer. */
static void
ed_delete_range(struct ed *e, size_t a, size_t b)
{
	memmove(e->edit.buf + a, e->edit.buf + b, e->edit.len - b + 1);
	e->edit.len -= b - a;
	e->cursor = a;
}

/* Columns for wrapping the value of an item at a depth in a form pane
 * form_w columns wide: the pane less the indent and a margin, and two
 * columns for hanging punctuation. No memory. */
size_t
ed_wrap_cols(int form_w, int depth)
{
	int w = form_w - (1 + 2 * depth + 2) - 1 - 2;

	return w > 8 ? (size_t)w : 8;
}

/* Tell the editor how wide its form pane is (the driver, when the screen
 * changes size): moving the cursor up and down through wrapped text
 * depends on it. */
void
ed_set_width(struct ed *e, int form_w)
{
	e->form_w = form_w;
}

/* Move the cursor to the wrapped line above (dir -1) or below (dir 1),
 * keeping its column. */
static void
ed_edit_vertical(struct ed *e, int dir)
{
	struct ed_row *r = ed_focused(e);
	size_t cols, n, *br, line = 0, col, target;

	if (r == NULL)
		return;
	cols = ed_wrap_cols(e->form_w, r->depth);
	n = utf8_wrap(e->edit.buf, e->edit.len, cols, NULL, 0);
	br = xcalloc(n + 1, sizeof *br);
	utf8_wrap(e->edit.buf, e->edit.len, cols, br, n);
	br[n] = e->edit.len + 1;
	while (line + 1 < n && br[line + 1] <= e->cursor)
		line++;
	col = utf8_width(e->edit.buf + br[line], e->cursor - br[line]);
	if ((dir < 0 && line == 0) || (dir > 0 && line + 1 >= n)) {
		free(br);
		return;
	}
	target = dir < 0 ? line - 1 : line + 1;
	{
		size_t start = br[target];
		size_t end = br[target + 1] - 1 < e->edit.len ? br[target + 1]
		                                              : e->edit.len;
		size_t used;
		size_t fit;

		if (end > start && e->edit.buf[end - 1] == '\n')
			end--;
		fit = utf8_fit(e->edit.buf + start, end - start, col, &used);
		e->cursor = start + fit;
	}
	free(br);
}

/* Handle a key while a text item is being edited. */
static void
ed_key_edit(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);
	char buf[4];

	if (r == NULL)
		return;
	switch (key) {
	case HK_ESC:
		ed_end_edit(e);
		return;
	case HK_ENTER:
		if (ed_one_line(r->node)) {
			if (ed_commit_edit(e))
				ed_move(e, 1);
		} else {
			ed_insert(e, "\n", 1);
		}
		return;
	case HK_TAB:
		if (r->node->type == FT_TABLE) {
			ed_insert(e, "\t", 1);
			return;
		}
		if (ed_commit_edit(e))
			ed_move(e, 1);
		return;
	case HK_BTAB:
		if (ed_commit_edit(e))
			ed_move(e, -1);
		return;
	case HK_SPACE:
		ed_insert(e, " ", 1);
		return;
	case HK_BSPACE:
		if (e->cursor > 0)
			ed_delete_range(e, utf8_prev(e->edit.buf, e->cursor),
			                e->cursor);
		return;
	case HK_DEL:
		if (e->cursor < e->edit.len) {
			uint32_t cp;
			size_t n = utf8_decode(e->edit.buf + e->cursor,
			                       e->edit.len - e->cursor, &cp);

			ed_delete_range(e, e->cursor, e->cursor + n);
		}
		return;
	case HK_LEFT:
		if (e->cursor > 0)
			e->cursor = utf8_prev(e->edit.buf, e->cursor);
		return;
	case HK_RIGHT:
		if (e->cursor < e->edit.len) {
			uint32_t cp;

			e->cursor += utf8_decode(e->edit.buf + e->cursor,
			                         e->edit.len - e->cursor, &cp);
		}
		return;
	case HK_HOME:
		while (e->cursor > 0 && e->edit.buf[e->cursor - 1] != '\n')
			e->cursor--;
		return;
	case HK_END:
		while (e->cursor < e->edit.len &&
		       e->edit.buf[e->cursor] != '\n')
			e->cursor++;
		return;
	case HK_UP:
	case HK_DOWN:
		ed_edit_vertical(e, key == HK_UP ? -1 : 1);
		return;
	default:
		break;
	}
	if (key < HK_BASE && key >= 0x20 && key != 0x7f)
		ed_insert(e, buf, ed_encode(key, buf));
}

/* Open the choice list of the focused item. */
static void
ed_open_choice(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	const struct doc_value *v;
	long k;

	if (r == NULL || !ed_can_change(e))
		return;
	v = &doc_slot(r->g, r->node)->val;
	k = v->n ? fdef_option_index(r->node, v->v[0]) : -1;
	e->popup = POP_CHOICE;
	e->pop_sel = k >= 0 ? (size_t)k : 0;
}

/* Pick option k (0-based) of the focused choice. */
static void
ed_pick(struct ed *e, size_t k)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char **s;

	e->popup = POP_NONE;
	if (r == NULL || !ed_can_change(e) || k >= r->node->noptions)
		return;
	s = xmalloc(sizeof *s);
	s[0] = xstrdup(r->node->options[k]);
	v.v = NULL;
	v.n = 0;
	doc_value_take(&v, s, 1);
	ed_set_value(e, r->g, r->node, &v);
	doc_value_clear(&v);
}

/* Toggle the focused member of a checkbox set (or a flag). */
static void
ed_toggle(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	const struct doc_value *cur;
	struct doc_value v = {NULL, 0, 0, 0};

	if (r == NULL || !ed_can_change(e))
		return;
	cur = &doc_slot(r->g, r->node)->val;
	if (r->node->type == FT_FLAG) {
		char **s = NULL;
		size_t n = 0;

		if (cur->n == 0) {
			s = xmalloc(sizeof *s);
			s[0] = xstrdup("true");
			n = 1;
		}
		doc_value_take(&v, s, n);
	} else {
		const struct fdef_member *m =
		        ed_member_at(e, r->node, e->member);
		char **s;
		size_t k = 0;
		bool was = false;

		if (m == NULL)
			return;
		s = xcalloc(cur->n + 1, sizeof *s);
		for (size_t i = 0; i < cur->n; i++) {
			long mi = fdef_member_index(r->node, cur->v[i],
			                            e->doc->version);

			if (strcmp(cur->v[i], m->label) == 0) {
				was = true;
				continue;
			}
			/* Checking an exclusive member clears the others, and
			 * checking another member clears an exclusive one. */
			if (!was &&
			    (m->exclusive ||
			     (mi >= 0 && r->node->members[mi].exclusive)))
				continue;
			s[k++] = xstrdup(cur->v[i]);
		}
		if (!was) {
			/* Keep the printed order of the members. */
			size_t pos = k;

			for (size_t i = 0; i < k; i++)
				if (fdef_member_index(r->node, s[i],
				                      e->doc->version) >
				    m - r->node->members) {
					pos = i;
					break;
				}
			memmove(&s[pos + 1], &s[pos], (k - pos) * sizeof *s);
			s[pos] = xstrdup(m->label);
			k++;
		}
		doc_value_take(&v, s, k);
		if (k == 0) {
			free(v.v);
			v.v = NULL;
		}
	}
	ed_set_value(e, r->g, r->node, &v);
	doc_value_clear(&v);
}

/* Add a block at the end of the focused repeat. */
static void
ed_add_block(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	const struct fdef_node *repeat;
	char *err = NULL;
	struct ed_undo *u;

	if (r == NULL || !ed_can_change(e))
		return;
	repeat = r->node;
	if (doc_add_instance(e->doc, r->g, r->node, r->inst, &err) == NULL) {
		ed_message(e, true, "%s", err);
		free(err);
		return;
	}
	u = ed_push_undo(e, UNDO_ADD);
	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->at = r->inst;
	ed_rebuild(e);
	ed_validate(e);
	for (size_t i = 0; i < e->nrows; i++)
		if (e->rows[i].kind == ROW_BLOCK &&
		    e->rows[i].node == u->node && e->rows[i].inst == u->at) {
			e->focus = i;
			ed_move(e, 1);
			if (e->rows[e->focus].kind == ROW_ADD)
				e->focus = i;
			break;
		}
	/* r pointed into the rows that ed_rebuild() replaced. */
	ed_message(e, false, _("added %s"),
	           repeat->title ? repeat->title : repeat->label);
}

/* Focus block `at` of a repeat in holder g, or the row that adds one when
 * there is no such block (the last was removed). */
static void
ed_focus_block(struct ed *e, const struct doc_group *g,
               const struct fdef_node *repeat, size_t at)
{
	size_t block = (size_t)-1, add = (size_t)-1;

	for (size_t i = 0; i < e->nrows; i++) {
		const struct ed_row *row = &e->rows[i];

		if (row->g != g || row->node != repeat)
			continue;
		if (row->kind == ROW_BLOCK && row->inst == at)
			block = i;
		if (row->kind == ROW_ADD)
			add = i;
	}
	if (block != (size_t)-1)
		e->focus = block;
	else if (add != (size_t)-1)
		e->focus = add;
}

/* The name of the block on row r: its heading (委託事項2) and the first
 * answer in it that names it. Caller frees. */
char *
ed_block_name(const struct ed_row *r)
{
	struct doc_group *inst = doc_slot(r->g, r->node)->inst[r->inst];
	size_t idx[DOC_MAX_DEPTH], k = doc_indices(inst, idx, DOC_MAX_DEPTH);
	struct fdef_node tmp = *r->node;
	const char *sum = ed_summary(inst);
	char *name, *full;

	tmp.label = r->node->instance_label ? r->node->instance_label
	                                    : r->node->label;
	name = fdef_label_at(&tmp, idx, k);
	if (sum == NULL)
		return name;
	full = xasprintf("%s  %s", name, sum);
	free(name);
	return full;
}

/* Remove the focused block (after confirmation). */
static void
ed_remove_block(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct ed_undo *u;

	if (r == NULL || r->kind != ROW_BLOCK)
		return;
	u = ed_push_undo(e, UNDO_REMOVE);
	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->at = r->inst;
	u->kept = doc_detach_instance(r->g, r->node, r->inst);
	{
		const struct doc_group *holder = r->g;

		ed_rebuild(e);
		ed_validate(e);
		/* Stay where the block was: on the next block, the one
		 * before, or the row that adds one. */
		ed_focus_block(e, holder, u->node, u->at);
	}
	ed_message(e, false, "%s", _("block removed (Ctrl-Z brings it back)"));
}

/* Move the focused block up (dir -1) or down (dir 1). */
static void
ed_move_block(struct ed *e, int dir)
{
	struct ed_row *r = ed_focused(e);
	size_t n, to;
	struct ed_undo *u;

	if (r == NULL)
		return;
	if (!ed_can_change(e))
		return;
	n = doc_slot(r->g, r->node)->ninst;
	to = dir < 0 ? r->inst - 1 : r->inst + 1;
	if ((dir < 0 && r->inst == 0) || (dir > 0 && r->inst + 1 >= n))
		return;
	u = ed_push_undo(e, UNDO_SWAP);
	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->at = r->inst;
	u->to = to;
	doc_swap_instances(r->g, r->node, r->inst, to);
	e->rows[e->focus].inst = to;
	ed_rebuild(e);
	ed_validate(e);
	{
		char *name = ed_block_name(&e->rows[e->focus]);

		ed_message(e, false,
		           dir < 0 ? _("moved 「%s」 up (Ctrl-Z undoes it)")
		                   : _("moved 「%s」 down (Ctrl-Z undoes it)"),
		           name);
		free(name);
	}
}

/* Tell whether a finding should be shown now (untouched sections are
 * not nagged about missing answers until visited or a full check). */
static bool
ed_shown_problem(const struct ed *e, const struct diag *d, size_t sec)
{
	if (d->rule == NULL || strcmp(d->rule, "required") != 0)
		return true;
	return e->full_check || (sec < e->nsecs && e->secs[sec].visited);
}

/* Tell whether two rows show the same thing. */
static bool
ed_same_row(const struct ed_row *a, const struct ed_row *b)
{
	return a->g == b->g && a->node == b->node && a->kind == b->kind &&
	       (a->kind != ROW_BLOCK || a->inst == b->inst);
}

/* The first error about row i of the section shown, or its imported
 * value still to be confirmed (要確認, check_stops_walk): an answer the
 * item needs, or a block its repeat needs (on the row that adds one);
 * (size_t)-1 when there is none. */
static size_t
ed_row_need(const struct ed *e, size_t i)
{
	const struct ed_row *r = &e->rows[i];

	if ((r->kind != ROW_ITEM && r->kind != ROW_ADD) || r->hidden ||
	    e->ploc == NULL)
		return (size_t)-1;
	for (size_t k = 0; k < e->problems.n; k++)
		if (check_stops_walk(&e->problems.v[k]) &&
		    e->ploc[k].g == r->g && e->ploc[k].n == r->node)
			return k;
	return (size_t)-1;
}

/* The section that shows finding k; (size_t)-1 when none does. */
static size_t
ed_finding_section(const struct ed *e, size_t k)
{
	const struct fdef_node *n = e->ploc[k].n;

	if (e->ploc[k].g == NULL)
		return (size_t)-1;
	/* The files themselves are added in the list of files. */
	if (n->kind == FDEF_REPEAT && ed_repeat_of_groups(n))
		for (size_t i = 0; i < e->nsecs; i++)
			if (e->secs[i].def == n)
				return i;
	return ed_section_of(e, e->ploc[k].g);
}

/* The finding that offers an answer for row i (a derive check of the
 * form), or NULL. Borrowed. */
const struct diag *
ed_offer_at(const struct ed *e, size_t i)
{
	const struct ed_row *r = i < e->nrows ? &e->rows[i] : NULL;

	if (r == NULL || r->kind != ROW_ITEM || e->ploc == NULL)
		return NULL;
	for (size_t k = 0; k < e->problems.n; k++) {
		const struct diag *d = &e->problems.v[k];

		if (d->src > 0 && e->fd->checks[d->src - 1].kind == CK_DERIVE &&
		    e->ploc[k].g == r->g && e->ploc[k].n == r->node)
			return d;
	}
	return NULL;
}

/* Stop Ctrl-N on row i of the section shown and say what it needs
 * (finding k), and what F3 would fill in. */
static void
ed_guide_to(struct ed *e, size_t i, size_t k)
{
	const struct diag *offer = ed_offer_at(e, i);

	e->focus = i;
	e->member = 0;
	e->guided = e->rows[i];
	if (offer != NULL)
		ed_message(e, true, "%s: %s %s",
		           e->problems.v[k].name ? e->problems.v[k].name : "",
		           e->problems.v[k].msg, offer->msg);
	else
		ed_message(e, true, "%s: %s",
		           e->problems.v[k].name ? e->problems.v[k].name : "",
		           e->problems.v[k].msg);
}

/* F3: fill the focused item with the answer that follows from others (the
 * form's derive checks: I-3's name for II-1, the number of blocks for a
 * 件数, 委託しない when nothing is entrusted); one undoable change. */
static void
ed_fill_offer(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	char *v = NULL, *err = NULL;
	struct doc_value val;

	if (!ed_can_change(e))
		return;
	for (size_t i = 0; r != NULL && r->kind == ROW_ITEM && v == NULL &&
	                   i < e->fd->nchecks;
	     i++) {
		const struct fdef_check *c = &e->fd->checks[i];
		const struct doc_group *scope = r->g;

		if (c->kind != CK_DERIVE || c->at != r->node)
			continue;
		while (scope != NULL && scope->def != c->scope)
			scope = scope->parent;
		if (scope != NULL)
			v = rules_derived(e->doc, c, scope);
	}
	if (v == NULL) {
		ed_message(
		        e, false, "%s",
		        _("F3 fills in an answer that follows from other answers; there is none for this item"));
		return;
	}
	if (!doc_parse_input(e->doc, r->node, v, &val, &err)) {
		ed_message(e, true, "%s", err);
		free(err);
		free(v);
		return;
	}
	ed_set_value(e, r->g, r->node, &val);
	doc_value_clear(&val);
	r = ed_focused(e);
	if (r != NULL) {
		char *name = name_item(r->g, r->node);

		if (r->node->type == FT_FLAG)
			ed_message(e, false,
			           _("checked 「%s」 (Ctrl-Z undoes it)"),
			           name);
		else
			ed_message(
			        e, false,
			        _("filled in 「%s」 with 「%s」 (Ctrl-Z undoes it)"),
			        name, v);
		free(name);
	}
	free(v);
}

/* Ctrl-N: stay on the focused row when it needs input and Ctrl-N has not
 * stopped there yet; else go to the next row below that needs input, in
 * screen order, then on through the sections and round to the rows above. */
static void
ed_next_needed(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	size_t k, from = e->focus;

	if (r != NULL && (k = ed_row_need(e, e->focus)) != (size_t)-1 &&
	    !ed_same_row(&e->guided, r)) {
		ed_guide_to(e, e->focus, k);
		return;
	}
	for (size_t i = r ? e->focus + 1 : 0; i < e->nrows; i++)
		if ((k = ed_row_need(e, i)) != (size_t)-1) {
			ed_guide_to(e, i, k);
			return;
		}
	for (size_t s = 1; s <= e->nsecs; s++) {
		size_t sec = (e->cur + s) % e->nsecs, end;
		bool any = false;

		for (k = 0; k < e->problems.n && !any; k++)
			any = check_stops_walk(&e->problems.v[k]) &&
			      ed_finding_section(e, k) == sec;
		if (!any)
			continue;
		ed_goto(e, sec, NULL, NULL);
		/* Back in the section we started from: the rows up to the
		 * focus. */
		end = s == e->nsecs ? from + 1 : e->nrows;
		for (size_t i = 0; i < end && i < e->nrows; i++)
			if ((k = ed_row_need(e, i)) != (size_t)-1) {
				ed_guide_to(e, i, k);
				return;
			}
	}
	ed_message(
	        e, false, "%s",
	        e->problems.n
	                ? _("no other item needs an answer; see the problem list (F2)")
	                : _("every item is filled in"));
}

/* Tell whether folded text t holds w where reference parts start and end
 * (I-5 is in I-5-② and F1:I-5, not in II-5). */
static bool
ed_ref_has(const char *t, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = strstr(t, w); p != NULL; p = strstr(p + 1, w)) {
		bool start = p == t || p[-1] == '-' || p[-1] == ':';
		bool end = p[n] == '\0' || p[n] == '-';

		if (start && end)
			return true;
	}
	return false;
}

/* Score how well an item (or, for a repeat, the row that adds a block)
 * matches the search words (0 = no match). Text is compared folded: NFKC
 * and case, so that ② matches 2, Ⅱ matches II and ｒｅｆ matches ref. */
static int
ed_match(struct doc_group *g, const struct fdef_node *n, const char *query)
{
	char *q = jtext_fold(query, 0), *save = NULL;
	char *rawref = doc_ref_of(g, n);
	char *ref = jtext_fold(rawref, 0);
	const char *bare = strchr(ref, ':') ? strchr(ref, ':') + 1 : ref;
	char *label = jtext_fold(n->label, 0);
	char *title = n->parent && n->parent->title
	                      ? jtext_fold(n->parent->title, 0)
	                      : xstrdup("");
	char *heading =
	        n->heading ? jtext_fold(n->heading->label, 0) : xstrdup("");
	char *raw = n->kind == FDEF_ITEM
	                    ? doc_format_value(n, &doc_slot(g, n)->val)
	                    : xstrdup("");
	char *val = jtext_fold(raw, 0);
	size_t ql = strlen(q);
	int score = 0;

	while (ql > 0 && q[ql - 1] == ' ')
		q[--ql] = '\0';
	/* The reference itself (V-1-②): before everything else. */
	if (ql > 0 && (strcmp(q + strspn(q, " "), bare) == 0 ||
	               strcmp(q + strspn(q, " "), ref) == 0))
		score = 100;
	for (char *w = strtok_r(q, " \t", &save); w != NULL && score < 100;
	     w = strtok_r(NULL, " \t", &save)) {
		int s = 0;

		if (strncmp(bare, w, strlen(w)) == 0 && ed_ref_has(bare, w))
			s = 10;
		else if (strstr(label, w) != NULL)
			s = 3;
		else if (ed_ref_has(ref, w))
			s = 3;
		else if (strstr(heading, w) != NULL)
			s = 2;
		else if (strstr(title, w) != NULL)
			s = 2;
		else if (strstr(val, w) != NULL)
			s = 1;
		if (s == 0) {
			score = 0;
			break;
		}
		score += s;
	}
	free(q);
	free(rawref);
	free(ref);
	free(label);
	free(title);
	free(heading);
	free(raw);
	free(val);
	return score;
}

/* Record a search hit. */
static void
ed_add_hit(struct ed *e, struct doc_group *g, const struct fdef_node *n,
           int score)
{
	e->hits = xreallocarray(e->hits, e->nhits + 1, sizeof *e->hits);
	e->hits[e->nhits].g = g;
	e->hits[e->nhits].node = n;
	e->hits[e->nhits].sec = ed_section_of(e, g);
	e->hits[e->nhits].score = score;
	e->nhits++;
}

/* Collect search hits in one instance subtree; a repeat with no block is
 * a hit for the row that adds one (I-2 before システム1 exists). */
static void
ed_find_in(struct ed *e, struct doc_group *g, const char *words)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		struct doc_slot *s = &g->slots[i];
		int score;

		if (!fdef_in_version(n, e->doc->version))
			continue;
		if (n->kind == FDEF_GROUP) {
			ed_find_in(e, s->grp, words);
		} else if (n->kind == FDEF_REPEAT) {
			if (s->ninst == 0 && !ed_repeat_of_groups(n) &&
			    doc_visible(e->doc, g, n) &&
			    (score = ed_match(g, n, words)) > 0)
				ed_add_hit(e, g, n, score);
			for (size_t j = 0; j < s->ninst; j++)
				ed_find_in(e, s->inst[j], words);
		} else if ((score = ed_match(g, n, words)) > 0) {
			ed_add_hit(e, g, n, score);
		}
	}
}

/* Order hits by score, then document order. */
static int
ed_hit_cmp(const void *a, const void *b)
{
	const struct ed_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->node->id < y->node->id ? -1 : x->node->id > y->node->id;
}

/* Run the search for the current query. */
static void
ed_find_update(struct ed *e)
{
	free(e->hits);
	e->hits = NULL;
	e->nhits = 0;
	e->pop_sel = 0;
	if (e->query.len == 0)
		return;
	ed_find_in(e, e->doc->root, e->query.buf);
	if (e->nhits > 1)
		qsort(e->hits, e->nhits, sizeof *e->hits, ed_hit_cmp);
}

/* Jump to a search hit; explain when the item is hidden. */
static void
ed_find_jump(struct ed *e, size_t k)
{
	struct ed_hit *h;

	e->popup = POP_NONE;
	if (k >= e->nhits) {
		ed_message(e, true, "%s", _("nothing matches"));
		return;
	}
	h = &e->hits[k];
	ed_goto(e, h->sec, h->g, h->node);
	if (!doc_visible(e->doc, h->g, h->node)) {
		const struct fdef_node *why = h->node;

		while (why != NULL && why->show == NULL &&
		       why->companion_of == NULL)
			why = why->parent;
		char *reason = why && why->show_reason
		                       ? doc_fill(h->g, why->show_reason)
		                       : xstrdup(_("this item is hidden by an "
		                                   "answer above it"));

		ed_message(e, false, "%s", reason);
		free(reason);
	} else {
		char *name = name_item(h->g, h->node);

		ed_message(e, false, "%s", name);
		free(name);
	}
}

/* Ctrl-E: edit the focused text item in $VISUAL/$EDITOR. */
static void
ed_key_external(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	char *text, *cur, *err = NULL;
	size_t bad;

	if (!ed_can_change(e))
		return;
	if (r == NULL || r->kind != ROW_ITEM ||
	    (r->node->type != FT_TEXT && r->node->type != FT_LINE &&
	     r->node->type != FT_TABLE)) {
		ed_message(e, false, "%s", _("Ctrl-E works on text items"));
		return;
	}
	if (!e->editing)
		ed_begin_edit(e);
	if (e->host == NULL || e->host->edit_text == NULL) {
		ed_message(
		        e, true, "%s",
		        _("the external editor could not be run; set VISUAL or EDITOR"));
		return;
	}
	cur = xstrdup(e->edit.buf);
	text = e->host->edit_text(e->host->ctx, cur, &err);
	free(cur);
	if (text == NULL) {
		if (err != NULL)
			ed_message(e, true, "%s", err);
		free(err);
		return;
	}
	if (!utf8_valid(text, strlen(text), &bad)) {
		free(text);
		ed_message(
		        e, true, "%s",
		        _("the edited text is not UTF-8; nothing was changed"));
		return;
	}
	sbuf_reset(&e->edit);
	sbuf_adds(&e->edit, text);
	e->cursor = e->edit.len;
	free(text);
	ed_commit_edit(e);
}

/* The first open (or, with accepted, accepted) warning of the focused
 * item; NULL when there is none. Borrowed. */
static struct diag *
ed_focused_warning(struct ed *e, bool accepted)
{
	struct ed_row *r = ed_focused(e);

	if (r == NULL || r->kind != ROW_ITEM)
		return NULL;
	for (size_t i = 0; i < e->problems.n; i++) {
		struct diag *d = &e->problems.v[i];

		if (d->sev != DIAG_ERROR && (d->accepted != 0) == accepted &&
		    ed_problem_at(e, d, r->g, r->node))
			return d;
	}
	return NULL;
}

/* F4: accept the focused item's warning with a reason, or withdraw an
 * acceptance. */
static void
ed_key_accept(struct ed *e)
{
	struct diag *open = ed_focused_warning(e, false);
	struct diag *done = ed_focused_warning(e, true);
	struct ed_row *r = ed_focused(e);

	if (!ed_can_change(e))
		return;
	if (open != NULL) {
		e->popup = POP_ACCEPT;
		sbuf_reset(&e->query);
		return;
	}
	if (done != NULL) {
		struct ed_undo *u = ed_push_undo(e, UNDO_WITHDRAW);

		u->path = doc_group_path(r->g);
		u->node = r->node;
		u->rule = xstrdup(done->rule);
		u->reason = xstrdup(done->note ? done->note : "");
		u->values = xstrdup(done->values ? done->values : "");
		for (size_t i = 0; i < r->g->nacc; i++)
			if (strcmp(r->g->acc[i].rule, done->rule) == 0 &&
			    strcmp(r->g->acc[i].item, r->node->key) == 0)
				r->g->acc[i].used = false;
		doc_accept_prune(r->g);
		ed_validate(e);
		ed_message(e, false, "%s", _("the acceptance was withdrawn"));
		return;
	}
	ed_message(
	        e, false, "%s",
	        _("F4 accepts a warning of this item; it has none (errors must "
	          "be corrected)"));
}

/* Record the acceptance of the focused warning with a reason. */
static void
ed_accept(struct ed *e, const char *reason)
{
	struct diag *d = ed_focused_warning(e, false);
	struct ed_row *r = ed_focused(e);
	struct ed_undo *u;

	if (d == NULL || r == NULL)
		return;
	if (reason[0] == '\0') {
		ed_message(e, true, "%s",
		           _("a reason is needed to accept a warning"));
		return;
	}
	u = ed_push_undo(e, UNDO_ACCEPT);
	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->rule = xstrdup(d->rule);
	u->reason = xstrdup(reason);
	u->values = xstrdup(d->values ? d->values : "");
	doc_accept_add(r->g, u->rule, r->node->key, reason, u->values);
	ed_validate(e);
	ed_message(e, false, _("accepted: %s"), reason);
}

struct ed_pkey {
	size_t sec;
	const char *rule;
	size_t idx;
};

/* Compare two problems by section, then rule, then position. */
static int
ed_pkey_cmp(const void *a, const void *b)
{
	const struct ed_pkey *x = a, *y = b;
	int c;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Build e->porder: problem indices grouped by section, then by rule. */
static void
ed_order_problems(struct ed *e)
{
	size_t n = e->problems.n;
	struct ed_pkey *k = xcalloc(n + 1, sizeof *k);

	free(e->porder);
	e->porder = xcalloc(n + 1, sizeof *e->porder);
	for (size_t i = 0; i < n; i++) {
		struct diag *d = &e->problems.v[i];
		size_t s = ed_finding_section(e, i);

		k[i].sec = s == (size_t)-1 ? e->nsecs : s;
		k[i].rule = d->rule ? d->rule : "";
		k[i].idx = i;
	}
	if (n > 1)
		qsort(k, n, sizeof *k, ed_pkey_cmp);
	for (size_t i = 0; i < n; i++)
		e->porder[i] = k[i].idx;
	free(k);
}

/* Open the help (F1) at its top. */
static void
ed_open_help(struct ed *e)
{
	e->popup = POP_HELP;
	e->help_gen++;
	e->nhelp_moves = 0;
}

/* Scroll the help by n lines (the view stops at either end). */
static void
ed_help_move(struct ed *e, int n)
{
	e->help_moves = xreallocarray(e->help_moves, e->nhelp_moves + 1,
	                              sizeof *e->help_moves);
	e->help_moves[e->nhelp_moves++] = n;
}

/* Edit the one-line answer of a prompt (find, reason, file name) in
 * e->query: BSpace deletes, text is added. True when the text changed. */
static bool
ed_prompt_key(struct ed *e, uint32_t key)
{
	char buf[4];

	if (key == HK_BSPACE) {
		if (e->query.len == 0)
			return false;
		e->query.len = utf8_prev(e->query.buf, e->query.len);
		e->query.buf[e->query.len] = '\0';
		return true;
	}
	if (key == HK_SPACE || (key >= 0x20 && key < HK_BASE)) {
		sbuf_add(&e->query, buf,
		         ed_encode(key == HK_SPACE ? ' ' : key, buf));
		return true;
	}
	return false;
}

/* Handle a key while a popup is open. */
static void
ed_key_popup(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	switch (e->popup) {
	case POP_CHOICE:
		if (key == HK_ESC) {
			e->popup = POP_NONE;
		} else if (key == HK_UP && e->pop_sel > 0) {
			e->pop_sel--;
		} else if (key == HK_DOWN &&
		           e->pop_sel + 1 < r->node->noptions) {
			e->pop_sel++;
		} else if (key == HK_ENTER || key == HK_SPACE) {
			ed_pick(e, e->pop_sel);
		} else if (key >= '1' && key <= '9' &&
		           (size_t)(key - '1') < r->node->noptions) {
			ed_pick(e, key - '1');
		} else if (key >= '0' && key <= '9') {
			ed_message(e, true,
			           _("choose with 1 to %zu (or Enter)"),
			           r->node->noptions);
		}
		return;
	case POP_HELP:
		if (key == HK_DOWN || key == HK_PGDN || key == HK_SPACE)
			ed_help_move(e, key == HK_DOWN ? 1 : 10);
		else if (key == HK_UP || key == HK_PGUP)
			ed_help_move(e, key == HK_UP ? -1 : -10);
		else
			e->popup = POP_NONE;
		return;
	case POP_PROBLEMS:
		if (key == HK_ESC || key == HK_F(2)) {
			e->popup = POP_NONE;
		} else if (key == HK_UP && e->pop_sel > 0) {
			e->pop_sel--;
		} else if (key == HK_DOWN && e->pop_sel + 1 < e->problems.n) {
			e->pop_sel++;
		} else if (key == HK_PGDN) {
			e->pop_sel =
			        e->pop_sel + 10 < e->problems.n
			                ? e->pop_sel + 10
			                : (e->problems.n ? e->problems.n - 1
			                                 : 0);
		} else if (key == HK_PGUP) {
			e->pop_sel = e->pop_sel > 10 ? e->pop_sel - 10 : 0;
		} else if (key == HK_ENTER && e->pop_sel < e->problems.n) {
			size_t k = e->porder[e->pop_sel];
			struct diag *d = &e->problems.v[k];

			e->popup = POP_NONE;
			if (e->ploc[k].g != NULL) {
				ed_goto(e, ed_finding_section(e, k),
				        e->ploc[k].g, e->ploc[k].n);
				ed_message(e, d->sev == DIAG_ERROR, "%s: %s",
				           d->name ? d->name : "", d->msg);
			}
		}
		return;
	case POP_FIND:
		if (key == HK_ESC) {
			e->popup = POP_NONE;
		} else if (key == HK_ENTER) {
			ed_find_jump(e, e->pop_sel);
		} else if (key == HK_UP && e->pop_sel > 0) {
			e->pop_sel--;
		} else if (key == HK_DOWN && e->pop_sel + 1 < e->nhits) {
			e->pop_sel++;
		} else if (ed_prompt_key(e, key)) {
			ed_find_update(e);
		}
		return;
	case POP_CONFIRM_QUIT:
		if (key == 'y' || key == 'Y') {
			e->popup = POP_NONE;
			if (ed_save(e))
				e->quit = true;
		} else if (key == 'n' || key == 'N') {
			e->popup = POP_NONE;
			e->quit = true;
		} else if (key == HK_ESC) {
			e->popup = POP_NONE;
			ed_message(e, false, "%s", _("not quitting"));
		}
		return;
	case POP_ACCEPT:
		if (key == HK_ESC) {
			e->popup = POP_NONE;
			ed_message(e, false, "%s", _("the warning stays open"));
		} else if (key == HK_ENTER) {
			e->popup = POP_NONE;
			ed_accept(e, e->query.buf);
		} else {
			ed_prompt_key(e, key);
		}
		return;
	case POP_CONFLICT:
	case POP_CONFLICT_CONFIRM:
		ed_conflict_key(e, key);
		return;
	case POP_SAVEAS:
		if (key == HK_ESC) {
			e->popup = POP_NONE;
			ed_message(e, true, "%s",
			           _("not saved; the changes are still here "
			             "(and in "
			             "the recovery file)"));
		} else if (key == HK_ENTER) {
			e->popup = POP_NONE;
			ed_save_as(e, e->query.buf);
		} else {
			ed_prompt_key(e, key);
		}
		return;
	case POP_CONFIRM_REMOVE:
		e->popup = POP_NONE;
		if ((key == 'y' || key == 'Y') && ed_can_change(e))
			ed_remove_block(e);
		else
			ed_message(e, false, "%s", _("nothing was removed"));
		return;
	default:
		e->popup = POP_NONE;
		return;
	}
}

/* Tell whether a key types a character. */
static bool
ed_is_text_key(uint32_t key)
{
	return key == HK_SPACE || (key >= 0x20 && key < HK_BASE && key != 0x7f);
}

/* Handle a key on a focused row when nothing is being edited; a key that
 * does nothing there says why. */
static void
ed_key_row(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	if (r == NULL)
		return;
	if (r->kind == ROW_ADD) {
		if (key == HK_ENTER || key == HK_SPACE || key == '+')
			ed_add_block(e);
		else if (ed_is_text_key(key))
			ed_message(e, false, "%s",
			           _("Enter or Space adds a block here"));
		return;
	}
	if (r->kind == ROW_BLOCK) {
		if (key == HK_DEL || key == HK_CTRL('k')) {
			char *name = ed_block_name(r);

			/* The question names the block it would remove. */
			e->popup = POP_CONFIRM_REMOVE;
			sbuf_reset(&e->query);
			sbuf_addf(
			        &e->query,
			        _("Remove 「%s」 and everything in it?  y: remove  n: keep"),
			        name);
			free(name);
		} else if (key == HK_CTRL('u')) {
			ed_move_block(e, -1);
		} else if (key == HK_CTRL('d')) {
			ed_move_block(e, 1);
		} else if (key == HK_ENTER) {
			ed_move(e, 1);
		} else if (ed_is_text_key(key)) {
			ed_message(
			        e, false, "%s",
			        _("this is the heading of a block: Tab goes to its items, Delete removes it"));
		}
		return;
	}
	if (r->kind != ROW_ITEM)
		return;
	switch (r->node->type) {
	case FT_CHOICE:
		if (key == HK_ENTER || key == HK_SPACE) {
			ed_open_choice(e);
		} else if (key >= '1' && key <= '9' &&
		           (size_t)(key - '1') < r->node->noptions) {
			ed_pick(e, key - '1');
		} else if (key >= '0' && key <= '9') {
			ed_message(e, true,
			           _("choose with 1 to %zu (or Enter)"),
			           r->node->noptions);
		} else if (key == HK_DEL || key == HK_BSPACE) {
			ed_set_value(e, r->g, r->node,
			             &(struct doc_value){NULL, 0, 0, 0});
		} else if (ed_is_text_key(key)) {
			ed_message(
			        e, false, "%s",
			        _("this item is answered from a list: a digit chooses, Enter shows the options"));
		}
		return;
	case FT_MULTI:
	case FT_FLAG:
		if (key == HK_SPACE)
			ed_toggle(e);
		else if (key == HK_DEL)
			ed_set_value(e, r->g, r->node,
			             &(struct doc_value){NULL, 0, 0, 0});
		else if (key == HK_ENTER || ed_is_text_key(key))
			ed_message(
			        e, false, "%s",
			        _("Space checks or unchecks a box; ↑↓ move between the boxes"));
		return;
	default:
		if (key == HK_ENTER) {
			ed_begin_edit(e);
		} else if (key == HK_DEL) {
			ed_set_value(e, r->g, r->node,
			             &(struct doc_value){NULL, 0, 0, 0});
		} else if (ed_is_text_key(key)) {
			/* Typing over a date or a number replaces it; a text
			 * grows. */
			ed_begin_edit_with(e,
			                   r->node->type == FT_DATE ||
			                           r->node->type == FT_NUMBER ||
			                           r->node->type == FT_COUNT);
			ed_key_edit(e, key);
		} else if (key == HK_BSPACE) {
			ed_begin_edit(e);
			ed_key_edit(e, key);
		}
		return;
	}
}

/* Handle one key (ed_key() does the bookkeeping around it). */
static void
ed_key_one(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	if (key == HK_RESIZE)
		return;
	e->gen++;
	if (key == ' ')
		key = HK_SPACE;
	if (e->popup != POP_NONE) {
		ed_key_popup(e, key);
		return;
	}
	if (!e->editing) {
		free(e->msg);
		e->msg = NULL;
	}
	if (e->editing) {
		switch (key) {
		case HK_CTRL('s'):
		case HK_CTRL('q'):
		case HK_CTRL('n'):
		case HK_CTRL('f'):
		case HK_CTRL('y'):
		case HK_PGUP:
		case HK_PGDN:
		case HK_F1 + 1:
		case HK_F1 + 2:
		case HK_F1 + 3:
		case HK_F1 + 4:
			/* Text that is not a valid value keeps the edit open.
			 */
			if (!ed_commit_edit(e))
				return;
			break;
		case HK_CTRL('z'):
			/* Undo of typing that is not a value yet: give it up.
			 */
			if (!ed_edit_valid(e)) {
				ed_abandon_edit(e);
				return;
			}
			ed_commit_edit(e);
			break;
		case HK_F1:
			/* Help over the edit, which goes on after it. */
			ed_open_help(e);
			return;
		case HK_CTRL('e'):
			ed_key_external(e);
			return;
		case HK_CTRL('c'):
			ed_message(e, false, "%s", _("to quit, press Ctrl-Q"));
			return;
		default:
			ed_key_edit(e, key);
			return;
		}
	}
	switch (key) {
	case HK_TAB:
		ed_move(e, 1);
		return;
	case HK_BTAB:
		ed_move(e, -1);
		return;
	case HK_DOWN:
		if (r && r->kind == ROW_ITEM && r->node->type == FT_MULTI) {
			if (e->member + 1 < ed_members(e, r->node)) {
				e->member++;
				return;
			}
		}
		ed_move(e, 1);
		return;
	case HK_UP:
		if (r && r->kind == ROW_ITEM && r->node->type == FT_MULTI &&
		    e->member > 0) {
			e->member--;
			return;
		}
		ed_move(e, -1);
		return;
	case HK_PGDN:
		ed_section_step(e, 1);
		return;
	case HK_PGUP:
		ed_section_step(e, -1);
		return;
	case HK_CTRL('n'):
		ed_next_needed(e);
		return;
	case HK_CTRL('f'):
		e->popup = POP_FIND;
		sbuf_reset(&e->query);
		ed_find_update(e);
		return;
	case HK_CTRL('s'):
		ed_save(e);
		return;
	case HK_CTRL('q'):
		if (ed_modified(e))
			e->popup = POP_CONFIRM_QUIT;
		else
			e->quit = true;
		return;
	case HK_CTRL('c'):
		ed_message(e, false, "%s", _("to quit, press Ctrl-Q"));
		return;
	case HK_CTRL('z'):
		ed_undo(e);
		return;
	case HK_CTRL('y'):
		ed_redo(e);
		return;
	case HK_CTRL('e'):
		ed_key_external(e);
		return;
	case HK_F1:
		ed_open_help(e);
		return;
	case HK_F1 + 1:
		ed_order_problems(e);
		e->popup = POP_PROBLEMS;
		e->pop_sel = 0;
		return;
	case HK_F1 + 2:
		ed_fill_offer(e);
		return;
	case HK_F1 + 3:
		ed_key_accept(e);
		return;
	case HK_F1 + 4:
		e->full_check = true;
		for (size_t i = 0; i < e->nsecs; i++)
			e->secs[i].visited = true;
		{
			size_t missing, errors, warn;

			ed_counts(e, &missing, &errors, &warn);
			ed_message(
			        e, false,
			        _("full check: %zu to fill in, %zu error(s), %zu warning(s); F2 lists them"),
			        missing, errors, warn);
			return;
		}
	default:
		ed_key_row(e, key);
		return;
	}
}

/* Add a pasted key to the paste buffer: text, line breaks and tabs. */
static void
ed_paste_key(struct ed *e, uint32_t key)
{
	char buf[4];

	if (key == HK_ENTER)
		key = '\n';
	else if (key == HK_TAB)
		key = '\t';
	else if (key == HK_SPACE)
		key = ' ';
	if (key == '\n' || key == '\r' || key == '\t' ||
	    (key >= 0x20 && key < HK_BASE))
		sbuf_add(&e->paste, buf, ed_encode(key, buf));
}

/* Put pasted text into the focused item only: into the edit (a text item
 * starts one), its line breaks kept in a multi-line item and refused in a
 * one-line item, tabs kept in a table; never a key, so that pasted digits
 * pick no option and a pasted y answers no question. */
static void
ed_paste(struct ed *e, const char *text)
{
	struct ed_row *r = ed_focused(e);
	struct sbuf t;
	size_t lines = 1;

	sbuf_init(&t);
	/* Line breaks of Windows (CR LF) and old Macs (CR) become LF. */
	for (const char *p = text; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		sbuf_addc(&t, *p == '\r' ? '\n' : *p);
	}
	/* One final line break (a copied cell or paragraph) is dropped. */
	if (t.len > 0 && t.buf[t.len - 1] == '\n')
		t.buf[--t.len] = '\0';
	if (e->popup == POP_FIND || e->popup == POP_ACCEPT ||
	    e->popup == POP_SAVEAS) {
		for (size_t i = 0; i < t.len; i++)
			if (t.buf[i] == '\n' || t.buf[i] == '\t')
				t.buf[i] = ' ';
		sbuf_adds(&e->query, t.buf);
		if (e->popup == POP_FIND)
			ed_find_update(e);
		sbuf_fini(&t);
		return;
	}
	if (e->popup != POP_NONE || r == NULL || r->kind != ROW_ITEM ||
	    r->node->type == FT_CHOICE || r->node->type == FT_MULTI ||
	    r->node->type == FT_FLAG) {
		ed_message(
		        e, true, "%s",
		        _("the pasted text was not used: paste into a text item"));
		sbuf_fini(&t);
		return;
	}
	if (r->node->type != FT_TABLE)
		for (size_t i = 0; i < t.len; i++)
			if (t.buf[i] == '\t')
				t.buf[i] = ' ';
	for (size_t i = 0; i < t.len; i++)
		lines += t.buf[i] == '\n';
	if (lines > 1 && ed_one_line(r->node) && r->node->type != FT_TABLE) {
		ed_message(
		        e, true,
		        _("this item takes one line; the pasted text has %zu lines and was not pasted"),
		        lines);
		sbuf_fini(&t);
		return;
	}
	if (!e->editing)
		ed_begin_edit_with(e, r->node->type == FT_DATE ||
		                              r->node->type == FT_NUMBER ||
		                              r->node->type == FT_COUNT);
	if (e->editing) {
		ed_insert(e, t.buf, t.len);
		if (lines > 1)
			ed_message(e, false, _("pasted %zu lines into %s"),
			           lines, r->node->label);
	}
	sbuf_fini(&t);
}

/* Handle one key. */
void
ed_key(struct ed *e, uint32_t key)
{
	struct ed_row *r;
	bool armed = e->esc_armed;

	if (key == HK_PASTE_START) {
		e->pasting = true;
		sbuf_reset(&e->paste);
		return;
	}
	if (e->pasting) {
		if (key == HK_PASTE_END) {
			e->pasting = false;
			e->gen++;
			ed_paste(e, e->paste.buf);
		} else {
			ed_paste_key(e, key);
		}
		return;
	}
	if (key == HK_PASTE_END)
		return;

	/* Only Esc right after Esc gives a refused edit up. */
	e->esc_armed = key == HK_ESC && armed;
	ed_key_one(e, key);
	/* Ctrl-N stops on a row once; leaving it forgets that. */
	r = ed_focused(e);
	if (r == NULL || !ed_same_row(&e->guided, r))
		e->guided.g = NULL;
}

/* Tell whether a finding is about item n of instance g and is shown. */
bool
ed_problem_at(const struct ed *e, const struct diag *d,
              const struct doc_group *g, const struct fdef_node *n)
{
	size_t i = (size_t)(d - e->problems.v);

	if (e->ploc == NULL || i >= e->problems.n)
		return false;
	return e->ploc[i].g == g && e->ploc[i].n == n &&
	       ed_shown_problem(e, d, e->cur);
}
