/* The editor's keys: what a key does on the focused row, outside an edit
 * and inside one, and bracketed paste around it all. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>

#include "i18n.h"
#include "key.h"

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
