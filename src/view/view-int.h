/* What the parts of the editor's view share (view-*.c): lines of text
 * with roles before they go into the grid, and the small drawing helpers.
 * Private to the view. */
#ifndef HYOKA_VIEW_INT_H
#define HYOKA_VIEW_INT_H

#include "view.h"

/* One line of the form pane before scrolling: up to four pieces. */
struct view_line {
	size_t row;
	int nseg;
	struct view_seg {
		int x;
		char *text;
		enum grid_role role;
	} seg[4];
	bool fill; /* paint the whole line in the first role */
};

struct view_buf {
	struct view_line *v;
	size_t n;
	size_t cur_line; /* line of the text cursor, or (size_t)-1 */
	int cur_x;
	size_t foc_line; /* line of the focused checkbox, or (size_t)-1 */
};

/* view-layout.c */
struct view_line *view_add(struct view_buf *vb, size_t row, int x,
                           const char *text, enum grid_role role);
void view_buf_free(struct view_buf *vb);
void view_add_wrapped(struct view_buf *vb, size_t row, int x, size_t cols,
                      const char *s, enum grid_role role);
const char *view_glyph(const char *fancy, const char *ascii);
const char *view_mark(const char *fancy, const char *plain);
void view_form(const struct ed_look *e, struct view *v, struct grid *g,
               size_t cols);

/* view-popup.c */
void view_popup(const struct ed_look *e, struct view *v, struct grid *g);
void view_box(struct grid *g, int y, int x, int h, int w, const char *title);
void view_list(const struct view *v, struct grid *g, const char *title,
               char **items, size_t n, size_t sel);

/* view-review.c */
char *view_review_label(const struct ed_look *e, const struct ed_row *r,
                        char *label);
void view_review_popup(const struct ed_look *e, struct view *v, struct grid *g);

#endif
