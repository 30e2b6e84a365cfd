/* The annual review in the editor: the baseline a document names (read
 * through the host), the changes since it (review.h) marked on the rows
 * and counted per chapter, the 変更箇所 screen (F8) that writes a change's
 * 別添2 row, and the question asked when a ※ item has changed. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jtext.h"
#include "name.h"
#include "xalloc.h"

/* Read the baseline the document names, through the host; say so when it
 * cannot be read (editing goes on without the marks). The editor owns the
 * baseline until it is freed. */
void
ed_open_baseline(struct ed *e)
{
	char *err = NULL;
	struct doc *b;

	if (e->doc->base_file == NULL || e->host == NULL ||
	    e->host->load_baseline == NULL)
		return;
	b = e->host->load_baseline(e->host->ctx, e->fd, e->file,
	                           e->doc->base_file, &err);
	if (b == NULL) {
		ed_message(
		        e, true,
		        _("the last published version %s cannot be read (%s): the changes are not marked, editing goes on"),
		        e->doc->base_file, err ? err : "");
		free(err);
		return;
	}
	doc_free(&e->base);
	e->base = b;
	e->doc->base = b;
	ed_validate(e);
	if (e->changes.n == 0)
		ed_message(
		        e, false,
		        _("compared with the last published version (%s): nothing changed yet; changed items get a mark, F8 lists them"),
		        e->doc->base_published ? e->doc->base_published
		                               : e->doc->base_file);
	else
		ed_message(
		        e, false,
		        _("%zu item(s) changed since the last published version (%s); F8 lists them"),
		        e->changes.n,
		        e->doc->base_published ? e->doc->base_published
		                               : e->doc->base_file);
}

/* Compare the document with its baseline again: the changes and where
 * each is shown (the editor's, replacing the last ones). */
void
ed_review_update(struct ed *e)
{
	review_list_fini(&e->changes);
	free(e->cplace);
	e->cplace = NULL;
	if (e->base == NULL)
		return;
	review_diff(e->base, e->doc, &e->changes);
	e->cplace = xcalloc(e->changes.n + 1, sizeof *e->cplace);
	for (size_t i = 0; i < e->changes.n; i++) {
		const struct doc_group *g;
		const struct fdef_node *at;

		if (review_place(e->doc, &e->changes.v[i], &g, &at)) {
			e->cplace[i].g = g;
			e->cplace[i].n = at;
		}
	}
}

/* Count the changes per chapter. No memory. */
void
ed_review_count(struct ed *e)
{
	for (size_t i = 0; i < e->nsecs; i++)
		e->secs[i].nchanged = 0;
	for (size_t i = 0; i < e->changes.n && e->cplace != NULL; i++) {
		const struct doc_group *g = e->cplace[i].g;
		size_t sec;

		if (g == NULL)
			continue;
		/* A part of a file (II of a new file) is a chapter itself. */
		if (e->cplace[i].n->kind == FDEF_GROUP)
			g = doc_slot(g, e->cplace[i].n)->grp;
		sec = ed_section_of(e, g);
		if (sec != (size_t)-1)
			e->secs[sec].nchanged++;
	}
}

/* Free what the review holds; the document no longer names a loaded
 * baseline. */
void
ed_review_free(struct ed *e)
{
	if (e->doc->base == e->base)
		e->doc->base = NULL;
	review_list_fini(&e->changes);
	free(e->cplace);
	for (size_t i = 0; i < e->nasked; i++)
		free(e->asked[i]);
	free(e->asked);
	free(e->watch);
	free(e->watch_val);
	free(e->ask);
	doc_free(&e->base);
}

/* The changes since the baseline (none without one). Borrowed. */
const struct review_list *
ed_changes(const struct ed *e)
{
	return &e->changes;
}

