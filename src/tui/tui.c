#include <config.h>
#include "tui.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "charset.h"
#include "grid.h"
#include "i18n.h"
#include "key.h"
#include "utf8.h"
#include "view.h"
#include "xalloc.h"

static volatile sig_atomic_t tui_hangup;
static bool tui_in_paste;  /* between ESC [200~ and ESC [201~ */
static bool tui_bracketed; /* the terminal marks pasted text */

/* Remember a hang-up or termination request. */
static void
tui_on_signal(int sig)
{
	(void)sig;
	tui_hangup = 1;
}

static attr_t tui_attrs[GR_NROLES];

/* Set up colours, or attributes alone under NO_COLOR or on a monochrome
 * terminal. */
static void
tui_colours(void)
{
	static const struct {
		short fg, bg;
		attr_t mono;
	} roles[GR_NROLES] = {
	        [GR_NORMAL] = {-1, -1, A_NORMAL},
	        [GR_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_REVERSE},
	        [GR_HEADING] = {COLOR_CYAN, -1, A_BOLD},
	        [GR_LABEL] = {-1, -1, A_BOLD},
	        [GR_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
	        [GR_DIM] = {-1, -1, A_DIM},
	        [GR_ERROR] = {COLOR_RED, -1, A_BOLD},
	        [GR_WARNING] = {COLOR_YELLOW, -1, A_UNDERLINE},
	        [GR_OK] = {COLOR_GREEN, -1, A_NORMAL},
	        [GR_POPUP] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL},
	        [GR_INPUT] = {-1, -1, A_UNDERLINE},
	};
	const char *nc = getenv("NO_COLOR");
	bool colour = has_colors() && (nc == NULL || nc[0] == '\0');

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < GR_NROLES; i++) {
		if (colour && COLOR_PAIRS > i + 1) {
			init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
			tui_attrs[i] = COLOR_PAIR(i + 1);
			if (i == GR_LABEL || i == GR_HEADING || i == GR_ERROR)
				tui_attrs[i] |= A_BOLD;
			if (i == GR_DIM)
				tui_attrs[i] |= A_DIM;
			if (i == GR_INPUT)
				tui_attrs[i] |= A_UNDERLINE;
		} else {
			tui_attrs[i] = roles[i].mono;
		}
	}
}

/* An ASCII stand-in for a character the grid gives one column but the
 * terminal's charset draws two columns wide. */
static wchar_t
tui_narrow(wchar_t wc)
{
	switch (wc) {
	case L'│':
		return L'|';
	case L'─':
		return L'-';
	case L'┌':
	case L'┐':
	case L'└':
	case L'┘':
		return L'+';
	case L'▼':
		return L'v';
	case L'○':
		return L'o';
	default:
		return L'?';
	}
}

/* A character written to the terminal past curses: its EUC-JP-MS code
 * (① is 0xADA1, NEC row 13), which the locale's EUC-JP lacks. */
struct tui_overlay {
	int y, x;
	char code[8];
	enum grid_role role;
};

/* The code of a wide character in the terminal's charset (EUC-JP-MS) when
 * the locale cannot encode it; false when there is none. */
static bool
tui_extra_code(uint32_t cp, char *code, size_t size)
{
	char u8[5] = {0};
	char *enc;
	bool ok;

	if (cp < 0x80 || cp > 0xFFFF)
		return false;
	utf8_encode(cp, u8);
	enc = charset_encode(u8);
	ok = enc != NULL && strlen(enc) == 2 && strlen(enc) < size;
	if (ok)
		memcpy(code, enc, 3);
	free(enc);
	return ok;
}

/* Write the overlaid characters where curses drew their placeholder 〓,
 * with the attributes of their cells, and put the cursor back. */
static void
tui_overlay_draw(const struct tui_overlay *ov, size_t n)
{
	int y = getcury(curscr), x = getcurx(curscr);
	int ty = getcury(stdscr), tx = getcurx(stdscr);

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		mvcur(y, x, ov[i].y, ov[i].x);
		vid_attr(tui_attrs[ov[i].role] & ~A_COLOR,
		         (short)PAIR_NUMBER(tui_attrs[ov[i].role]), NULL);
		putp(ov[i].code);
		y = ov[i].y;
		x = ov[i].x + 2;
	}
	vid_attr(A_NORMAL, 0, NULL);
	mvcur(y, x, ty, tx);
	fflush(stdout);
}

/* What curses draws for a character the locale cannot encode at (y, x):
 * the placeholder 〓 for one the terminal shows all the same (its code is
 * added to the overlays, drawn past curses), else ？ or ?. */
