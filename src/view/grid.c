#include <config.h>
#include "grid.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Make a blank grid of a size; release it with grid_fini(). */
void
grid_init(struct grid *g, int cols, int rows)
{
	g->cols = cols > 0 ? cols : 1;
	g->rows = rows > 0 ? rows : 1;
	g->cells = xcalloc((size_t)g->cols * (size_t)g->rows, sizeof *g->cells);
	grid_clear(g);
}

/* Release a grid's cells. */
void
grid_fini(struct grid *g)
{
	free(g->cells);
	g->cells = NULL;
}

/* Blank every cell and hide the cursor. */
void
grid_clear(struct grid *g)
{
	for (int i = 0; i < g->cols * g->rows; i++) {
		g->cells[i].cp = ' ';
		g->cells[i].role = GR_NORMAL;
	}
	g->cur_y = g->cur_x = -1;
}

/* Make cell (y, x) free for new text: a wide character it is half of
 * becomes a space in its other half, so that no half character is left
 * (a popup's frame over 務 leaves a blank, and closing it draws 務 again). */
static void
grid_free_cell(struct grid *g, int y, int x)
{
	struct grid_cell *row = &g->cells[y * g->cols];

	if (row[x].cp == 0 && x > 0)
		row[x - 1].cp = ' ';
	else if (row[x].cp != 0 && x + 1 < g->cols && row[x + 1].cp == 0)
		row[x + 1].cp = ' ';
}

/* Paint w cells of row y from column x with spaces in a role. */
void
grid_fill(struct grid *g, int y, int x, int w, enum grid_role role)
{
	if (y < 0 || y >= g->rows)
		return;
	for (int i = x; i < x + w && i < g->cols; i++) {
		if (i < 0)
			continue;
		grid_free_cell(g, y, i);
		g->cells[y * g->cols + i].cp = ' ';
		g->cells[y * g->cols + i].role = (uint8_t)role;
	}
}

/* Write n bytes of UTF-8 at (y, x), at most maxw columns and never past
 * the edge; control characters are shown as ^X. Returns columns used. */
int
grid_put(struct grid *g, int y, int x, int maxw, const char *s, size_t n,
         enum grid_role role)
{
	int used = 0;

	if (y < 0 || y >= g->rows || x < 0)
		return 0;
	if (maxw < 0 || x + maxw > g->cols)
		maxw = g->cols - x;
	for (size_t i = 0; i < n && used < maxw;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int w = utf8_cp_width(cp);
		struct grid_cell *c = &g->cells[y * g->cols + x + used];

		if (cp < 0x20 || cp == 0x7f) {
			if (used + 2 > maxw)
				break;
			grid_free_cell(g, y, x + used);
			grid_free_cell(g, y, x + used + 1);
			c[0].cp = '^';
			c[1].cp = cp == 0x7f ? '?' : cp + '@';
			c[0].role = c[1].role = (uint8_t)role;
			used += 2;
			i += len;
			continue;
		}
		if (w <= 0) {
			i += len;
			continue;
		}
		if (used + w > maxw)
			break;
		grid_free_cell(g, y, x + used);
		if (w == 2)
			grid_free_cell(g, y, x + used + 1);
		c[0].cp = cp;
		c[0].role = (uint8_t)role;
		if (w == 2) {
			c[1].cp = 0;
			c[1].role = (uint8_t)role;
		}
		used += w;
		i += len;
	}
	return used;
}

/* Write a NUL-terminated string; see grid_put(). */
int
grid_puts(struct grid *g, int y, int x, int maxw, const char *s,
          enum grid_role role)
{
	return grid_put(g, y, x, maxw, s, strlen(s), role);
}

/* Write a string in at most maxw columns; when it does not fit, what fits
 * is written with "…" in the last column(s). Returns columns used. */
int
grid_puts_cut(struct grid *g, int y, int x, int maxw, const char *s,
              enum grid_role role)
{
	static const char dots[] = "…";
	size_t len = strlen(s), used, fit, dw = utf8_width(dots, strlen(dots));

	if (maxw < 0 || x + maxw > g->cols)
		maxw = g->cols - x;
	if (maxw <= 0)
		return 0;
	if (utf8_width(s, len) <= (size_t)maxw)
		return grid_put(g, y, x, maxw, s, len, role);
	if ((size_t)maxw <= dw)
		return grid_puts(g, y, x, maxw, dots, role);
	fit = utf8_fit(s, len, (size_t)maxw - dw, &used);
	grid_put(g, y, x, (int)used, s, fit, role);
	return (int)used + grid_puts(g, y, x + (int)used, (int)dw, dots, role);
}

/* The text of one row, trailing blanks removed; caller frees. */
char *
grid_row_text(const struct grid *g, int y)
{
	struct sbuf sb;
	size_t keep = 0;

	sbuf_init(&sb);
	for (int x = 0; x < g->cols; x++) {
		uint32_t cp = g->cells[y * g->cols + x].cp;
		char buf[4];

		if (cp == 0)
			continue;
		sbuf_add(&sb, buf, utf8_encode(cp, buf));
		if (cp != ' ')
			keep = sb.len;
	}
	sb.buf[keep] = '\0';
	sb.len = keep;
	return sbuf_detach(&sb);
}

/* The whole screen as text lines; caller frees. */
char *
grid_dump(const struct grid *g)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (int y = 0; y < g->rows; y++) {
		char *row = grid_row_text(g, y);

		sbuf_adds(&sb, row);
		sbuf_addc(&sb, '\n');
		free(row);
	}
	return sbuf_detach(&sb);
}