/* What change i is: 変更, 新規 or 削除 (translated). Static string. */
const char *
ed_change_kind(const struct ed *e, size_t i)
{
	const struct review_change *c = &e->changes.v[i];

	if (c->in != e->doc)
		return _("deleted");
	if (c->t.node->kind == FDEF_ITEM &&
	    doc_value_empty(&doc_slot(c->t.g, c->t.node)->val))
		return _("deleted");
	if (c->before[0] == '\0')
		return _("new");
	return _("changed");
}

/* The mark of a row that changed since the baseline (変更, 新規, 削除; an
 * item of a new file is 新規), or NULL. Static string. */
const char *
ed_change_mark(const struct ed *e, const struct ed_row *r)
{
	if (r->node == NULL || e->cplace == NULL)
		return NULL;
	for (size_t i = 0; i < e->changes.n; i++)
		if (e->cplace[i].g == r->g && e->cplace[i].n == r->node)
			return ed_change_kind(e, i);
	/* The items of a part of a new file (its II, 別添1, III). */
	for (size_t i = 0; i < e->changes.n && r->kind == ROW_ITEM; i++) {
		const struct review_change *c = &e->changes.v[i];
		const struct doc_group *part;

		if (c->in != e->doc || c->t.node->kind != FDEF_GROUP ||
		    c->before[0] != '\0')
			continue;
		part = doc_slot(c->t.g, c->t.node)->grp;
		for (const struct doc_group *h = r->g; h != NULL; h = h->parent)
			if (h == part)
				return ed_change_kind(e, i);
	}
	return NULL;
}

/* The holder of the change log and the log's node; NULL when the form
 * has none. Borrowed. */
static struct doc_group *
ed_log(const struct ed *e, const struct fdef_node **log)
{
	*log = fdef_role(e->fd, "change_log");
	if (*log == NULL || (*log)->kind != FDEF_REPEAT)
		return NULL;
	return (struct doc_group *)doc_holder(e->doc->root, *log);
}

/* Whether 別添2 records change i, and whether its row's 変更後 says what
 * the item says now (compared as jtext_fold() folds, without blanks). No
 * memory. */
enum ed_recorded
ed_change_recorded(const struct ed *e, size_t i)
{
	const struct review_change *c = &e->changes.v[i];
	const struct fdef_node *log, *after = fdef_role(e->fd, "change_after");
	const struct doc_group *h = ed_log(e, &log);
	const struct doc_value *v;
	char *a, *b;
	bool same;

	if (!c->recorded)
		return ED_REC_NO;
	if (!c->exact || h == NULL || after == NULL || after->parent != log ||
	    c->row >= doc_slot(h, log)->ninst)
		return ED_REC_YES;
	v = &doc_slot(doc_slot(h, log)->inst[c->row], after)->val;
	a = jtext_fold(v->n > 0 ? v->v[0] : "", JTEXT_DROP_BLANKS);
	b = jtext_fold(c->after, JTEXT_DROP_BLANKS);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return same ? ED_REC_YES : ED_REC_STALE;
}

/* Store text in column role of a log row as one undoable change, joined
 * to the record before it when join; only where keep is false or the
 * column is empty. */
static void
ed_put(struct ed *e, struct doc_group *row, const char *role, const char *text,
       bool keep, bool join)
{
	const struct fdef_node *n = fdef_role(e->fd, role);
	struct doc_value v = {NULL, 0, 0, 0};
	size_t before = e->undo_pos;
	char **s;

	if (n == NULL || text == NULL || n->parent != row->def ||
	    (n->type == FT_CHOICE && fdef_option_index(n, text) < 0) ||
	    (keep && !doc_value_empty(&doc_slot(row, n)->val)))
		return;
	s = xcalloc(2, sizeof *s);
	s[0] = xstrdup(text);
	doc_value_take(&v, s, 1);
	ed_set_value(e, row, n, &v);
	doc_value_clear(&v);
	if (join && e->undo_pos > before)
		e->undo[e->undo_pos - 1].joined = true;
}

