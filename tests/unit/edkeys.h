/*
 * Driving the editor model from unit tests, header only: a look at its
 * state, keys pressed and text typed with a redraw after each key (as key
 * replay and the terminal do), and Ctrl-F to an item.
 */
#ifndef HYOKA_TEST_EDKEYS_H
#define HYOKA_TEST_EDKEYS_H

#include <stdint.h>
#include <string.h>

#include "ed.h"
#include "key.h"
#include "utf8.h"
#include "view.h"

/* The screen of the tests, kept between keys as a terminal keeps it. */
static struct view view;

/* A look at the editor's state, valid until the next key. No memory. */
static inline const struct ed_look *
look(const struct ed *e)
{
	static struct ed_look l;

	ed_look(e, &l);
	return &l;
}

/* Feed keys, drawing after each as key replay does. No memory. */
static inline void
keys(struct ed *e, const uint32_t *k, size_t n)
{
	struct grid g;

	grid_init(&g, 80, 24);
	for (size_t i = 0; i < n; i++) {
		ed_key(e, k[i]);
		view_draw(e, &view, &g);
	}
	grid_fini(&g);
}

/* Press one key. No memory. */
static inline void
press(struct ed *e, uint32_t key)
{
	keys(e, &key, 1);
}

/* Type UTF-8 text (at most 256 characters) as keys. No memory. */
static inline void
type(struct ed *e, const char *s)
{
	uint32_t k[256];
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len && n < 256;)
		i += utf8_decode(s + i, len - i, &k[n++]);
	keys(e, k, n);
}

/* Find an item with Ctrl-F and go to it with Enter. No memory. */
static inline void
go(struct ed *e, const char *words)
{
	press(e, HK_CTRL('f'));
	type(e, words);
	press(e, HK_ENTER);
}

#endif
