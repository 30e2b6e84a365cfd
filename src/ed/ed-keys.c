/* The editor's keys: one table (ed_bindings) says what each key does
 * where the editor is, which keys the hint line shows there and what the
 * F1 key list says; bracketed paste goes around it all. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "key.h"
#include "utf8.h"
#include "xalloc.h"

static void ed_dispatch(struct ed *e, unsigned where, uint32_t key);

/* Tell whether a key types a character. */
static bool
ed_is_text_key(uint32_t key)
{
	return key == HK_SPACE || (key >= 0x20 && key < HK_BASE && key != 0x7f);
}

/* Where the editor is on its rows, nothing edited and no popup: a set of
 * ED_IN_*. */
static unsigned
ed_where_row(const struct ed *e)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	if (r == NULL)
		return ED_IN_TOP;
	if (r->kind == ROW_ADD)
		return ED_IN_TOP | ED_IN_ADD;
	if (r->kind == ROW_BLOCK)
		return ED_IN_TOP | ED_IN_BLOCK;
	if (r->kind != ROW_ITEM)
		return ED_IN_TOP;
	switch (fdef_types[r->node->type].input) {
	case FI_PICK:
		return ED_IN_TOP | ED_IN_CHOICE;
	case FI_CHECK:
		return ED_IN_TOP | ED_IN_CHECK;
	default:
		return ED_IN_TOP | ED_IN_ITEM;
	}
}

/* Where the editor is, for the key table: a set of ED_IN_*. */
static unsigned
ed_where(const struct ed *e)
{
	switch (e->popup) {
	case POP_CHOICE:
		return ED_IN_OPTIONS;
	case POP_HELP:
		return ED_IN_HELP;
	case POP_PROBLEMS:
		return ED_IN_PROBLEMS;
	case POP_FIND:
		return ED_IN_FIND;
	case POP_CONFIRM_QUIT:
		return ED_IN_QUIT;
	case POP_CONFIRM_REMOVE:
		return ED_IN_REMOVE;
	case POP_ACCEPT:
		return ED_IN_REASON;
	case POP_SAVEAS:
		return ED_IN_SAVEAS;
	case POP_CONFLICT:
	case POP_CONFLICT_CONFIRM:
		return ED_IN_CONFLICT;
	case POP_EXPORT:
	case POP_EXPORT_REPLACE:
		return ED_IN_EXPORT;
	case POP_CHANGES:
		return ED_IN_CHANGES;
	case POP_IMPORTANT:
		return ED_IN_IMPORTANT;
	case POP_NONE:
		break;
	}
	return e->editing ? ED_IN_EDIT : ed_where_row(e);
}

/* Close the open popup. */
static void
ed_k_close(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
}

/* Tab, and Shift-Tab: the next or previous row. */
static void
ed_k_next(struct ed *e, uint32_t key)
{
	ed_move(e, key == HK_BTAB ? -1 : 1);
}

/* Up and Down: the row above or below, or another checkbox of the set. */
static void
ed_k_updown(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);
	bool multi = r && r->kind == ROW_ITEM &&
	             fdef_types[r->node->type].shape == FS_LIST;

	if (key == HK_DOWN && multi && e->member + 1 < ed_members(e, r->node))
		e->member++;
	else if (key == HK_UP && multi && e->member > 0)
		e->member--;
	else
		ed_move(e, key == HK_UP ? -1 : 1);
}

/* PgUp and PgDn: the previous or next chapter. */
static void
ed_k_chapter(struct ed *e, uint32_t key)
{
	ed_section_step(e, key == HK_PGDN ? 1 : -1);
}

/* Ctrl-N: the next row that needs an answer. */
static void
ed_k_next_needed(struct ed *e, uint32_t key)
{
	(void)key;
	ed_next_needed(e);
}

/* Ctrl-F: open find. */
static void
ed_k_find(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_FIND;
	sbuf_reset(&e->query);
	ed_find_update(e);
}

/* Ctrl-S: save. */
static void
ed_k_save(struct ed *e, uint32_t key)
{
	(void)key;
	ed_save(e);
}

/* Ctrl-Q: quit, asking first when there are unsaved changes. */
static void
ed_k_quit(struct ed *e, uint32_t key)
{
	(void)key;
	if (ed_modified(e))
		e->popup = POP_CONFIRM_QUIT;
	else
		e->quit = true;
}

/* Ctrl-C: say how to quit (Ctrl-C does not). */
static void
ed_k_ctrl_c(struct ed *e, uint32_t key)
{
	(void)key;
	ed_message(e, false, "%s", _("to quit, press Ctrl-Q"));
}

/* Ctrl-Z and Ctrl-Y: undo and redo. */
static void
ed_k_undo(struct ed *e, uint32_t key)
{
	if (key == HK_CTRL('z'))
		ed_undo(e);
	else
		ed_redo(e);
}

/* Ctrl-E: the external editor. */
static void
ed_k_external(struct ed *e, uint32_t key)
{
	(void)key;
	ed_key_external(e);
}

/* Ctrl-P: export the document beside it (asks the format). */
static void
ed_k_export(struct ed *e, uint32_t key)
{
	(void)key;
	ed_export_ask(e);
}

/* A key to the questions of an export: the format, replace the file. */
static void
ed_k_export_answer(struct ed *e, uint32_t key)
{
	if (e->popup == POP_EXPORT)
		ed_export_key(e, key);
	else
		ed_export_replace_key(e, key);
}

/* F1: the help of the focused item. */
static void
ed_k_help(struct ed *e, uint32_t key)
{
	(void)key;
	ed_open_help(e);
}

/* F2: the problem list. */
static void
ed_k_problems(struct ed *e, uint32_t key)
{
	(void)key;
	ed_order_problems(e);
	e->popup = POP_PROBLEMS;
	e->pop_sel = 0;
}

/* F3: fill in the answer that follows from others. */
static void
ed_k_fill(struct ed *e, uint32_t key)
{
	(void)key;
	ed_fill_offer(e);
}

