#include <config.h>
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "charset.h"
#include "grid.h"
#include "i18n.h"
#include "key.h"
#include "session.h"
#include "xalloc.h"

static volatile sig_atomic_t tui_hangup;

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

/* Copy the grid to the curses screen. Characters the terminal's charset
 * cannot show become ? (or a full-width ？ for wide ones). */
static void
tui_blit(const struct grid *g)
{
	bool utf8 = charset_is_utf8();

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
				bool narrow_cell =
				        x + 1 >= g->cols ||
				        g->cells[y * g->cols + x + 1].cp != 0;

				/* Box drawing is two columns wide in EUC-JP:
				 * draw the frame with ASCII instead. */
				if (narrow_cell && wcwidth(wc[0]) == 2)
					wc[0] = tui_narrow(wc[0]);
				memset(&st, 0, sizeof st);
				if (wcrtomb(mb, wc[0], &st) == (size_t)-1)
					wc[0] = x + 1 < g->cols &&
					                        g->cells[y * g->cols +
					                                 x + 1]
					                                        .cp ==
					                                0
					                ? L'？'
					                : L'?';
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
	refresh();
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

/* Run $VISUAL or $EDITOR (words split on blanks, no shell) on path with
 * the terminal handed over; false when it could not run. */
static bool
tui_run_editor(void *ctx, const char *path)
{
	bool ok;

	(void)ctx;
	def_prog_mode();
	endwin();
	ok = ed_spawn_editor(path, "vi");
	reset_prog_mode();
	refresh();
	return ok;
}

/* Seconds since an arbitrary start, for the autosave timer. */
static double
tui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the recovery file when typed text is not in it yet, at most once a
 * second unless forced. */
static void
tui_autosave(struct ed *e, bool force)
{
	static double last;
	double now = tui_now();
	char *buf, *err = NULL;
	size_t len;

	if (!ed_autosave_due(e) || (!force && now - last < 1.0) || e->readonly)
		return;
	buf = ed_recovery_text(e, &len);
	if (buf != NULL && session_write_recovery(e->file, buf, len, &err))
		e->saved_gen = e->gen;
	free(err);
	free(buf);
	last = now;
}

/* Run the editor in the terminal until the user quits. */
int
tui_run(struct ed *e)
{
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
	tui_colours();
	e->host.run_editor = tui_run_editor;
	grid_init(&g, COLS, LINES);
	ed_draw(e, &g);
	tui_blit(&g);
	while (!e->quit && !tui_hangup) {
		double asked = tui_now();
		uint32_t k = tui_read();

		if (k == HK_NONE) {
			/* A read that fails at once, again and again, is a
			 * terminal that has gone without a hang-up signal. */
			if (tui_now() - asked < 0.1) {
				if (++fast_errors >= 50)
					tui_hangup = 1;
			} else {
				fast_errors = 0;
			}
			tui_autosave(e, false);
			continue;
		}
		fast_errors = 0;
		if (k == HK_RESIZE || g.cols != COLS || g.rows != LINES) {
			grid_fini(&g);
			grid_init(&g, COLS, LINES);
			clear();
		}
		ed_key(e, k);
		/* Take everything already typed or pasted before drawing, so
		 * that a pasted paragraph costs one redraw, not thousands. */
		timeout(0);
		while (!e->quit && (k = tui_read()) != HK_NONE &&
		       k != HK_RESIZE)
			ed_key(e, k);
		timeout(500);
		if (k == HK_RESIZE) {
			grid_fini(&g);
			grid_init(&g, COLS, LINES);
			clear();
		}
		ed_draw(e, &g);
		tui_blit(&g);
		tui_autosave(e, false);
	}
	grid_fini(&g);
	if (tui_hangup) {
		/* The connection is gone (or we were told to stop): keep every
		 * typed word in the recovery file and leave without waiting on
		 * the terminal. */
		tui_autosave(e, true);
		session_unlock(e->file);
		_exit(1);
	}
	endwin();
	return 0;
}
