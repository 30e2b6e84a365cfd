/* Finding items (Ctrl-F): matching words against labels, references and
 * values, folded (NFKC and case), and jumping to a hit. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jtext.h"
#include "name.h"
#include "xalloc.h"

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
 * matches the search words (0 = no match): each word anywhere in its
 * reference, label, heading, value or help (a word that is a reference,
 * I-5, not in the help, which names other items). Text is compared folded: NFKC
 * and case, so that ② matches 2, Ⅱ matches II and ｒｅｆ matches ref; the
 * texts without their blanks, so that a word matches across a line break
 * or a space. */
static int
ed_match(struct doc_group *g, const struct fdef_node *n, const char *query)
{
	char *q = jtext_fold(query, 0), *save = NULL;
	char *rawref = doc_ref_of(g, n);
	char *ref = jtext_fold(rawref, 0);
	const char *bare = strchr(ref, ':') ? strchr(ref, ':') + 1 : ref;
	char *label = jtext_fold(n->label, JTEXT_DROP_BLANKS);
	char *title = n->parent && n->parent->title
	                      ? jtext_fold(n->parent->title, JTEXT_DROP_BLANKS)
	                      : xstrdup("");
	char *heading =
	        n->heading ? jtext_fold(n->heading->label, JTEXT_DROP_BLANKS)
	                   : xstrdup("");
	char *raw = n->kind == FDEF_ITEM
	                    ? doc_format_value(n, &doc_slot(g, n)->val)
	                    : xstrdup("");
	char *val = jtext_fold(raw, JTEXT_DROP_BLANKS);
	char *help =
	        n->help ? jtext_fold(n->help, JTEXT_DROP_BLANKS) : xstrdup("");
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
		/* Not a reference (I-5): help texts name other items. */
		else if (strchr(w, '-') == NULL && strstr(help, w) != NULL)
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
	free(help);
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
void
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
void
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
		char *reason =
		        why && why->show_reason
		                ? doc_fill(h->g, why->show_reason)
		                : xstrdup(_(
		                          "this item is hidden by an answer above it"));

		ed_message(e, false, "%s", reason);
		free(reason);
	} else {
		char *name = name_item(h->g, h->node);

		ed_message(e, false, "%s", name);
		free(name);
	}
}