/* Write the 別添2 row of change i, or bring the row that records it up
 * to date, with the 提出時期 and 説明 of preset p (NULL: the suggested
 * ones, keeping what the row says). One undo step. */
static void
ed_record(struct ed *e, size_t i, const struct fdef_preset *p)
{
	struct review_change c = e->changes.v[i];
	const struct fdef_node *log;
	struct doc_group *h = ed_log(e, &log);
	struct doc_slot *s = h != NULL ? doc_slot(h, log) : NULL;
	size_t start = e->undo_pos, at;
	char *date, *err = NULL;

	if (!ed_can_change(e))
		return;
	if (s == NULL) {
		ed_message(e, true, "%s",
		           _("the form has no change log (role change_log)"));
		return;
	}
	if (p != NULL) {
		c.timing = p->timing;
		c.reason = p->text;
	}
	if (c.recorded && !c.exact) {
		ed_message(
		        e, false,
		        _("already recorded: row %zu of 別添2 names a part that holds this item"),
		        c.row + 1);
		return;
	}
	date = review_default_date(e->doc);
	if (c.recorded) {
		struct doc_group *row = s->inst[c.row];
		/* c's strings belong to the list each change renews. */
		char *before = xstrdup(c.before), *after = xstrdup(c.after);
		char *timing = c.timing ? xstrdup(c.timing) : NULL;
		char *reason = c.reason ? xstrdup(c.reason) : NULL;

		at = c.row;
		ed_put(e, row, "change_date", date, true, false);
		ed_put(e, row, "change_before", before, false,
		       e->undo_pos > start);
		ed_put(e, row, "change_after", after, false,
		       e->undo_pos > start);
		ed_put(e, row, "change_timing", timing, p == NULL,
		       e->undo_pos > start);
		ed_put(e, row, "change_reason", reason, p == NULL,
		       e->undo_pos > start);
		free(before);
		free(after);
		free(timing);
		free(reason);
		if (e->undo_pos == start)
			ed_message(e, false,
			           _("row %zu of 別添2 already says this"),
			           at + 1);
		else
			ed_message(
			        e, false,
			        _("updated row %zu of 別添2 (Ctrl-Z undoes it)"),
			        at + 1);
	} else {
		struct review_list one = {&c, 1};
		size_t added;
		struct ed_undo *u;

		at = s->ninst;
		if (!review_apply(e->doc, &one, date, &added, &err)) {
			ed_message(e, true, "%s", err);
			free(err);
			free(date);
			return;
		}
		u = ed_push_undo(e, UNDO_ADD);
		u->path = doc_group_path(h);
		u->node = log;
		u->at = at;
		ed_rebuild(e);
		ed_validate(e);
		ed_message(
		        e, false,
		        _("wrote row %zu of 別添2, 提出時期 %s (Ctrl-Z undoes it)"),
		        at + 1, c.timing ? c.timing : "-");
	}
	free(date);
}

/* F8: the changes since the baseline. */
void
ed_k_changes(struct ed *e, uint32_t key)
{
	(void)key;
	if (e->base == NULL) {
		if (e->doc->base_file != NULL)
			ed_message(
			        e, true,
			        _("the last published version %s could not be read, so the changes cannot be listed"),
			        e->doc->base_file);
		else
			ed_message(
			        e, false, "%s",
			        _("this assessment names no last published version; start the next version with `hyoka new --from LAST NEW` to see its changes here"));
		return;
	}
	e->popup = POP_CHANGES;
	e->pop_sel = 0;
	{
		size_t open = 0;

		for (size_t i = 0; i < e->changes.n; i++)
			open += ed_change_recorded(e, i) != ED_REC_YES;
		ed_message(
		        e, false,
		        _("%zu change(s), %zu of them without an up-to-date row in 別添2; r writes the row of the one chosen"),
		        e->changes.n, open);
	}
}

