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
void
ed_help_move(struct ed *e, int n)
{
	e->help_moves = xreallocarray(e->help_moves, e->nhelp_moves + 1,
	                              sizeof *e->help_moves);
	e->help_moves[e->nhelp_moves++] = n;
}

/* Edit the one-line answer of a prompt (find, reason, file name) in
 * e->query: BSpace deletes, text is added. True when the text changed. */
bool
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
		         utf8_encode(key == HK_SPACE ? ' ' : key, buf));
		return true;
	}
	return false;
}
