/* The editor's undo history: every change to the document is one record
 * that Ctrl-Z reverts and Ctrl-Y applies again. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

/* Free one undo record. */
void
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

/* Record an undoable operation, dropping any redo history. */
struct ed_undo *
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
bool
ed_set_value(struct ed *e, struct doc_group *g, const struct fdef_node *node,
             struct doc_value *v)
{
	struct doc_ptr p = {g, node};
	struct doc_value before;
	struct ed_undo *u;
	bool flipped;

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
		flipped = doc_value_empty(&before) !=
		          doc_value_empty(&doc_slot(g, node)->val);
		u = ed_push_undo(e, UNDO_SET);
		u->path = doc_path_of(g, node);
		u->node = node;
		u->before = before;
		u->after = after;
	}
	ed_rebuild(e);
	ed_validate_change(e, g, node, flipped);
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
		if (u->kind == UNDO_CONFIRM) {
			if (redo)
				doc_review_confirm(g, u->node);
			else
				doc_review_add(g, u->node->key, u->reason);
		} else if (u->kind == UNDO_ACCEPT || u->kind == UNDO_WITHDRAW) {
			if ((u->kind == UNDO_ACCEPT) == redo) {
				doc_accept_add(g, u->rule, u->node->key,
				               u->reason, u->values);
			} else {
				ed_withdraw(g, u->rule, u->node->key);
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
		/* Show the item marked again or confirmed, the block that
		 * came back or moved. */
		if (u->kind == UNDO_CONFIRM)
			ed_goto(e, ed_section_of(e, g), g, u->node);
		else if (u->kind == UNDO_SWAP)
			ed_focus_block(e, g, u->node, redo ? u->to : u->at);
		else if (u->kind == UNDO_ADD || u->kind == UNDO_REMOVE)
			ed_focus_block(e, g, u->node, u->at);
		return true;
	}
}

/* Undo the last change. */
void
ed_undo(struct ed *e)
{
	if (!ed_can_change(e))
		return;
	if (e->undo_pos == 0) {
		ed_message(e, false, "%s", _("nothing to undo"));
		return;
	}
	do {
		e->undo_pos--;
		ed_apply_undo(e, &e->undo[e->undo_pos], false);
	} while (e->undo_pos > 0 && e->undo[e->undo_pos].joined);
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s", _("undone (Ctrl-Y redoes)"));
}

/* Redo the last undone change. */
void
ed_redo(struct ed *e)
{
	if (!ed_can_change(e))
		return;
	if (e->undo_pos == e->nundo) {
		ed_message(e, false, "%s", _("nothing to redo"));
		return;
	}
	do {
		ed_apply_undo(e, &e->undo[e->undo_pos], true);
		e->undo_pos++;
	} while (e->undo_pos < e->nundo && e->undo[e->undo_pos].joined);
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s", _("redone"));
}