/* Enter in the changes: to the item (or where a deleted one was). */
void
ed_k_changes_jump(struct ed *e, uint32_t key)
{
	const struct doc_group *g;
	const struct fdef_node *n;

	(void)key;
	if (e->pop_sel >= e->changes.n)
		return;
	g = e->cplace[e->pop_sel].g;
	n = e->cplace[e->pop_sel].n;
	e->popup = POP_NONE;
	if (g == NULL) {
		ed_message(e, false, "%s",
		           _("this change has no place in this version"));
		return;
	}
	if (n->kind == FDEF_GROUP)
		ed_goto(e, ed_section_of(e, doc_slot(g, n)->grp), NULL, NULL);
	else
		ed_goto(e, ed_section_of(e, g), g, n);
}

/* r in the changes: write or update the 別添2 row of the selected one. */
void
ed_k_changes_record(struct ed *e, uint32_t key)
{
	(void)key;
	if (e->pop_sel < e->changes.n)
		ed_record(e, e->pop_sel, NULL);
}

/* a in the changes: write the rows of every change not recorded yet, with
 * the suggested 提出時期 and 説明, as one undo step. */
void
ed_k_changes_record_all(struct ed *e, uint32_t key)
{
	size_t start = e->undo_pos, added = 0;

	(void)key;
	if (!ed_can_change(e))
		return;
	for (size_t guard = e->changes.n; guard > 0; guard--) {
		size_t i = 0, before = e->undo_pos;

		while (i < e->changes.n && e->changes.v[i].recorded)
			i++;
		if (i == e->changes.n)
			break;
		ed_record(e, i, NULL);
		if (e->undo_pos == before)
			break; /* it could not be written: the message says why
			        */
		if (before > start)
			e->undo[before].joined = true;
		added++;
	}
	if (added > 0)
		ed_message(
		        e, false,
		        _("wrote %zu row(s) of 別添2 with the suggested 提出時期 (Ctrl-Z undoes them all)"),
		        added);
	else if (e->undo_pos == start)
		ed_message(e, false, "%s",
		           _("every change has its row in 別添2"));
}

/* The presets offered for a ※ change (those with a label) into v, at
 * most max; their number. Borrowed from the form. */
static size_t
ed_answers(const struct ed *e, const struct fdef_preset **v, size_t max)
{
	const struct fdef_node *r = fdef_role(e->fd, "change_reason");
	size_t n = 0;

	for (size_t i = 0; r != NULL && i < r->npresets && n < max; i++)
		if (r->presets[i].important && r->presets[i].label != NULL)
			v[n++] = &r->presets[i];
	return n;
}

/* The change asked about, or (size_t)-1. No memory. */
static size_t
ed_asked_change(const struct ed *e)
{
	for (size_t i = 0; e->ask != NULL && i < e->changes.n; i++)
		if (strcmp(e->changes.v[i].path, e->ask) == 0)
			return i;
	return (size_t)-1;
}

/* The question about a ※ change and its answers (numbered from 1, the
 * last "later"). Caller frees the text, the answers and their array. */
char *
ed_important_question(const struct ed *e, char ***answers, size_t *n)
{
	const struct fdef_preset *p[8];
	size_t np = ed_answers(e, p, 8), k = ed_asked_change(e);
	char *name, *q;

	*answers = xcalloc(np + 2, sizeof **answers);
	for (size_t i = 0; i < np; i++)
		(*answers)[i] = xasprintf("%zu) %s", i + 1, p[i]->label);
	(*answers)[np] = xasprintf("%zu) %s", np + 1, _("later"));
	*n = np + 1;
	name = k != (size_t)-1
	               ? name_item(e->changes.v[k].t.g, e->changes.v[k].t.node)
	               : xstrdup("");
	q = xasprintf(
	        _("「%s」 is a ※ item: changing it is an important change (重要な変更). The assessment must be done again (再実施) and submitted before the change (事前), unless the change clearly reduces the risk. Which is it? The answer writes its 別添2 row."),
	        name);
	free(name);
	return q;
}