/* F4: accept a warning with a reason, or withdraw an acceptance. */
static void
ed_k_accept(struct ed *e, uint32_t key)
{
	(void)key;
	ed_key_accept(e);
}

/* F5: the full check, with the sections not visited yet. */
static void
ed_k_full_check(struct ed *e, uint32_t key)
{
	size_t missing, errors, warn;

	(void)key;
	e->full_check = true;
	for (size_t i = 0; i < e->nsecs; i++)
		e->secs[i].visited = true;
	ed_counts(e, &missing, &errors, &warn);
	ed_message(
	        e, false,
	        _("full check: %zu to fill in, %zu error(s), %zu warning(s); F2 lists them"),
	        missing, errors, warn);
}

/* Enter, Space or + on the row that adds a block. */
static void
ed_k_add(struct ed *e, uint32_t key)
{
	(void)key;
	ed_add_block(e);
}

/* Another key on the row that adds a block. */
static void
ed_k_add_say(struct ed *e, uint32_t key)
{
	(void)key;
	ed_message(e, false, "%s", _("Enter or Space adds a block here"));
}

/* Delete on a block: ask before removing it, naming it. */
static void
ed_k_ask_remove(struct ed *e, uint32_t key)
{
	char *name = ed_block_title(ed_focused(e));

	(void)key;
	e->popup = POP_CONFIRM_REMOVE;
	sbuf_reset(&e->query);
	sbuf_addf(&e->query,
	          _("Remove 「%s」 and everything in it?  y: remove  n: keep"),
	          name);
	free(name);
}

/* Ctrl-U and Ctrl-D: move the block up or down. */
static void
ed_k_move_block(struct ed *e, uint32_t key)
{
	ed_move_block(e, key == HK_CTRL('u') ? -1 : 1);
}

/* Enter on a block: to its first item. */
static void
ed_k_into_block(struct ed *e, uint32_t key)
{
	(void)key;
	ed_move(e, 1);
}

/* Another key on a block's heading. */
static void
ed_k_block_say(struct ed *e, uint32_t key)
{
	(void)key;
	ed_message(
	        e, false, "%s",
	        _("this is the heading of a block: Tab goes to its items, Delete removes it"));
}

/* Enter or Space on a choice: the list of options. */
static void
ed_k_options(struct ed *e, uint32_t key)
{
	(void)key;
	ed_open_choice(e);
}

/* A digit on a choice or in its list: the option of that number. */
static void
ed_k_digit(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	if (key >= '1' && (size_t)(key - '1') < r->node->noptions)
		ed_pick(e, key - '1');
	else
		ed_message(e, true, _("choose with 1 to %zu (or Enter)"),
		           r->node->noptions);
}

/* Delete (or Backspace on a choice): the item's value goes. */
static void
ed_k_clear(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	(void)key;
	ed_set_value(e, r->g, r->node, &(struct doc_value){NULL, 0, 0, 0});
}

/* Another key on a choice. */
static void
ed_k_choice_say(struct ed *e, uint32_t key)
{
	(void)key;
	ed_message(
	        e, false, "%s",
	        _("this item is answered from a list: a digit chooses, Enter shows the options"));
}

/* Space on checkboxes or a flag: check or uncheck. */
static void
ed_k_toggle(struct ed *e, uint32_t key)
{
	(void)key;
	ed_toggle(e);
}

/* A digit on checkboxes: check or uncheck the box of that number (a flag
 * is box 1). */
static void
ed_k_check_digit(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);
	size_t n = fdef_types[r->node->type].shape == FS_LIST
	                   ? ed_members(e, r->node)
	                   : 1;

	if ((key < '1' || (size_t)(key - '1') >= n) && n > 1) {
		ed_message(e, true,
		           _("check a box with 1 to %zu (or ↑↓ and Space)"),
		           n < 9 ? n : 9);
		return;
	}
	if (key < '1' || (size_t)(key - '1') >= n) {
		ed_message(e, true, "%s", _("check the box with 1 or Space"));
		return;
	}
	if (n > 1)
		e->member = key - '1';
	ed_toggle(e);
}

/* Another key on checkboxes. */
static void
ed_k_check_say(struct ed *e, uint32_t key)
{
	(void)key;
	ed_message(
	        e, false, "%s",
	        _("Space or the box's digit checks or unchecks it; ↑↓ move between the boxes"));
}

/* Enter on a typed item: edit its value. */
static void
ed_k_edit(struct ed *e, uint32_t key)
{
	(void)key;
	ed_begin_edit(e);
}

/* A typed character on an item: an edit starts with it (over a date or a
 * number, which it replaces; a text grows). Backspace starts one too. */
static void
ed_k_type(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	if (key == HK_BSPACE)
		ed_begin_edit(e);
	else
		ed_begin_edit_with(e, fdef_types[r->node->type].typed_over);
	/* Read-only: no edit began, and the key types nothing. */
	if (e->editing)
		ed_dispatch(e, ED_IN_EDIT, key);
}

/* A key of the top level pressed while editing: the edit ends first (text
 * that is not a value keeps it open), then the key does what it does. */
static void
ed_k_commit_then(struct ed *e, uint32_t key)
{
	if (ed_commit_edit(e))
		ed_dispatch(e, ed_where_row(e), key);
}

/* Ctrl-Z while editing: typing that is not a value yet is given up;
 * otherwise the edit ends and the change is undone. */
static void
ed_k_undo_edit(struct ed *e, uint32_t key)
{
	if (!ed_edit_valid(e)) {
		ed_abandon_edit(e);
		return;
	}
	ed_commit_edit(e);
	ed_dispatch(e, ed_where_row(e), key);
}

/* Esc while editing: end the edit. */
static void
ed_k_end_edit(struct ed *e, uint32_t key)
{
	(void)key;
	if (ed_focused(e) != NULL)
		ed_end_edit(e);
}

/* Enter while editing: a new line in a text or a table; else the edit
 * ends and the focus moves on. */
