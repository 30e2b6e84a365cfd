/* The editor's popups and prompts: the choice list, the help, the problem
 * list, find, the questions before quitting or removing a block, and the
 * one-line answers (find words, a reason, a file name). */
#include <config.h>
#include "ed-int.h"

#include "i18n.h"
#include "key.h"
#include "utf8.h"
#include "xalloc.h"

/* Open the help (F1) at its top. */
void
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
void
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
