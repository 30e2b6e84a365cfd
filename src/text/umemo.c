#include <config.h>
#include "umemo.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct umemo_slot {
	uint32_t *key; /* NULL: empty */
	size_t n;
	uint64_t hash;
	int v[UMEMO_VALUES];
};

/* FNV-1a over the words of a key. No memory. */
static uint64_t
umemo_hash(const uint32_t *key, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u ^ n;

	for (size_t i = 0; i < n; i++) {
		h ^= key[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/* The slot of key, or the empty slot where it would go. Borrowed. */
static struct umemo_slot *
umemo_slot(const struct umemo *m, const uint32_t *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct umemo_slot *s = &m->slots[i];

		if (s->key == NULL ||
		    (s->hash == h && s->n == n &&
		     memcmp(s->key, key, n * sizeof *key) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

/* Look up key (umemo.h). No memory. */
bool
umemo_get(const struct umemo *m, const uint32_t *key, size_t n,
          int v[UMEMO_VALUES])
{
	const struct umemo_slot *s;

	if (m->cap == 0)
		return false;
	s = umemo_slot(m, key, n, umemo_hash(key, n));
	if (s->key == NULL)
		return false;
	memcpy(v, s->v, sizeof s->v);
	return true;
}

/* Double the table (or make its first). Memory: the table's. */
static void
umemo_grow(struct umemo *m)
{
	struct umemo old = *m;

	m->cap = old.cap ? 2 * old.cap : 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*umemo_slot(m, old.slots[i].key, old.slots[i].n,
			            old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

/* Remember the values of key (umemo.h). Memory: the table's. */
void
umemo_put(struct umemo *m, const uint32_t *key, size_t n,
          const int v[UMEMO_VALUES])
{
	uint64_t h = umemo_hash(key, n);
	struct umemo_slot *s;

	if (2 * (m->n + 1) > m->cap)
		umemo_grow(m);
	s = umemo_slot(m, key, n, h);
	if (s->key == NULL) {
		s->key = xcalloc(n + 1, sizeof *key);
		memcpy(s->key, key, n * sizeof *key);
		s->n = n;
		s->hash = h;
		m->n++;
	}
	memcpy(s->v, v, sizeof s->v);
}

/* Free what the table holds. */
void
umemo_fini(struct umemo *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
