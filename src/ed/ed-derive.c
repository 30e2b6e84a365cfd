/* Answers that follow from others (F3): the form's derive checks offer a
 * value for an item, and F3 fills it in as one undoable change. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>

#include "i18n.h"
#include "name.h"
#include "rules.h"

/* The finding that offers an answer for row i (a derive check of the
 * form), or NULL. Borrowed. */
const struct diag *
ed_offer_at(const struct ed *e, size_t i)
{
	const struct ed_row *r = i < e->nrows ? &e->rows[i] : NULL;

	if (r == NULL || r->kind != ROW_ITEM || e->ploc == NULL)
		return NULL;
	for (size_t k = ed_problem_first(e, r->g, r->node); k != (size_t)-1;
	     k = ed_problem_next(e, k)) {
		const struct diag *d = &e->problems.v[k];

		if (d->src > 0 && e->fd->checks[d->src - 1].kind == CK_DERIVE)
			return d;
	}
	return NULL;
}

/* F3: fill the focused item with the answer that follows from others (the
 * form's derive checks: I-3's name for II-1, the number of blocks for a
 * 件数, 委託しない when nothing is entrusted); one undoable change. */
void
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

		if (fdef_types[r->node->type].shape == FS_BOOL)
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