/* The value of the item at path as text, or NULL when there is none.
 * Caller frees. */
static char *
ed_review_value(struct ed *e, const char *path)
{
	struct doc_ptr p;
	char *err = NULL;

	if (!doc_resolve(e->doc, path, DOC_FIND, &p, &err)) {
		free(err);
		return NULL;
	}
	return doc_format_value(p.node, &doc_slot(p.g, p.node)->val);
}

/* Before a key: remember the item focused and its value, to see whether
 * the key leaves it changed. */
void
ed_review_watch(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	char *path;

	if (e->base == NULL || e->popup != POP_NONE || e->editing)
		return;
	path = r != NULL && r->kind == ROW_ITEM ? doc_path_of(r->g, r->node)
	                                        : NULL;
	/* Still on the item: its value when the focus came keeps. */
	if (path != NULL && e->watch != NULL && strcmp(path, e->watch) == 0) {
		free(path);
		return;
	}
	free(e->watch);
	free(e->watch_val);
	e->watch = path;
	e->watch_val = path != NULL ? ed_review_value(e, path) : NULL;
}

/* After a key: when it left a ※ item that was changed while it had the
 * focus, differs from the baseline and has no 別添2 row, ask about it
 * (once an item in a session). */
void
ed_review_left(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	char *now, *val;
	bool left, edited;

	if (e->watch == NULL || e->popup != POP_NONE || e->editing)
		return;
	now = r != NULL && r->kind == ROW_ITEM ? doc_path_of(r->g, r->node)
	                                       : NULL;
	left = now == NULL || strcmp(now, e->watch) != 0;
	free(now);
	if (!left)
		return;
	val = ed_review_value(e, e->watch);
	edited = val != NULL && e->watch_val != NULL &&
	         strcmp(val, e->watch_val) != 0;
	free(val);
	/* A count or a ( ) text changes the row of the item it goes with. */
	{
		struct doc_ptr p;
		char *err = NULL;

		if (edited &&
		    doc_resolve(e->doc, e->watch, DOC_FIND, &p, &err) &&
		    review_head(p.node) != NULL) {
			free(e->watch);
			e->watch = doc_path_of(p.g, review_head(p.node));
		}
		free(err);
	}
	for (size_t i = 0; i < e->changes.n && edited && !e->readonly; i++) {
		const struct review_change *c = &e->changes.v[i];
		bool asked = false;

		if (strcmp(c->path, e->watch) != 0 || !c->important ||
		    c->recorded || c->in != e->doc)
			continue;
		for (size_t k = 0; k < e->nasked && !asked; k++)
			asked = strcmp(e->asked[k], c->path) == 0;
		if (asked)
			break;
		e->asked = xreallocarray(e->asked, e->nasked + 1,
		                         sizeof *e->asked);
		e->asked[e->nasked++] = xstrdup(c->path);
		free(e->ask);
		e->ask = xstrdup(c->path);
		e->popup = POP_IMPORTANT;
		break;
	}
	free(e->watch);
	free(e->watch_val);
	e->watch = e->watch_val = NULL;
}

/* A key to the question about a ※ change: a digit answers (the last
 * one or Esc: later); another key asks for a digit. */
void
ed_k_important(struct ed *e, uint32_t key)
{
	const struct fdef_preset *p[8];
	size_t np = ed_answers(e, p, 8), k = ed_asked_change(e);

	if (key != HK_ESC &&
	    (key < '1' || key > '9' || (size_t)(key - '1') > np)) {
		ed_message(e, true, _("answer with 1 to %zu"), np + 1);
		return;
	}
	e->popup = POP_NONE;
	if (key >= '1' && (size_t)(key - '1') < np && k != (size_t)-1) {
		ed_record(e, k, p[key - '1']);
		return;
	}
	ed_message(
	        e, false, "%s",
	        _("left for later: F8 lists the changes and writes the row; hyoka check warns until it is written"));
}