static void
ed_k_edit_enter(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	(void)key;
	if (r == NULL)
		return;
	if (!ed_one_line(r->node))
		ed_insert(e, "\n", 1);
	else if (ed_commit_edit(e))
		ed_move(e, 1);
}

/* Tab while editing: the next cell of a table; else the edit ends and the
 * focus moves on (Shift-Tab: back). */
static void
ed_k_edit_tab(struct ed *e, uint32_t key)
{
	struct ed_row *r = ed_focused(e);

	if (r == NULL)
		return;
	if (key == HK_TAB && fdef_types[r->node->type].shape == FS_ROWS)
		ed_insert(e, "\t", 1);
	else if (ed_commit_edit(e))
		ed_move(e, key == HK_BTAB ? -1 : 1);
}

/* Space or a typed character while editing: into the text. */
static void
ed_k_edit_type(struct ed *e, uint32_t key)
{
	char buf[4];

	if (ed_focused(e) == NULL)
		return;
	if (key == HK_SPACE)
		ed_insert(e, " ", 1);
	else
		ed_insert(e, buf, utf8_encode(key, buf));
	ed_edit_typed(e);
}

/* Backspace and Delete while editing: the character before or after the
 * cursor goes. */
static void
ed_k_edit_delete(struct ed *e, uint32_t key)
{
	if (ed_focused(e) == NULL)
		return;
	if (key == HK_BSPACE && e->cursor > 0) {
		ed_delete_range(e, utf8_prev(e->edit.buf, e->cursor),
		                e->cursor);
	} else if (key == HK_DEL && e->cursor < e->edit.len) {
		uint32_t cp;
		size_t n = utf8_decode(e->edit.buf + e->cursor,
		                       e->edit.len - e->cursor, &cp);

		ed_delete_range(e, e->cursor, e->cursor + n);
	}
	ed_edit_typed(e);
}

/* Left, Right, Home, End, Up and Down while editing: move the cursor. */
static void
ed_k_edit_cursor(struct ed *e, uint32_t key)
{
	uint32_t cp;

	if (ed_focused(e) == NULL)
		return;
	switch (key) {
	case HK_LEFT:
		if (e->cursor > 0)
			e->cursor = utf8_prev(e->edit.buf, e->cursor);
		break;
	case HK_RIGHT:
		if (e->cursor < e->edit.len)
			e->cursor += utf8_decode(e->edit.buf + e->cursor,
			                         e->edit.len - e->cursor, &cp);
		break;
	case HK_HOME:
		while (e->cursor > 0 && e->edit.buf[e->cursor - 1] != '\n')
			e->cursor--;
		break;
	case HK_END:
		while (e->cursor < e->edit.len &&
		       e->edit.buf[e->cursor] != '\n')
			e->cursor++;
		break;
	default:
		ed_edit_vertical(e, key == HK_UP ? -1 : 1);
		break;
	}
}

/* Up and Down in a list: the entry above or below (stopping at either
 * end); PgUp and PgDn in the problem list and the changes: ten entries. */
static void
ed_k_select(struct ed *e, uint32_t key)
{
	size_t n = e->popup == POP_CHOICE     ? ed_focused(e)->node->noptions
	           : e->popup == POP_PROBLEMS ? e->problems.n
	           : e->popup == POP_CHANGES  ? e->changes.n
	                                      : e->nhits;

	if (key == HK_UP && e->pop_sel > 0)
		e->pop_sel--;
	else if (key == HK_DOWN && e->pop_sel + 1 < n)
		e->pop_sel++;
	else if (key == HK_PGDN)
		e->pop_sel =
		        e->pop_sel + 10 < n ? e->pop_sel + 10 : (n ? n - 1 : 0);
	else if (key == HK_PGUP)
		e->pop_sel = e->pop_sel > 10 ? e->pop_sel - 10 : 0;
}

/* Enter or Space in the choice list: the selected option. */
static void
ed_k_pick_selected(struct ed *e, uint32_t key)
{
	(void)key;
	ed_pick(e, e->pop_sel);
}

/* Scroll the help: Down, PgDn and Space forward, Up and PgUp back. */
static void
ed_k_help_scroll(struct ed *e, uint32_t key)
{
	int n = key == HK_UP || key == HK_DOWN ? 1 : 10;

	ed_help_move(e, key == HK_UP || key == HK_PGUP ? -n : n);
}

/* Enter in the problem list: to the item of the selected problem. */
static void
ed_k_problem_jump(struct ed *e, uint32_t key)
{
	size_t k;
	struct diag *d;

	(void)key;
	if (e->pop_sel >= e->problems.n)
		return;
	k = e->porder[e->pop_sel];
	d = &e->problems.v[k];
	e->popup = POP_NONE;
	if (e->ploc[k].g != NULL) {
		ed_goto(e, ed_finding_section(e, k), e->ploc[k].g,
		        e->ploc[k].n);
		ed_message(e, d->sev == DIAG_ERROR, "%s: %s",
		           d->name ? d->name : "", d->msg);
	}
}

/* Typing into find: the hits follow the words. */
static void
ed_k_find_type(struct ed *e, uint32_t key)
{
	if (ed_prompt_key(e, key))
		ed_find_update(e);
}

/* Enter in find: to the selected hit. */
static void
ed_k_find_jump(struct ed *e, uint32_t key)
{
	(void)key;
	ed_find_jump(e, e->pop_sel);
}

/* Typing the answer of a prompt (a reason, a file name). */
static void
ed_k_prompt_type(struct ed *e, uint32_t key)
{
	ed_prompt_key(e, key);
}

/* y before quitting: save, and quit when that worked. */
static void
ed_k_quit_save(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	if (ed_save(e))
		e->quit = true;
}

/* n before quitting: quit without saving. */
static void
ed_k_quit_drop(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	e->quit = true;
}

/* Esc before quitting: stay. */
static void
ed_k_quit_stay(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_message(e, false, "%s", _("not quitting"));
}

