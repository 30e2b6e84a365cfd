#include <config.h>
#include "refname.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "utf8.h"
#include "xalloc.h"

/* The ref of a node without its file prefix (F*:). Borrowed. */
const char *
refname_local(const struct fdef_node *n)
{
	const char *colon = strchr(n->ref, ':');

	return colon != NULL ? colon + 1 : n->ref;
}

/* Split a ref into its components at '-'. Caller frees the array and its
 * strings. */
char **
refname_split(const char *ref, size_t *n)
{
	char **v = NULL;
	const char *p = ref;

	*n = 0;
	for (;;) {
		const char *dash = strchr(p, '-');
		size_t len = dash ? (size_t)(dash - p) : strlen(p);

		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(p, len);
		if (dash == NULL)
			break;
		p = dash + 1;
	}
	return v;
}

/* Free an array of strings. */
void
refname_free_split(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The ①..⑳ a ref component is, or 0. No memory. */
int
refname_circled(const char *comp)
{
	uint32_t cp;
	size_t len = strlen(comp);

	if (len == 0 || utf8_decode(comp, len, &cp) != len)
		return 0;
	return jtext_circled(cp);
}

/* The number a ref component is (the 4 of I-4), or 0. No memory. */
int
refname_number(const char *comp)
{
	int v = 0;

	if (*comp == '\0' || strlen(comp) > 3)
		return 0;
	for (const char *p = comp; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* The word of a repeat's instance label (システム of システム*). Caller
 * frees. */
char *
refname_instance_word(const struct fdef_node *repeat)
{
	const char *l = repeat->instance_label;
	const char *star = l ? strchr(l, '*') : NULL;

	if (star == NULL || star == l)
		return NULL;
	return xstrndup(l, (size_t)(star - l));
}