static wchar_t
tui_substitute(const struct grid *g, int y, int x, bool wide,
               struct tui_overlay **ov, size_t *nov)
{
	const struct grid_cell *c = &g->cells[y * g->cols + x];
	char code[8];

	if (!wide || x + 1 >= COLS)
		return L'?';
	if (!tui_extra_code(c->cp, code, sizeof code))
		return L'？';
	*ov = xreallocarray(*ov, *nov + 1, sizeof **ov);
	(*ov)[*nov].y = y;
	(*ov)[*nov].x = x;
	memcpy((*ov)[*nov].code, code, 3);
	(*ov)[*nov].role = c->role;
	(*nov)++;
	return L'〓';
}

/* Make curses draw again the rows where the last frame wrote past it and
 * this one has a real 〓 (curses thinks the terminal shows the placeholder
 * there, so it would not write the 〓 again); remember this frame's. */
static void
tui_overlay_forget(const struct grid *g, const struct tui_overlay *ov, size_t n)
{
	static struct tui_overlay *last;
	static size_t nlast;

	for (size_t i = 0; i < nlast; i++) {
		const struct tui_overlay *o = &last[i];

		if (o->y < g->rows && o->x < g->cols &&
		    g->cells[o->y * g->cols + o->x].cp == 0x3013)
			wredrawln(stdscr, o->y, 1);
	}
	free(last);
	last = n ? xreallocarray(NULL, n, sizeof *last) : NULL;
	if (n)
		memcpy(last, ov, n * sizeof *last);
	nlast = n;
}

/* Copy the grid to the curses screen. In EUC-JP, a character the locale
 * cannot encode but the terminal shows (① ② …) is drawn past curses;
 * others the charset lacks become ? (or a full-width ？ for wide ones). */
static void
tui_blit(const struct grid *g)
{
	bool utf8 = charset_is_utf8();
	struct tui_overlay *ov = NULL;
	size_t nov = 0;

	for (int y = 0; y < g->rows && y < LINES; y++) {
		move(y, 0);
		for (int x = 0; x < g->cols && x < COLS; x++) {
			const struct grid_cell *c = &g->cells[y * g->cols + x];
			wchar_t wc[2] = {(wchar_t)c->cp, 0};
			cchar_t cc;

			if (c->cp == 0)
				continue;
			if (!utf8) {
				char mb[MB_LEN_MAX];
				mbstate_t st;
				bool wide_cell =
				        x + 1 < g->cols &&
				        g->cells[y * g->cols + x + 1].cp == 0;

				/* Box drawing is two columns wide in EUC-JP:
				 * draw the frame with ASCII instead. */
				if (!wide_cell && wcwidth(wc[0]) == 2)
					wc[0] = tui_narrow(wc[0]);
				memset(&st, 0, sizeof st);
				if (wcrtomb(mb, wc[0], &st) == (size_t)-1)
					wc[0] = tui_substitute(
					        g, y, x, wide_cell, &ov, &nov);
			}
			/* The colour pair goes in its own argument: the one
			 * inside the attributes would be overridden. */
			setcchar(&cc, wc, tui_attrs[c->role] & ~A_COLOR,
			         (short)PAIR_NUMBER(tui_attrs[c->role]), NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	if (g->cur_y >= 0 && g->cur_x >= 0) {
		curs_set(1);
		move(g->cur_y, g->cur_x);
	} else {
		curs_set(0);
	}
	if (!utf8)
		tui_overlay_forget(g, ov, nov);
	refresh();
	tui_overlay_draw(ov, nov);
	free(ov);
}

/* After ESC: a key sequence curses did not know (tmux's Home is ESC [1~).
 * Known sequences become keys; others are dropped, so that they never end
 * up as text. ESC alone, or followed by any other key, is the Escape key
 * (the other key is read next). */
static uint32_t
tui_escape(void)
{
	char seq[16];
	size_t n = 0;
	wint_t ch;

	timeout(0);
	if (get_wch(&ch) == ERR) {
		timeout(500);
		return HK_ESC;
	}
	if (ch != '[' && ch != 'O') {
		/* Escape followed at once by another key (typed quickly, or
		 * pasted): both keys count. */
		unget_wch((wchar_t)ch);
		timeout(500);
		return HK_ESC;
	}
	while (n + 1 < sizeof seq && get_wch(&ch) != ERR) {
		seq[n++] = (char)ch;
		if (ch >= 0x40 && ch <= 0x7e)
			break;
	}
	seq[n] = '\0';
	timeout(500);
	if (strcmp(seq, "1~") == 0 || strcmp(seq, "7~") == 0 ||
	    strcmp(seq, "H") == 0)
		return HK_HOME;
	if (strcmp(seq, "4~") == 0 || strcmp(seq, "8~") == 0 ||
	    strcmp(seq, "F") == 0)
		return HK_END;
	if (strcmp(seq, "3~") == 0)
		return HK_DEL;
	if (strcmp(seq, "5~") == 0)
		return HK_PGUP;
	if (strcmp(seq, "6~") == 0)
		return HK_PGDN;
	if (strcmp(seq, "2~") == 0)
		return HK_INS;
	if (strcmp(seq, "200~") == 0) {
		tui_in_paste = true;
		return HK_PASTE_START;
	}
	if (strcmp(seq, "201~") == 0) {
		tui_in_paste = false;
		return HK_PASTE_END;
	}
	if (strcmp(seq, "Z") == 0)
		return HK_BTAB;
	return HK_NONE;
}

/* Read one key and translate it; HK_NONE on timeout. */
static uint32_t
tui_read(void)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return HK_NONE;
	/* Pasted text comes as it is: line breaks and tabs are text. */
	if (tui_in_paste && r != KEY_CODE_YES && ch != 27)
		return (uint32_t)ch;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return HK_UP;
		case KEY_DOWN:
			return HK_DOWN;
		case KEY_LEFT:
			return HK_LEFT;
		case KEY_RIGHT:
			return HK_RIGHT;
		case KEY_HOME:
			return HK_HOME;
		case KEY_END:
			return HK_END;
		case KEY_PPAGE:
			return HK_PGUP;
		case KEY_NPAGE:
			return HK_PGDN;
		case KEY_BTAB:
			return HK_BTAB;
		case KEY_DC:
			return HK_DEL;
		case KEY_IC:
			return HK_INS;
		case KEY_BACKSPACE:
			return HK_BSPACE;
		case KEY_ENTER:
			return HK_ENTER;
		case KEY_RESIZE:
			return HK_RESIZE;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return (uint32_t)(HK_F1 + (ch - KEY_F(1)));
			return HK_NONE;
		}
	}
	switch (ch) {
	case '\t':
		return HK_TAB;
	case '\r':
	case '\n':
		return HK_ENTER;
	case 27:
		return tui_escape();
	case 127:
	case 8:
		return HK_BSPACE;
	case ' ':
		return HK_SPACE;
	default:
		if (ch >= 1 && ch <= 26)
			return (uint32_t)(HK_CTRL_A + (ch - 1));
		return (uint32_t)ch;
	}
}

