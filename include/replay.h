/* Key replay: run the editor on a virtual screen from a list of keys.
 * A keys file has one key per line: a tmux-style name (Enter, Tab, C-s,
 * F1 ...), "text:" followed by characters typed literally, or "paste:"
 * followed by text pasted as one block (\n line break, \t tab). */
#ifndef HYOKA_REPLAY_H
#define HYOKA_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ed.h"

bool replay_parse(const char *name, const char *text, uint32_t **keys,
                  size_t *nkeys, struct diag_list *diags);
char *replay_run(struct ed *e, const uint32_t *keys, size_t nkeys, int cols,
                 int rows);

#endif
