/*
 * Remembered results of pure functions of code point texts: a hash table
 * from a key (an array of 32-bit words: the code points and whatever else
 * the result depends on) to a few integers. The resolver asks the same
 * question of many rows of a change log ("does this text name this
 * item?"), and the answer depends only on the text and the item.
 */
#ifndef HYOKA_UMEMO_H
#define HYOKA_UMEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UMEMO_VALUES 5

struct umemo_slot;

struct umemo {
	struct umemo_slot *slots;
	size_t cap, n;
};

/* Look up key (n words); true and the values in v when it is known.
 * No memory. */
bool umemo_get(const struct umemo *m, const uint32_t *key, size_t n,
               int v[UMEMO_VALUES]);

/* Remember the values of key (copied). Memory: the table's. */
void umemo_put(struct umemo *m, const uint32_t *key, size_t n,
               const int v[UMEMO_VALUES]);

/* Free what the table holds; it is empty again. */
void umemo_fini(struct umemo *m);

#endif
