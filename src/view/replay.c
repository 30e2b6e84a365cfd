#include <config.h>
#include "replay.h"

#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "i18n.h"
#include "key.h"
#include "utf8.h"
#include "view.h"
#include "xalloc.h"

/* Append one key to a growing array. */
static void
replay_push(uint32_t **keys, size_t *n, uint32_t k)
{
	if ((*n & 63) == 0)
		*keys = xreallocarray(*keys, *n + 64, sizeof **keys);
	(*keys)[(*n)++] = k;
}

/* Parse a keys file into key codes; false with diagnostics on error.
 * The caller frees *keys. */
bool
replay_parse(const char *name, const char *text, uint32_t **keys, size_t *nkeys,
             struct diag_list *diags)
{
	const char *p = text;
	int line = 0;
	bool ok = true;

	*keys = NULL;
	*nkeys = 0;
	if (!utf8_valid(text, strlen(text), NULL)) {
		diag_add(diags, DIAG_ERROR, name, 1, 1, "%s",
		         _("the keys file is not valid UTF-8"));
		return false;
	}
	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *l = xstrndup(p, len);
		size_t ll = strlen(l);

		line++;
		if (ll > 0 && l[ll - 1] == '\r')
			l[--ll] = '\0';
		if (strncmp(l, "paste:", 6) == 0) {
			/* A pasted block: \n, \t and \\ stand for a line
			 * break, a tab and a backslash. */
			replay_push(keys, nkeys, HK_PASTE_START);
			for (size_t i = 6; i < ll;) {
				uint32_t cp;

				if (l[i] == '\\' && i + 1 < ll &&
				    strchr("nt\\", l[i + 1]) != NULL) {
					cp = l[i + 1] == 'n'   ? '\n'
					     : l[i + 1] == 't' ? '\t'
					                       : '\\';
					i += 2;
				} else {
					i += utf8_decode(l + i, ll - i, &cp);
				}
				replay_push(keys, nkeys, cp);
			}
			replay_push(keys, nkeys, HK_PASTE_END);
		} else if (strncmp(l, "text:", 5) == 0) {
			for (size_t i = 5; i < ll;) {
				uint32_t cp;

				i += utf8_decode(l + i, ll - i, &cp);
				replay_push(keys, nkeys, cp);
			}
		} else if (ll > 0 && l[0] != '#') {
			uint32_t k = key_from_name(l);

			if (k == HK_NONE) {
				diag_add(
				        diags, DIAG_ERROR, name, line, 1,
				        _("unknown key \"%s\"; use names such as Enter, Tab, BTab, Up, C-s, F1 or text:..."),
				        l);
				ok = false;
			} else {
				replay_push(keys, nkeys, k);
			}
		}
		free(l);
		p += len;
		if (*p == '\n')
			p++;
	}
	if (!ok) {
		free(*keys);
		*keys = NULL;
		*nkeys = 0;
	}
	return ok;
}

/* Feed keys to the editor on a virtual screen of cols x rows, drawing after
 * each key as the terminal would; returns the final screen (caller frees). */
char *
replay_run(struct ed *e, const uint32_t *keys, size_t nkeys, int cols, int rows)
{
	struct view v;
	struct grid g;
	char *dump;

	view_init(&v);
	view_resize(&v, e, cols, rows);
	grid_init(&g, cols, rows);
	view_draw(e, &v, &g);
	for (size_t i = 0; i < nkeys && !ed_quitting(e); i++) {
		ed_key(e, keys[i]);
		view_draw(e, &v, &g);
	}
	dump = grid_dump(&g);
	grid_fini(&g);
	return dump;
}