/* Enter after typing a reason: accept the warning. */
static void
ed_k_reason_done(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_accept(e, e->query.buf);
}

/* Esc while typing a reason: the warning stays open. */
static void
ed_k_reason_drop(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_message(e, false, "%s", _("the warning stays open"));
}

/* Enter after typing a file name: save there. */
static void
ed_k_saveas_done(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_save_as(e, e->query.buf);
}

/* Esc while typing a file name: the changes stay unsaved. */
static void
ed_k_saveas_drop(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_message(
	        e, true, "%s",
	        _("not saved; the changes are still here (and in the recovery file)"));
}

/* A key after a save met a conflict (edsave.c asks and answers). */
static void
ed_k_conflict(struct ed *e, uint32_t key)
{
	ed_conflict_key(e, key);
}

/* y to the question before removing a block: remove it. */
static void
ed_k_remove(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	if (ed_can_change(e))
		ed_remove_block(e);
	else
		ed_message(e, false, "%s", _("nothing was removed"));
}

/* Another key to that question: keep the block. */
static void
ed_k_keep(struct ed *e, uint32_t key)
{
	(void)key;
	e->popup = POP_NONE;
	ed_message(e, false, "%s", _("nothing was removed"));
}

/* Hint lines that show the same rows. */
#define ED_HINT_ROWS                                                           \
	(ED_HINT_BLOCK | ED_HINT_OFFER | ED_HINT_ADD | ED_HINT_CHOICE |        \
	 ED_HINT_CHECK | ED_HINT_FILLED | ED_HINT_TEXT | ED_HINT_REVIEW)
#define ED_HINT_EDITS                                                          \
	(ED_HINT_EDIT_TABLE | ED_HINT_EDIT_LINE | ED_HINT_EDIT_TEXT)
#define ED_IN_PROMPT (ED_IN_FIND | ED_IN_REASON | ED_IN_SAVEAS)

/* The keys. The first row that matches a key where the editor is runs;
 * rows of the same key and place run the same function. The hint line
 * of a place shows the hints of its rows in this order; the F1 key list
 * shows the help of the rows in help_pos order. */