/* Tell whether a key is a typed character. */
static bool
tui_is_text(uint32_t k)
{
	return k == HK_SPACE || (k >= 0x20 && k < HK_BASE);
}

/* Give the editor a burst of keys that arrived together. On a terminal
 * without bracketed paste, two or more characters at once (not counting
 * spaces), or one with a line break or tab after it (a copied cell: 2 and
 * a line break), are pasted text, as no one types that fast: from the
 * first character to the last, with the line breaks and tabs right after
 * it, they go in as one paste, so that a line break or a tab never ends
 * the edit and a digit never picks an option; keys before and after count
 * as keys. */
static void
tui_feed(struct ed *e, const uint32_t *keys, size_t n)
{
	size_t a = n, b = 0, text = 0;
	bool after = false;

	for (size_t i = 0; i < n && !tui_bracketed; i++) {
		if (keys[i] == HK_PASTE_START || keys[i] == HK_PASTE_END) {
			text = 0;
			break;
		}
		if (tui_is_text(keys[i])) {
			text += keys[i] != HK_SPACE;
			if (a == n)
				a = i;
			b = i;
		}
	}
	/* The line breaks and tabs that end the copied text. */
	while (text > 0 && b + 1 < n &&
	       (keys[b + 1] == HK_ENTER || keys[b + 1] == HK_TAB)) {
		b++;
		after = true;
	}
	if (text < 2 && !(text == 1 && after)) {
		for (size_t i = 0; i < n && !ed_quitting(e); i++)
			ed_key(e, keys[i]);
		return;
	}
	for (size_t i = 0; i < a && !ed_quitting(e); i++)
		ed_key(e, keys[i]);
	ed_key(e, HK_PASTE_START);
	for (size_t i = a; i <= b; i++)
		ed_key(e, keys[i]);
	ed_key(e, HK_PASTE_END);
	for (size_t i = b + 1; i < n && !ed_quitting(e); i++)
		ed_key(e, keys[i]);
}

/* Read the keys that follow key k at once (all of a bracketed paste,
 * however long it takes to arrive) and hand them to the editor. Returns
 * the last key read (HK_RESIZE when the window changed). */
