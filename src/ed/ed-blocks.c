/* Choices, checkboxes and blocks: picking an option, toggling a member,
 * adding, removing and moving the blocks of a repeat, and naming them. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "name.h"
#include "xalloc.h"

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

/* Open the choice list of the focused item. */
void
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
void
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
void
ed_toggle(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	const struct doc_value *cur;
	struct doc_value v = {NULL, 0, 0, 0};

	if (r == NULL || !ed_can_change(e))
		return;
	cur = &doc_slot(r->g, r->node)->val;
	if (fdef_types[r->node->type].shape == FS_BOOL) {
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
void
ed_add_block(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	const struct fdef_node *repeat;
	struct doc_group *holder;
	char *err = NULL;
	struct ed_undo *u;

	if (r == NULL || !ed_can_change(e))
		return;
	repeat = r->node;
	holder = r->g;
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
	{
		struct ed_row added = {ROW_BLOCK, holder, repeat, u->at,
		                       0,         false,  NULL};
		char *name = ed_block_title(&added);

		ed_message(e, false, _("added 「%s」 (Ctrl-Z removes it)"),
		           name);
		free(name);
	}
}

/* Focus block `at` of a repeat in holder g, or the row that adds one when
 * there is no such block (the last was removed). */
void
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

/* The block on row r for messages: its name as every message names an
 * item (ファイル1 II-4-委託事項2), then the first answer in it that names
 * it, in parentheses. Caller frees. */
char *
ed_block_title(const struct ed_row *r)
{
	struct doc_group *inst = doc_slot(r->g, r->node)->inst[r->inst];
	const char *sum = ed_summary(inst);
	char *name = name_item(inst, r->node), *full;

	if (sum == NULL)
		return name;
	full = xasprintf("%s(%s)", name, sum);
	free(name);
	return full;
}

/* Remove the focused block (after confirmation). */
void
ed_remove_block(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct ed_undo *u;
	char *title;

	if (r == NULL || r->kind != ROW_BLOCK)
		return;
	title = ed_block_title(r);
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
	ed_message(e, false, _("removed 「%s」 (Ctrl-Z brings it back)"),
	           title);
	free(title);
}

/* Move the focused block up (dir -1) or down (dir 1). */
void
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
		char *name = ed_block_title(&e->rows[e->focus]);

		ed_message(e, false,
		           dir < 0 ? _("moved 「%s」 up (Ctrl-Z undoes it)")
		                   : _("moved 「%s」 down (Ctrl-Z undoes it)"),
		           name);
		free(name);
	}
}