static const struct ed_binding ed_bindings_table[] = {
        /* Read-only: what can be done without changing anything. */
        {HK_NONE, 0, 0, NULL, ED_HINT_READONLY, N_("read-only"), 0, NULL},
        {HK_TAB, 0, ED_IN_TOP, ed_k_next, ED_HINT_READONLY, N_("↑↓ Tab: move"),
         1, N_("Tab/Shift-Tab or ↑↓ move between items")},
        {HK_PGUP, HK_PGDN, ED_IN_TOP, ed_k_chapter, ED_HINT_READONLY,
         N_("PgUp/PgDn: chapter"), 2, N_("PgUp/PgDn between chapters")},
        {HK_CTRL('f'), 0, ED_IN_TOP, ed_k_find, ED_HINT_READONLY,
         N_("Ctrl-F: find"), 9, N_("Ctrl-F find")},
        {HK_F1, 0, ED_IN_TOP, ed_k_help, ED_HINT_READONLY, N_("F1: help"), 0,
         NULL},
        /* No row to focus (an empty chapter). */
        {HK_PGDN, 0, ED_IN_TOP, ed_k_chapter, ED_HINT_NOROW,
         N_("PgDn: next chapter"), 0, NULL},
        /* A block's heading. */
        {HK_DEL, 0, ED_IN_BLOCK, ed_k_ask_remove, ED_HINT_BLOCK,
         N_("Delete: remove the block"), 19,
         N_("on a block: Delete removes, Ctrl-U/Ctrl-D move it")},
        {HK_CTRL('u'), 0, ED_IN_BLOCK, ed_k_move_block, ED_HINT_BLOCK,
         N_("Ctrl-U/Ctrl-D: move it"), 0, NULL},
        /* An item with an answer that follows from others. */
        {HK_F(3), 0, ED_IN_TOP, ed_k_fill, ED_HINT_OFFER,
         N_("F3: fill in the offered answer"), 16,
         N_("F3 fills in the offered answer")},
        /* An imported value to confirm (要確認). */
        {HK_F(4), 0, ED_IN_TOP, ed_k_accept, ED_HINT_REVIEW, N_("F4: confirm"),
         0, NULL},
        /* The row that adds a block. */
        {HK_ENTER, 0, ED_IN_ADD, ed_k_add, ED_HINT_ADD,
         N_("Enter or Space: add a block"), 0, NULL},
        /* A choice. */
        {'1', '9', ED_IN_CHOICE | ED_IN_OPTIONS, ed_k_digit,
         ED_HINT_CHOICE | ED_HINT_N9, N_("1-%zu: choose"), 5,
         N_("1-9 choose an option")},
        {HK_NONE, 0, 0, NULL, ED_HINT_CHOICE | ED_HINT_N1, N_("1: choose"), 0,
         NULL},
        {HK_NONE, 0, 0, NULL, ED_HINT_CHOICE | ED_HINT_N10,
         N_("1-9: the first nine"), 0, NULL},
        {HK_ENTER, 0, ED_IN_CHOICE, ed_k_options, ED_HINT_CHOICE,
         N_("Enter: options"), 0, NULL},
        /* Checkboxes and flags. */
        {HK_SPACE, 0, ED_IN_CHECK, ed_k_toggle, ED_HINT_CHECK | ED_HINT_N9,
         N_("Space or 1-%zu: check"), 6,
         N_("Space or the box's digit checks a box")},
        {HK_NONE, 0, 0, NULL, ED_HINT_CHECK | ED_HINT_N1 | ED_HINT_N10,
         N_("Space: check"), 0, NULL},
        {HK_NONE, 0, 0, NULL, ED_HINT_CHECK | ED_HINT_N10,
         N_("1-9: the first nine"), 0, NULL},
        {'0', '9', ED_IN_CHECK, ed_k_check_digit, 0, NULL, 0, NULL},
        {HK_UP, HK_DOWN, ED_IN_TOP, ed_k_updown, ED_HINT_CHECK, N_("↑↓: move"),
         0, NULL},
        /* A typed item: a date or a number with a value, any other. */
        {ED_KEY_TEXT, 0, ED_IN_ITEM, ed_k_type, ED_HINT_FILLED,
         N_("type to replace"), 0, NULL},
        {HK_ENTER, 0, ED_IN_ITEM, ed_k_edit, ED_HINT_FILLED, N_("Enter: edit"),
         0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_ITEM, ed_k_type, ED_HINT_TEXT,
         N_("type to edit"), 3,
         N_("typing edits a text (a date or number is replaced)")},
        /* Every row. */
        {HK_TAB, 0, ED_IN_TOP, ed_k_next, ED_HINT_ROWS | ED_HINT_ROOM3,
         N_("Tab: next"), 0, NULL},
        {HK_CTRL('n'), 0, ED_IN_TOP, ed_k_next_needed,
         ED_HINT_ROWS & ~ED_HINT_BLOCK, N_("Ctrl-N: to fill in"), 8,
         N_("Ctrl-N next item to fill in")},
        {HK_CTRL('s'), 0, ED_IN_TOP, ed_k_save, ED_HINT_TEXT,
         N_("Ctrl-S: save"), 13, N_("Ctrl-S save")},
        {HK_CTRL('p'), 0, ED_IN_TOP, ed_k_export,
         ED_HINT_READONLY | ED_HINT_NOROW |
                 (ED_HINT_ROWS & ~(ED_HINT_BLOCK | ED_HINT_ADD)) |
                 ED_HINT_ROOM1,
         N_("Ctrl-P: print"), 20,
         N_("Ctrl-P export beside the file (HTML for printing, Excel, text or CSV)")},
        {HK_F(8), 0, ED_IN_TOP, ed_k_changes,
         (ED_HINT_ROWS & ~(ED_HINT_BLOCK | ED_HINT_ADD)) | ED_HINT_BASE |
                 ED_HINT_ROOM2,
         N_("F8: changes"), 21,
         N_("F8 the changes since the last published version (別添2)")},
        {HK_CTRL('q'), 0, ED_IN_TOP, ed_k_quit,
         ED_HINT_READONLY | ED_HINT_NOROW |
                 (ED_HINT_ROWS & ~(ED_HINT_BLOCK | ED_HINT_ADD)),
         N_("Ctrl-Q: quit"), 14, N_("Ctrl-Q quit")},
        {HK_F1, 0, ED_IN_TOP, ed_k_help, ED_HINT_ROWS, N_("F1: help"), 0, NULL},
        {HK_BTAB, 0, ED_IN_TOP, ed_k_next, 0, NULL, 0, NULL},
        {HK_CTRL('c'), 0, ED_IN_TOP | ED_IN_EDIT, ed_k_ctrl_c, 0, NULL, 0,
         NULL},
        {HK_CTRL('z'), 0, ED_IN_TOP, ed_k_undo, 0, NULL, 10, N_("Ctrl-Z undo")},
        {HK_CTRL('y'), 0, ED_IN_TOP, ed_k_undo, 0, NULL, 11, N_("Ctrl-Y redo")},
        {HK_CTRL('e'), 0, ED_IN_TOP, ed_k_external, 0, NULL, 12,
         N_("Ctrl-E external editor")},
        {HK_F(2), 0, ED_IN_TOP, ed_k_problems, 0, NULL, 15,
         N_("F2 problem list")},
        {HK_F(4), 0, ED_IN_TOP, ed_k_accept, 0, NULL, 17,
         N_("F4 accept a warning with a reason (on an imported value to confirm: confirm it)")},
        {HK_F(5), 0, ED_IN_TOP, ed_k_full_check, 0, NULL, 18,
         N_("F5 full check")},
        {HK_SPACE, 0, ED_IN_ADD, ed_k_add, 0, NULL, 0, NULL},
        {'+', 0, ED_IN_ADD, ed_k_add, 0, NULL, 0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_ADD, ed_k_add_say, 0, NULL, 0, NULL},
        {HK_CTRL('k'), 0, ED_IN_BLOCK, ed_k_ask_remove, 0, NULL, 0, NULL},
        {HK_CTRL('d'), 0, ED_IN_BLOCK, ed_k_move_block, 0, NULL, 0, NULL},
        {HK_ENTER, 0, ED_IN_BLOCK, ed_k_into_block, 0, NULL, 0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_BLOCK, ed_k_block_say, 0, NULL, 0, NULL},
        {'0', 0, ED_IN_CHOICE | ED_IN_OPTIONS, ed_k_digit, 0, NULL, 0, NULL},
        {HK_SPACE, 0, ED_IN_CHOICE, ed_k_options, 0, NULL, 0, NULL},
        {HK_DEL, 0, ED_IN_CHOICE | ED_IN_CHECK | ED_IN_ITEM, ed_k_clear, 0,
         NULL, 0, NULL},
        {HK_BSPACE, 0, ED_IN_CHOICE, ed_k_clear, 0, NULL, 0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_CHOICE, ed_k_choice_say, 0, NULL, 0, NULL},
        {HK_ENTER, 0, ED_IN_CHECK, ed_k_check_say, 0, NULL, 0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_CHECK, ed_k_check_say, 0, NULL, 0, NULL},
        {HK_BSPACE, 0, ED_IN_ITEM, ed_k_type, 0, NULL, 0, NULL},

        /* While editing. */
        {HK_TAB, 0, ED_IN_EDIT, ed_k_edit_tab, ED_HINT_EDIT_TABLE,
         N_("Tab: next cell"), 0, NULL},
        {HK_ENTER, 0, ED_IN_EDIT, ed_k_edit_enter, ED_HINT_EDIT_TABLE,
         N_("Enter: new row"), 4,
         N_("Enter ends a one-line edit or opens the options")},
        {HK_ENTER, 0, ED_IN_EDIT, ed_k_edit_enter, ED_HINT_EDIT_LINE,
         N_("Enter/Esc: done"), 0, NULL},
        {HK_ENTER, 0, ED_IN_EDIT, ed_k_edit_enter, ED_HINT_EDIT_TEXT,
         N_("Enter: new line"), 0, NULL},
        {HK_ESC, 0, ED_IN_EDIT, ed_k_end_edit,
         ED_HINT_EDIT_TABLE | ED_HINT_EDIT_TEXT, N_("Esc: done"), 7,
         N_("Esc ends an edit")},
        {HK_CTRL('e'), 0, ED_IN_EDIT, ed_k_external, ED_HINT_EDITS,
         N_("Ctrl-E: editor"), 0, NULL},
        {HK_CTRL('z'), 0, ED_IN_EDIT, ed_k_undo_edit, ED_HINT_EDITS,
         N_("Ctrl-Z: undo"), 0, NULL},
        {HK_F1, 0, ED_IN_EDIT, ed_k_help, ED_HINT_EDIT_LINE | ED_HINT_EDIT_TEXT,
         N_("F1: help"), 0, NULL},
        {HK_CTRL('s'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_CTRL('q'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_CTRL('n'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_CTRL('f'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_CTRL('y'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_CTRL('p'), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_PGUP, HK_PGDN, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_F(2), HK_F(5), ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_BTAB, 0, ED_IN_EDIT, ed_k_edit_tab, 0, NULL, 0, NULL},
        {HK_BSPACE, HK_DEL, ED_IN_EDIT, ed_k_edit_delete, 0, NULL, 0, NULL},
        {HK_UP, HK_END, ED_IN_EDIT, ed_k_edit_cursor, 0, NULL, 0, NULL},
        {ED_KEY_TEXT, 0, ED_IN_EDIT, ed_k_edit_type, 0, NULL, 0, NULL},

        /* The list of a choice's options ('1'-'9' and '0' above). */
        {HK_UP, HK_DOWN, ED_IN_OPTIONS, ed_k_select,
         ED_HINT_OPTIONS | ED_HINT_N9, N_("1-%zu or ↑↓ and Enter: choose"), 0,
         NULL},
        {HK_NONE, 0, 0, NULL, ED_HINT_OPTIONS | ED_HINT_N1,
         N_("1 or Enter: choose"), 0, NULL},
        {HK_NONE, 0, 0, NULL, ED_HINT_OPTIONS | ED_HINT_N10,
         N_("1-9 (the first nine) or ↑↓ and Enter: choose"), 0, NULL},
        {HK_ENTER, 0, ED_IN_OPTIONS, ed_k_pick_selected, 0, NULL, 0, NULL},
        {HK_SPACE, 0, ED_IN_OPTIONS, ed_k_pick_selected, 0, NULL, 0, NULL},
        {HK_ESC, 0, ED_IN_OPTIONS, ed_k_close, ED_HINT_OPTIONS,
         N_("Esc: cancel"), 0, NULL},
        /* Find. */
        {0x20, HK_BASE - 1, ED_IN_FIND, ed_k_find_type, ED_HINT_FIND,
         N_("type words, label or reference (II-4)"), 0, NULL},
        {HK_SPACE, 0, ED_IN_FIND, ed_k_find_type, 0, NULL, 0, NULL},
        {HK_BSPACE, 0, ED_IN_FIND, ed_k_find_type, 0, NULL, 0, NULL},
        {HK_ENTER, 0, ED_IN_FIND, ed_k_find_jump, ED_HINT_FIND, N_("Enter: go"),
         0, NULL},
        {HK_UP, HK_DOWN, ED_IN_FIND, ed_k_select, 0, NULL, 0, NULL},
        {HK_ESC, 0, ED_IN_FIND, ed_k_close, ED_HINT_FIND, N_("Esc: cancel"), 0,
         NULL},
        /* The problem list. */
        {HK_UP, HK_DOWN, ED_IN_PROBLEMS, ed_k_select, ED_HINT_PROBLEMS,
         N_("↑↓: select"), 0, NULL},
        {HK_PGUP, HK_PGDN, ED_IN_PROBLEMS, ed_k_select, 0, NULL, 0, NULL},
        {HK_ENTER, 0, ED_IN_PROBLEMS, ed_k_problem_jump, ED_HINT_PROBLEMS,
         N_("Enter: go to the item"), 0, NULL},
        {HK_ESC, 0, ED_IN_PROBLEMS, ed_k_close, ED_HINT_PROBLEMS,
         N_("Esc: close"), 0, NULL},
        {HK_F(2), 0, ED_IN_PROBLEMS, ed_k_close, 0, NULL, 0, NULL},
        /* The help: any other key closes it. */
        {HK_UP, HK_DOWN, ED_IN_HELP, ed_k_help_scroll, ED_HINT_HELP,
         N_("↑↓ PgUp PgDn: scroll"), 0, NULL},
        {HK_PGUP, HK_PGDN, ED_IN_HELP, ed_k_help_scroll, 0, NULL, 0, NULL},
        {HK_SPACE, 0, ED_IN_HELP, ed_k_help_scroll, 0, NULL, 0, NULL},
        {HK_ESC, 0, ED_IN_HELP, ed_k_close, ED_HINT_HELP, N_("Esc: close"), 0,
         NULL},
        {ED_KEY_ANY, 0, ED_IN_HELP, ed_k_close, 0, NULL, 0, NULL},
        /* Typing a reason, a file name. */
        {0x20, HK_BASE - 1, ED_IN_REASON, ed_k_prompt_type, ED_HINT_REASON,
         N_("type the reason"), 0, NULL},
        {0x20, HK_BASE - 1, ED_IN_SAVEAS, ed_k_prompt_type, ED_HINT_SAVEAS,
         N_("type a file name"), 0, NULL},
        {HK_SPACE, 0, ED_IN_REASON | ED_IN_SAVEAS, ed_k_prompt_type, 0, NULL, 0,
         NULL},
        {HK_BSPACE, 0, ED_IN_REASON | ED_IN_SAVEAS, ed_k_prompt_type, 0, NULL,
         0, NULL},
        {HK_ENTER, 0, ED_IN_REASON, ed_k_reason_done, ED_HINT_REASON,
         N_("Enter: accept"), 0, NULL},
        {HK_ESC, 0, ED_IN_REASON, ed_k_reason_drop, ED_HINT_REASON,
         N_("Esc: cancel"), 0, NULL},
        {HK_ENTER, 0, ED_IN_SAVEAS, ed_k_saveas_done, ED_HINT_SAVEAS,
         N_("Enter: save there"), 0, NULL},
        {HK_ESC, 0, ED_IN_SAVEAS, ed_k_saveas_drop, ED_HINT_SAVEAS,
         N_("Esc: keep editing"), 0, NULL},
        /* Questions. */
        {'y', 0, ED_IN_QUIT, ed_k_quit_save, 0, NULL, 0, NULL},
        {'Y', 0, ED_IN_QUIT, ed_k_quit_save, 0, NULL, 0, NULL},
        {'n', 0, ED_IN_QUIT, ed_k_quit_drop, 0, NULL, 0, NULL},
        {'N', 0, ED_IN_QUIT, ed_k_quit_drop, 0, NULL, 0, NULL},
        {HK_ESC, 0, ED_IN_QUIT, ed_k_quit_stay, 0, NULL, 0, NULL},
        {'y', 0, ED_IN_REMOVE, ed_k_remove, 0, NULL, 0, NULL},
        {'Y', 0, ED_IN_REMOVE, ed_k_remove, 0, NULL, 0, NULL},
        {ED_KEY_ANY, 0, ED_IN_REMOVE, ed_k_keep, 0, NULL, 0, NULL},
        {ED_KEY_ANY, 0, ED_IN_CONFLICT, ed_k_conflict, 0, NULL, 0, NULL},
        {HK_NONE, 0, 0, NULL, ED_HINT_EXPORT, N_("Esc: cancel"), 0, NULL},
        {ED_KEY_ANY, 0, ED_IN_EXPORT, ed_k_export_answer, 0, NULL, 0, NULL},
        /* The changes since the last published version (ed-review.c). */
        {HK_F(8), 0, ED_IN_EDIT, ed_k_commit_then, 0, NULL, 0, NULL},
        {HK_UP, HK_DOWN, ED_IN_CHANGES, ed_k_select, ED_HINT_CHANGES,
         N_("↑↓: select"), 0, NULL},
        {HK_PGUP, HK_PGDN, ED_IN_CHANGES, ed_k_select, 0, NULL, 0, NULL},
        {'r', 0, ED_IN_CHANGES, ed_k_changes_record, ED_HINT_CHANGES,
         N_("r: record in 別添2"), 0, NULL},
        {'R', 0, ED_IN_CHANGES, ed_k_changes_record, 0, NULL, 0, NULL},
        {'a', 0, ED_IN_CHANGES, ed_k_changes_record_all, ED_HINT_CHANGES,
         N_("a: record all"), 0, NULL},
        {'A', 0, ED_IN_CHANGES, ed_k_changes_record_all, 0, NULL, 0, NULL},
        {HK_ENTER, 0, ED_IN_CHANGES, ed_k_changes_jump, ED_HINT_CHANGES,
         N_("Enter: go to the item"), 0, NULL},
        {HK_ESC, 0, ED_IN_CHANGES, ed_k_close, ED_HINT_CHANGES,
         N_("Esc: close"), 0, NULL},
        {HK_F(8), 0, ED_IN_CHANGES, ed_k_close, 0, NULL, 0, NULL},
        {'1', '9', ED_IN_IMPORTANT, ed_k_important, ED_HINT_IMPORTANT,
         N_("a digit: answer"), 0, NULL},
        {HK_ESC, 0, ED_IN_IMPORTANT, ed_k_important, ED_HINT_IMPORTANT,
         N_("Esc: later"), 0, NULL},
        {ED_KEY_ANY, 0, ED_IN_IMPORTANT, ed_k_important, 0, NULL, 0, NULL},
};

/* The key table. Borrowed (static). */
const struct ed_binding *
ed_bindings(size_t *n)
{
	*n = sizeof ed_bindings_table / sizeof ed_bindings_table[0];
	return ed_bindings_table;
}

/* Tell whether binding b is for key. */
static bool
ed_binding_has(const struct ed_binding *b, uint32_t key)
{
	if (b->key == ED_KEY_ANY)
		return true;
	if (b->key == ED_KEY_TEXT)
		return ed_is_text_key(key);
	if (b->key == HK_NONE)
		return false;
	return b->last ? key >= b->key && key <= b->last : key == b->key;
}

/* Run the first binding of key where the editor is (a set of ED_IN_*). */
static void
ed_dispatch(struct ed *e, unsigned where, uint32_t key)
{
	for (size_t i = 0;
	     i < sizeof ed_bindings_table / sizeof *ed_bindings_table; i++) {
		const struct ed_binding *b = &ed_bindings_table[i];

		if ((b->where & where) != 0 && b->run != NULL &&
		    ed_binding_has(b, key)) {
			b->run(e, key);
			return;
		}
	}
}

/* Which hint line the editor shows now: one ED_HINT_*, or 0 for the
 * questions of a save (edsave.c words them). */
static unsigned
ed_hint_place(const struct ed *e)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	switch (e->popup) {
	case POP_CHOICE:
		return ED_HINT_OPTIONS;
	case POP_FIND:
		return ED_HINT_FIND;
	case POP_PROBLEMS:
		return ED_HINT_PROBLEMS;
	case POP_HELP:
		return ED_HINT_HELP;
	case POP_ACCEPT:
		return ED_HINT_REASON;
	case POP_SAVEAS:
		return ED_HINT_SAVEAS;
	case POP_CONFLICT:
		return 0;
	case POP_EXPORT:
	case POP_EXPORT_REPLACE:
		return ED_HINT_EXPORT;
	case POP_CHANGES:
		return ED_HINT_CHANGES;
	case POP_IMPORTANT:
		return ED_HINT_IMPORTANT;
	default:
		break;
	}
	if (e->editing && r != NULL &&
	    fdef_types[r->node->type].shape == FS_ROWS)
		return ED_HINT_EDIT_TABLE;
	if (e->editing)
		return r && fdef_types[r->node->type].one_line
		               ? ED_HINT_EDIT_LINE
		               : ED_HINT_EDIT_TEXT;
	if (e->readonly)
		return ED_HINT_READONLY;
	if (r == NULL)
		return ED_HINT_NOROW;
	if (r->kind == ROW_BLOCK)
		return ED_HINT_BLOCK;
	if (r->kind == ROW_ITEM && doc_review_of(r->g, r->node) != NULL)
		return ED_HINT_REVIEW;
	if (ed_offer_at(e, e->focus) != NULL)
		return ED_HINT_OFFER;
	if (r->kind == ROW_ADD)
		return ED_HINT_ADD;
	switch (fdef_types[r->node->type].input) {
	case FI_PICK:
		return ED_HINT_CHOICE;
	case FI_CHECK:
		return ED_HINT_CHECK;
	default:
		return fdef_types[r->node->type].typed_over &&
		                       doc_slot(r->g, r->node)->val.n > 0
		               ? ED_HINT_FILLED
		               : ED_HINT_TEXT;
	}
}

/* The number of options of the focused list whose digit keys a hint of
 * place names (0: none). */
static size_t
ed_hint_options(const struct ed *e, unsigned place)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	if (r == NULL || r->node == NULL)
		return 0;
	if (place == ED_HINT_CHECK)
		return fdef_types[r->node->type].shape == FS_LIST
		               ? ed_members(e, r->node)
		               : 1;
	if (place == ED_HINT_CHOICE || place == ED_HINT_OPTIONS)
		return r->node->noptions;
	return 0;
}

/* The hint of binding b in its place, whose list has opts options:
 * translated, with the last digit filled in; NULL when it is not for
 * this list or document. Caller frees. */
static char *
ed_hint_text(const struct ed *e, const struct ed_binding *b, size_t opts)
{
	unsigned h = b->hint_in;

	if ((h & ED_HINT_BASE) != 0 && e->base == NULL)
		return NULL;
	if ((h & (ED_HINT_N1 | ED_HINT_N9 | ED_HINT_N10)) != 0 &&
	    !((h & ED_HINT_N1) != 0 && opts == 1) &&
	    !((h & ED_HINT_N9) != 0 && opts >= 2 && opts <= 9) &&
	    !((h & ED_HINT_N10) != 0 && opts >= 10))
		return NULL;
	if ((h & ED_HINT_N9) != 0)
		return xasprintf(_(b->hint), opts);
	return xstrdup(_(b->hint));
}

/* The key hints for where the editor is, from the key table, for a line
 * of width columns: first every hint without ED_HINT_ROOM*, then those
 * with ROOM1, 2 and 3 where they still fit; in the table's order, two
 * blanks apart. Caller frees. */
char *
ed_hint_line(const struct ed *e, size_t width)
{
	static const unsigned room[] = {0, ED_HINT_ROOM1, ED_HINT_ROOM2,
	                                ED_HINT_ROOM3};
	const unsigned rooms = ED_HINT_ROOM1 | ED_HINT_ROOM2 | ED_HINT_ROOM3;
	size_t n = sizeof ed_bindings_table / sizeof *ed_bindings_table;
	unsigned place = ed_hint_place(e);
	size_t opts = ed_hint_options(e, place), used = 0, count = 0;
	char **text;
	struct sbuf sb;

	if (place == 0)
		return xstrdup(ed_conflict_hints(e));
	text = xcalloc(n, sizeof *text);
	for (size_t k = 0; k < sizeof room / sizeof *room; k++) {
		for (size_t i = 0; i < n; i++) {
			const struct ed_binding *b = &ed_bindings_table[i];
			size_t w;

			if ((b->hint_in & place) == 0 ||
			    (b->hint_in & rooms) != room[k] ||
			    (text[i] = ed_hint_text(e, b, opts)) == NULL)
				continue;
			w = utf8_width(text[i], strlen(text[i])) +
			    (count > 0 ? 2 : 0);
			if (k > 0 && used + w > width) {
				free(text[i]);
				text[i] = NULL;
				continue;
			}
			used += w;
			count++;
		}
	}
	sbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (text[i] != NULL)
			sbuf_addf(&sb, "%s%s", sb.len ? "  " : "", text[i]);
		free(text[i]);
	}
	free(text);
	return sbuf_detach(&sb);
}

/* The F1 key list, from the key table: "Keys:", then one key a line, so
 * that a key is found at a glance. Caller frees. */
char *
ed_key_help(void)
{
	size_t n = sizeof ed_bindings_table / sizeof *ed_bindings_table;
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_adds(&sb, _("Keys:"));
	for (int pos = 1; pos <= (int)n; pos++)
		for (size_t i = 0; i < n; i++)
			if (ed_bindings_table[i].help_pos == pos)
				sbuf_addf(&sb, "\n%s",
				          _(ed_bindings_table[i].help));
	return sbuf_detach(&sb);
}

/* Handle one key (ed_key() does the bookkeeping around it). */
static void
ed_key_one(struct ed *e, uint32_t key)
{
	if (key == HK_RESIZE)
		return;
	e->gen++;
	if (key == ' ')
		key = HK_SPACE;
	if (e->popup == POP_NONE && !e->editing) {
		free(e->msg);
		e->msg = NULL;
	}
	ed_dispatch(e, ed_where(e), key);
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
	ed_review_watch(e);
	ed_key_one(e, key);
	ed_review_left(e);
	/* Ctrl-N stops on a row once; leaving it forgets that. */
	r = ed_focused(e);
	if (r == NULL || !ed_same_row(&e->guided, r))
		e->guided.g = NULL;
}