static uint32_t
tui_burst(struct ed *e, uint32_t k)
{
	size_t n = 0, cap = 256;
	uint32_t *keys = xmalloc(cap * sizeof *keys);

	keys[n++] = k;
	for (;;) {
		/* Inside a paste, wait a little for the rest of it; without
		 * bracketed paste, for keys that follow within 10 ms (a
		 * paste the terminal sends in pieces: no one types that
		 * fast). */
		timeout(tui_in_paste ? 1000 : tui_bracketed ? 0 : 10);
		k = tui_read();
		if (k == HK_NONE && tui_in_paste) {
			tui_in_paste = false;
			k = HK_PASTE_END;
		}
		if (k == HK_NONE || k == HK_RESIZE)
			break;
		if (n == cap) {
			cap *= 2;
			keys = xreallocarray(keys, cap, sizeof *keys);
		}
		keys[n++] = k;
	}
	timeout(500);
	tui_feed(e, keys, n);
	free(keys);
	return k;
}

/* Ask the terminal to mark pasted text (bracketed paste), where its
 * terminfo entry says it can (BE, BD), or stop asking. */
static void
tui_bracketed_paste(bool on)
{
	char *cap = tigetstr(on ? "BE" : "BD");

	if (cap != NULL && cap != (char *)-1) {
		putp(cap);
		fflush(stdout);
		tui_bracketed = on;
	}
}

/* Hand the terminal over to another program (the external editor). */
void
tui_suspend(void)
{
	def_prog_mode();
	tui_bracketed_paste(false);
	endwin();
}

/* Take the terminal back after tui_suspend(). */
void
tui_resume(void)
{
	reset_prog_mode();
	tui_bracketed_paste(true);
	refresh();
}

/* Seconds since an arbitrary start, for the autosave timer. */
static double
tui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the recovery file when typed text is not in it yet: at most once
 * a second while typing goes on, or at once when forced (after a pause).
 * True when whether it can be written changed (the screen says so at
 * once). */
static bool
tui_autosave(struct ed *e, bool force)
{
	static double last;
	double now = tui_now();
	bool failing = ed_autosave_error(e) != NULL;

	if (!ed_autosave_due(e) || (!force && now - last < 1.0) ||
	    ed_readonly(e))
		return false;
	ed_write_recovery(e);
	last = now;
	return failing != (ed_autosave_error(e) != NULL);
}

/* Run the editor in the terminal until the user quits. */
int
tui_run(struct ed *e)
{
	struct view v;
	struct grid g;
	struct sigaction sa;
	int fast_errors = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (initscr() == NULL)
		return 2;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(500);
	tui_bracketed_paste(true);
	tui_colours();
	view_init(&v);
	view_resize(&v, e, COLS, LINES);
	grid_init(&g, COLS, LINES);
	view_draw(e, &v, &g);
	tui_blit(&g);
	while (!ed_quitting(e) && !tui_hangup) {
		double asked = tui_now();
		uint32_t k;

		/* With typing not yet in the recovery file, a pause of 0.2 s
		 * writes it. */
		timeout(ed_autosave_due(e) ? 200 : 500);
		k = tui_read();
		if (k == HK_NONE) {
			/* A read that fails at once, again and again, is a
			 * terminal that has gone without a hang-up signal. */
			if (tui_now() - asked < 0.1) {
				if (++fast_errors >= 50)
					tui_hangup = 1;
			} else {
				fast_errors = 0;
				if (tui_autosave(e, true)) {
					view_draw(e, &v, &g);
					tui_blit(&g);
				}
			}
			continue;
		}
		fast_errors = 0;
		if (k == HK_RESIZE || g.cols != COLS || g.rows != LINES) {
			grid_fini(&g);
			grid_init(&g, COLS, LINES);
			view_resize(&v, e, COLS, LINES);
			clear();
		}
		/* Take everything already typed or pasted before drawing, so
		 * that a pasted paragraph costs one redraw, not thousands. */
		k = tui_burst(e, k);
		if (k == HK_RESIZE) {
			grid_fini(&g);
			grid_init(&g, COLS, LINES);
			view_resize(&v, e, COLS, LINES);
			clear();
		}
		view_draw(e, &v, &g);
		tui_blit(&g);
		if (tui_autosave(e, false)) {
			view_draw(e, &v, &g);
			tui_blit(&g);
		}
	}
	grid_fini(&g);
	if (tui_hangup) {
		/* The connection is gone (or we were told to stop): keep every
		 * typed word in the recovery file; the caller leaves without
		 * waiting on the terminal. */
		tui_autosave(e, true);
		return TUI_HANGUP;
	}
	tui_bracketed_paste(false);
	endwin();
	return 0;
}
